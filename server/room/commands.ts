/**
 * The facilitator's commands, one handler per event of the protocol's registry: each checks its rule, writes
 * through the store, updates the room's mirror after the commit, and names the change it made. A new command
 * is a new entry here and in `CLIENT_EVENTS`; the room and the transport pick it up from there.
 */
import { isChallengeQuestion } from "../../lib/challenge-questions";
import { ACTION_DOTS_TEMPLATE, actionPromptTemplate, parseActionTemplate, proposalOptions, type Proposal } from "../../lib/poll/actions";
import { FOLLOWUP_MIN_OPTIONS, followupOptionIds } from "../../lib/poll/followup";
import { draftProblems, DRAFT_PROBLEM_MESSAGES, hasMaximum, hasOptions, maximumOf } from "../../lib/poll/question-draft";
import { extendedDeadline, timeIsUp, timerDeadline } from "../../lib/poll/timer";
import { fail, ok, type Ack, type AckOf, type FacilitatorEvent, type FloorSettings, type FloorStatus, type ParsedPayloadOf, type QuestionDraft } from "../../lib/protocol";
import { DEFAULT_SCALE, LIMITS } from "../../lib/protocol-constants";
import { FOLLOWUP_PROMPT } from "../../lib/templates";
import { newId } from "../keys";
import { FRESH_QUESTION, type QuestionPatch, type StoredQuestion } from "../store/store";
import { BallotBook } from "./ballot-book";
import { floorQuestionView } from "./floor-book";
import type { RoomEvent } from "./room-events";
import { answered, findAnswer, loadPrevious, type LiveQuestion, type Room } from "./room";

/** What a command changed, as the room announces it (the room adds itself and the origin). */
export type RoomChange = Extract<RoomEvent, { type: "question-changed" } | { type: "answers-moderated" } | { type: "session-changed" } | { type: "floor-changed" }> extends infer T
  ? T extends unknown
    ? Omit<T, "room" | "origin">
    : never
  : never;

interface Outcome<T> {
  ack: Ack<T>;
  changes?: RoomChange[];
}

type Handler<E extends FacilitatorEvent> = (room: Room, payload: ParsedPayloadOf<E>) => Promise<Outcome<AckOf<E>>>;

const refused = (code: Parameters<typeof fail>[0], message: string): Outcome<never> => ({ ack: fail(code, message) });
const noQuestion = refused("question_not_found", "no such question in this session");

/** A facilitator's own question; options get short stable ids in their order. */
export function questionFromDraft(draft: QuestionDraft, sessionId: string, position: number): Omit<StoredQuestion, "id"> {
  return {
    sessionId,
    position,
    kind: draft.kind,
    template: null,
    prompt: draft.prompt,
    options: hasOptions(draft.kind) ? (draft.options ?? []).map((label, i) => ({ id: `o${i + 1}`, label })) : null,
    maxChoices: maximumOf(draft.kind, draft.maxChoices),
    scale: draft.kind === "scale" ? (draft.scale ?? { ...DEFAULT_SCALE }) : null,
    ...FRESH_QUESTION,
    notes: draft.notes ?? null,
    grouping: draft.grouping ?? false,
    audience: draft.audience ? { questionId: draft.audience.questionId, optionIds: [...new Set(draft.audience.optionIds)] } : null,
  };
}

/** Why a draft's groups cannot be: a grouping question that is no single choice, an audience of no grouping answers. */
function groupsProblem(room: Room, draft: QuestionDraft, self?: LiveQuestion): string | null {
  if (draft.grouping && draft.kind !== "single") return "only a single-choice question can sort the room into groups";
  const audience = draft.audience;
  if (!audience) return null;
  const by = room.find(audience.questionId);
  if (!by || by === self || !by.stored.grouping) return "a question can only be asked of the answers to a grouping question of this session";
  const ids = room.view(by).options.map((o) => o.id);
  if (!audience.optionIds.every((id) => ids.includes(id))) return "the audience names an answer the grouping question does not have";
  return null;
}

/** Questions asked of a grouping question's answers, or a split by it, rest on it: it must stay as it is. */
function dependents(room: Room, q: LiveQuestion): boolean {
  return room.session.splitBy === q.stored.id || room.questions.some((x) => x.stored.audience?.questionId === q.stored.id);
}

async function patch(room: Room, q: LiveQuestion, fields: QuestionPatch): Promise<void> {
  await room.store.updateQuestion(q.stored.id, fields);
  q.stored = { ...q.stored, ...fields };
}

async function renumber(room: Room): Promise<void> {
  await room.store.setPositions(room.questions.map((q, position) => ({ id: q.stored.id, position })));
  room.questions.forEach((q, position) => (q.stored = { ...q.stored, position }));
}

async function insertQuestion(room: Room, fields: Omit<StoredQuestion, "id" | "position">, at: number): Promise<LiveQuestion> {
  const stored: StoredQuestion = { ...fields, id: newId("q_"), position: at };
  await room.store.insertQuestion(stored);
  const q: LiveQuestion = { stored, ballots: new BallotBook(), pendingWrites: 0, checkedSeq: 0 };
  room.questions.splice(at, 0, q);
  await renumber(room);
  return q;
}

async function activate(room: Room, questionId: string | null): Promise<void> {
  await room.store.setActiveQuestion(room.id, questionId);
  room.session = { ...room.session, activeQuestionId: questionId };
}

/** A change of the question itself (status, visibility, wording, maximum): phones keep their ballots. */
function inPlace(room: Room, q: LiveQuestion): RoomChange[] {
  return [{ type: "question-changed", questionId: q.stored.id, active: q.stored.id === room.session.activeQuestionId, inPlace: true }];
}

/** The session's question structure changed: every socket gets a fresh state. */
function restructured(room: Room, questionId: string | null): RoomChange[] {
  return [{ type: "question-changed", questionId, active: questionId !== null && questionId === room.session.activeQuestionId, inPlace: false }];
}

/** A command on one named question that changes one field in place. */
function setField<E extends "question:open" | "question:close" | "results:show" | "results:hide" | "results:conceal" | "results:reveal">(fields: QuestionPatch): Handler<E> {
  const handler: Handler<"question:open"> = async (room, { questionId }) => {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    await patch(room, q, fields);
    return { ack: ok({ question: room.view(q) }), changes: inPlace(room, q) };
  };
  return handler as Handler<E>;
}

function moderate<E extends "answer:hide" | "answer:show">(hidden: boolean): Handler<E> {
  const handler: Handler<"answer:hide"> = async (room, { questionId, answerId: id }) => {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    const entry = findAnswer(q, id);
    if (!entry) return refused("not_found", "no such answer in the current round");
    const seq = await room.store.setBallotHidden(q.stored.id, q.stored.round, entry[0], hidden);
    if (seq === undefined) return refused("not_found", "no such answer in the current round");
    const current = q.ballots.get(entry[0]);
    if (current && current.seq < seq) q.ballots.set(entry[0], { ...current, hidden, seq });
    return { ack: ok({ answerId: id }), changes: [{ type: "answers-moderated", questionId: q.stored.id }] };
  };
  return handler as Handler<E>;
}

/** No countdown: what opening, closing or resetting a question leaves. */
const NO_TIMER = { closesAt: null, timerSeconds: null } as const;

/** Is a countdown running on this question (open, with a deadline still ahead)? */
function timerRunning(q: LiveQuestion, nowMs: number): boolean {
  return q.stored.status === "open" && q.stored.closesAt !== null && !timeIsUp(q.stored, nowMs);
}

/**
 * The server's own command, run by the room at a countdown's deadline (and when a room is loaded after one
 * passed): close every open question whose deadline has come. The store refuses ballots from the deadline on
 * already; this makes the close show everywhere.
 */
export async function closeExpired(room: Room, nowMs: number): Promise<RoomChange[]> {
  const changes: RoomChange[] = [];
  for (const q of room.questions) {
    if (q.stored.status !== "open" || !timeIsUp(q.stored, nowMs)) continue;
    await patch(room, q, { status: "closed", ...NO_TIMER });
    changes.push(...inPlace(room, q));
  }
  return changes;
}

function moderateWord<E extends "word:hide" | "word:show">(hidden: boolean): Handler<E> {
  const handler: Handler<"word:hide"> = async (room, { questionId, key }) => {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    if (q.stored.kind !== "words") return refused("invalid_payload", "only a word cloud has words to hide");
    const others = q.stored.hiddenWords.filter((k) => k !== key);
    await patch(room, q, { hiddenWords: hidden ? [...others, key] : others });
    return { ack: ok({ key }), changes: [{ type: "answers-moderated", questionId: q.stored.id }] };
  };
  return handler as Handler<E>;
}

const noFloorQuestion = refused("not_found", "no such question from the floor in this session");

async function setFloorSettings(room: Room, settings: FloorSettings): Promise<void> {
  await room.store.setFloorSettings(room.id, settings);
  room.session = { ...room.session, floor: settings };
  room.floorChanged();
}

/** Show or hide a question from the floor; a hidden question leaves the screen's highlight too. */
function moderateFloor<E extends "floor:approve" | "floor:hide">(status: FloorStatus): Handler<E> {
  const handler: Handler<"floor:approve"> = async (room, { floorId }) => {
    const q = room.floor.get(floorId);
    if (!q) return noFloorQuestion;
    const rev = await room.store.updateFloorQuestion(floorId, { status });
    if (rev === undefined) return noFloorQuestion;
    q.stored = { ...q.stored, status, rev };
    room.floorChanged();
    if (status !== "shown" && room.session.floor.highlight === floorId) await setFloorSettings(room, { ...room.session.floor, highlight: null });
    return { ack: ok({ question: floorQuestionView(q) }), changes: [{ type: "floor-changed", askedBy: q.stored.participantKey }] };
  };
  return handler as Handler<E>;
}

export const COMMANDS: { [E in FacilitatorEvent]: Handler<E> } = {
  "question:open": setField({ status: "open", ...NO_TIMER }),
  "question:close": setField({ status: "closed", ...NO_TIMER }),
  "results:show": setField({ resultsVisible: true }),
  "results:hide": setField({ resultsVisible: false }),
  "results:conceal": setField({ silent: true }),
  "results:reveal": setField({ silent: false }),

  async "question:reset"(room, { questionId }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    await patch(room, q, { round: q.stored.round + 1, ...NO_TIMER });
    q.ballots.clear();
    return { ack: ok({ question: room.view(q) }), changes: restructured(room, q.stored.id) };
  },

  async "question:revote"(room, { questionId }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    const round = q.stored.round;
    // The store writes the ballots still waiting before the new round starts, so the round kept is complete.
    await patch(room, q, { round: round + 1, keptRounds: [...q.stored.keptRounds, round], status: "open", ...NO_TIMER });
    q.ballots.clear();
    await loadPrevious(room.store, q);
    // Every phone gets a state of its own: the same question, opened again, without its ballot.
    return { ack: ok({ question: room.view(q) }), changes: restructured(room, q.stored.id) };
  },

  async "question:configure"(room, { questionId, maxChoices }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    if (!hasMaximum(q.stored.kind)) return refused("invalid_payload", "only multiple-choice, ranking and dot questions have a maximum");
    const options = room.view(q).options.map((o) => o.label);
    const [problem] = draftProblems({ kind: q.stored.kind, prompt: "-", options, maxChoices }).filter((p) => p === "max" || p === "budget");
    if (problem) return refused("invalid_payload", DRAFT_PROBLEM_MESSAGES[problem]);
    if (q.stored.kind === "dots" && maxChoices === null) return refused("invalid_payload", DRAFT_PROBLEM_MESSAGES.budget);
    if (answered(q) && maxChoices !== q.stored.maxChoices) {
      return refused("question_locked", "the maximum can only change before the first vote (or after a reset)");
    }
    await patch(room, q, { maxChoices });
    return { ack: ok({ question: room.view(q) }), changes: inPlace(room, q) };
  },

  async "question:add"(room, { commandId: _commandId, ...draft }) {
    const problem = groupsProblem(room, draft);
    if (problem) return refused("invalid_payload", problem);
    const q = await insertQuestion(room, questionFromDraft(draft, room.id, room.questions.length), room.questions.length);
    if (room.session.activeQuestionId === null) await activate(room, q.stored.id);
    return { ack: ok({ question: room.view(q) }), changes: restructured(room, q.stored.id) };
  },

  async "question:update"(room, { questionId, draft }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    // Their template ties them to the round (a challenge, the proposals' challenges, an action of the plan): a draft has none.
    if (parseActionTemplate(q.stored.template)) return refused("question_locked", "the action round's questions keep their wording: remove one and make it again");
    if (answered(q)) return refused("question_locked", "a question can only be edited before its first vote (or after a reset)");
    if (dependents(room, q)) return refused("question_locked", "other questions are asked of its answers, or the results are split by it");
    const problem = groupsProblem(room, draft, q);
    if (problem) return refused("invalid_payload", problem);
    const before = q.stored.audience;
    const { kind, template, prompt, options, maxChoices, scale, grouping, audience } = questionFromDraft(draft, room.id, q.stored.position);
    await patch(room, q, { kind, template, prompt, options, maxChoices, scale, grouping, audience, ...(draft.notes !== undefined ? { notes: draft.notes } : {}) });
    // Who is asked changed: every phone gets a state of its own (asked or not); otherwise one message for all.
    const changes = JSON.stringify(before) === JSON.stringify(audience) ? inPlace(room, q) : restructured(room, q.stored.id);
    return { ack: ok({ question: room.view(q) }), changes };
  },

  async "question:move"(room, { questionId, position }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    const to = Math.min(position, room.questions.length - 1);
    room.questions.splice(room.questions.indexOf(q), 1);
    room.questions.splice(to, 0, q);
    await renumber(room);
    return { ack: ok({ question: room.view(q) }), changes: restructured(room, q.stored.id) };
  },

  async "question:remove"(room, { questionId }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    if (dependents(room, q)) return refused("question_locked", "other questions are asked of its answers, or the results are split by it");
    await room.store.deleteQuestion(q.stored.id);
    const index = room.questions.indexOf(q);
    room.questions.splice(index, 1);
    await renumber(room);
    if (room.session.activeQuestionId === q.stored.id) {
      await activate(room, (room.questions[index] ?? room.questions[index - 1])?.stored.id ?? null);
    }
    return { ack: ok({ questionId: q.stored.id }), changes: restructured(room, room.session.activeQuestionId) };
  },

  async "question:activate"(room, { questionId }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    await activate(room, q.stored.id);
    return { ack: ok({ question: room.view(q) }), changes: restructured(room, q.stored.id) };
  },

  async "followup:create"(room, { questionId, topN }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    if (q.stored.kind !== "multiple") return refused("invalid_payload", "a follow-up ranks the options of a multiple-choice question");
    const options = room.view(q).options;
    const ids = followupOptionIds(
      options.map((o) => o.id),
      room.results(q).counts,
      topN,
    );
    if (ids.length < FOLLOWUP_MIN_OPTIONS) return refused("invalid_payload", "a follow-up needs at least two options that someone chose");
    const top = ids.map((id) => ({ id, label: options.find((o) => o.id === id)?.label ?? "" }));
    const followup = await insertQuestion(
      room,
      {
        sessionId: room.id,
        kind: "ranking",
        template: null,
        prompt: FOLLOWUP_PROMPT[room.session.language],
        options: top,
        maxChoices: top.length,
        scale: null,
        ...FRESH_QUESTION,
        grouping: false,
        audience: null,
      },
      room.questions.indexOf(q) + 1,
    );
    await activate(room, followup.stored.id);
    return { ack: ok({ question: room.view(followup) }), changes: restructured(room, followup.stored.id) };
  },

  async "actions:prompts"(room, { questionId, topN }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    const view = room.view(q);
    if (q.stored.kind !== "multiple" || !isChallengeQuestion(view)) return refused("invalid_payload", "actions are proposed for the top challenges of a multiple-choice question about the nine challenges");
    const ids = followupOptionIds(
      view.options.map((o) => o.id),
      room.results(q).counts,
      topN,
    );
    if (ids.length === 0) return refused("invalid_payload", "nobody chose a challenge yet: there is nothing to propose actions for");
    // One open question per challenge, in the order of the counts, right after the challenge question. A challenge
    // that has one already keeps it: a command sent again after a failure half-way (a full disk) or from a second
    // console completes the round instead of asking twice.
    let at = room.questions.indexOf(q) + 1;
    const prompts: LiveQuestion[] = [];
    for (const challengeId of ids) {
      const template = actionPromptTemplate(challengeId);
      const asked = room.questions.find((x) => x.stored.template === template);
      if (asked) {
        prompts.push(asked);
        continue;
      }
      prompts.push(
        await insertQuestion(room, { sessionId: room.id, kind: "open", template, prompt: null, options: null, maxChoices: null, scale: null, ...FRESH_QUESTION, grouping: false, audience: null }, at),
      );
      at += 1;
    }
    await activate(room, prompts[0]?.stored.id ?? null);
    return { ack: ok({ questions: prompts.map((p) => room.view(p)) }), changes: restructured(room, room.session.activeQuestionId) };
  },

  async "actions:dots"(room, { proposals, budget }) {
    const picked: Proposal[] = [];
    let last = -1;
    for (const { questionId, answerId: id } of proposals) {
      const q = room.find(questionId);
      const round = parseActionTemplate(q?.stored.template);
      if (!q || round?.kind !== "prompt") return refused("question_not_found", `${questionId} is no question of this session's action round`);
      const entry = findAnswer(q, id);
      if (!entry || typeof entry[1].answer !== "string") return refused("not_found", `no such proposal: ${id}`);
      if (entry[1].hidden) return refused("invalid_payload", `proposal ${id} was taken off the screen: show it again first`);
      picked.push({ text: entry[1].answer, about: round.challengeId });
      last = Math.max(last, room.questions.indexOf(q));
    }
    const options = proposalOptions(picked);
    if (options.length < 2) return refused("invalid_payload", "a dot vote needs at least two different proposals");
    const maxChoices = budget ?? LIMITS.dotBudget.default;
    // The same dot vote made a moment ago and not voted on yet (a command sent again after a failure between its
    // writes, a second console): opened again rather than made twice.
    const same = room.questions.find(
      (x) => x.stored.template === ACTION_DOTS_TEMPLATE && !answered(x) && x.stored.maxChoices === maxChoices && JSON.stringify(x.stored.options) === JSON.stringify(options),
    );
    if (same) {
      await activate(room, same.stored.id);
      return { ack: ok({ question: room.view(same) }), changes: restructured(room, same.stored.id) };
    }
    const dots = await insertQuestion(
      room,
      {
        sessionId: room.id,
        kind: "dots",
        template: ACTION_DOTS_TEMPLATE,
        prompt: null,
        options,
        maxChoices,
        scale: null,
        ...FRESH_QUESTION,
        grouping: false,
        audience: null,
      },
      last + 1,
    );
    await activate(room, dots.stored.id);
    return { ack: ok({ question: room.view(dots) }), changes: restructured(room, dots.stored.id) };
  },

  "answer:hide": moderate(true),
  "answer:show": moderate(false),
  "word:hide": moderateWord(true),
  "word:show": moderateWord(false),

  async "session:rename"(room, { title }) {
    await room.store.setSessionTitle(room.id, title);
    room.session = { ...room.session, title };
    return { ack: ok({ session: room.sessionView() }), changes: [{ type: "session-changed" }] };
  },

  async "question:notes"(room, { questionId, notes }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    await patch(room, q, { notes });
    // Only facilitators see notes: their question list changes, phones hear nothing.
    return { ack: ok({ question: room.view(q) }), changes: [{ type: "question-changed", questionId: q.stored.id, active: false, inPlace: true }] };
  },

  async "timer:start"(room, { questionId, seconds }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    await patch(room, q, { status: "open", closesAt: timerDeadline(Date.now(), seconds), timerSeconds: seconds });
    return { ack: ok({ question: room.view(q) }), changes: inPlace(room, q) };
  },

  async "timer:extend"(room, { questionId, seconds }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    const now = Date.now();
    if (!timerRunning(q, now) || q.stored.closesAt === null) return refused("timer_not_running", "no countdown is running on this question");
    await patch(room, q, { closesAt: extendedDeadline(q.stored.closesAt, now, seconds), timerSeconds: (q.stored.timerSeconds ?? 0) + seconds });
    return { ack: ok({ question: room.view(q) }), changes: inPlace(room, q) };
  },

  async "timer:stop"(room, { questionId }) {
    const q = room.find(questionId);
    if (!q) return noQuestion;
    if (!timerRunning(q, Date.now())) return refused("timer_not_running", "no countdown is running on this question");
    await patch(room, q, NO_TIMER);
    return { ack: ok({ question: room.view(q) }), changes: inPlace(room, q) };
  },

  async "floor:configure"(room, { open, approval, screen }) {
    const current = room.session.floor;
    const settings: FloorSettings = { open: open ?? current.open, approval: approval ?? current.approval, screen: screen ?? current.screen, highlight: current.highlight };
    await setFloorSettings(room, settings);
    return { ack: ok({ settings }), changes: [{ type: "floor-changed" }] };
  },

  "floor:approve": moderateFloor("shown"),
  "floor:hide": moderateFloor("hidden"),

  async "floor:answer"(room, { floorId, answered }) {
    const q = room.floor.get(floorId);
    if (!q) return noFloorQuestion;
    const rev = await room.store.updateFloorQuestion(floorId, { answered });
    if (rev === undefined) return noFloorQuestion;
    q.stored = { ...q.stored, answered, rev };
    room.floorChanged();
    return { ack: ok({ question: floorQuestionView(q) }), changes: [{ type: "floor-changed", askedBy: q.stored.participantKey }] };
  },

  async "floor:highlight"(room, { floorId }) {
    if (floorId !== null && room.floor.get(floorId)?.stored.status !== "shown") return refused("not_found", "only a question shown to the room can be highlighted");
    const settings = { ...room.session.floor, highlight: floorId };
    await setFloorSettings(room, settings);
    return { ack: ok({ settings }), changes: [{ type: "floor-changed" }] };
  },

  async "results:split"(room, { byQuestionId }) {
    const by = byQuestionId === null ? null : room.find(byQuestionId);
    if (by === undefined) return noQuestion;
    if (by && !by.stored.grouping) return refused("invalid_payload", "results can only be split by a grouping question");
    await room.store.setSplitBy(room.id, byQuestionId);
    room.session = { ...room.session, splitBy: byQuestionId };
    return { ack: ok({ splitBy: byQuestionId }), changes: [{ type: "question-changed", questionId: null, active: false, inPlace: true }] };
  },
};
