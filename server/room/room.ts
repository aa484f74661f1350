/**
 * One session's room as a node holds it: the session, its questions and their current ballots, mirrored from
 * the store. A ballot or a facilitator command goes in; after the store has committed it, domain events come
 * out (room-events.ts). The room knows nothing of sockets or HTTP.
 */
import { createHash } from "node:crypto";
import { checkAnswer } from "../../lib/poll/ballot";
import { questionResults, type CountedBallot, type ResultsQuestion } from "../../lib/poll/results";
import { RunningTally } from "../../lib/poll/running-tally";
import { SplitTally } from "./split-tally";
import { NO_GROUP, protectSplit, type GroupTally } from "../../lib/poll/split";
import { scaleMean } from "../../lib/poll/tally";
import { askRefusal, cleanFloorName, cleanFloorText, type FloorAudience } from "../../lib/poll/floor";
import { timeIsUp, timerView } from "../../lib/poll/timer";
import { TEMPLATE_NOTES } from "../../lib/template-notes";
import {
  fail,
  ok,
  type Ack,
  type AckOf,
  type Answer,
  type FacilitatorEvent,
  type FloorQuestionView,
  type FloorView,
  type FloorVoted,
  type ParsedPayloadOf,
  type QuestionSummary,
  type QuestionView,
  type Results,
  type RoundResults,
  type SessionView,
  type SplitResults,
  type VoteCast,
  type VoteCastResult,
} from "../../lib/protocol";
import { LIMITS } from "../../lib/protocol-constants";
import { questionRules, questionView } from "../../lib/question-view";
import { hashKey, keyMatches, newId, newSecretKey } from "../keys";
import type { BallotSaved, Store, StoredBallot, StoredCoHost, StoredQuestion, StoredSession } from "../store/store";
import { BallotBook, type LiveBallot } from "./ballot-book";
import { CommandLog } from "./command-log";
import { FloorBook, floorQuestionView } from "./floor-book";
import { closeExpired, COMMANDS, type RoomChange } from "./commands";
import { RoomEvents, type Origin } from "./room-events";

/** A question as the room holds it: the stored row plus a mirror of its current round's ballots. */
export interface LiveQuestion {
  stored: StoredQuestion;
  /** participantKey -> current ballot of the current round; mirrors the database, filled from it on load. */
  ballots: BallotBook;
  /** Ballots checked against this question and being written now: the question counts as answered already. */
  pendingWrites: number;
  /** The highest ballot seq in the mirror at the previous check against the store (see reconcile). */
  checkedSeq: number;
  /** Voted again: the round before (the last of `stored.keptRounds`), counted from its ballots in the store. */
  previous?: RoundResults;
}

/** A ballot one node committed, as it tells the other nodes. */
export interface BallotDelta {
  sessionId: string;
  questionId: string;
  round: number;
  participantKey: string;
  ballot: LiveBallot;
}

/** A close at a deadline that the store could not take is tried again after this long. */
const EXPIRE_RETRY_MS = 1_000;

/** How long another node's "connected" figure counts without a fresh word from it. */
export const REMOTE_PRESENCE_TTL_MS = 15_000;

/** What a room needs from the node: the store it mirrors, the channel its events go out on, the privacy threshold. */
export interface RoomContext {
  store: Store;
  events: RoomEvents;
  /** No group's numbers with fewer respondents than this leave the room (MIN_GROUP_SIZE). */
  minGroupSize: number;
}

/**
 * The id shown for an open answer: a pseudonym of the ballot that reveals nothing of the participant key, and
 * differs per question, so one person's answers to two open questions cannot be linked by their ids.
 */
export function answerId(questionId: string, participantKeyValue: string): string {
  return createHash("sha256").update(`answer\u0000${questionId}\u0000${participantKeyValue}`).digest("base64url").slice(0, 16);
}

/** The ballot of an open question's answer by its public id (`answerId`), as [participant key, ballot]. */
export function findAnswer(q: LiveQuestion, id: string): [string, LiveBallot] | undefined {
  return [...q.ballots].find(([key]) => answerId(q.stored.id, key) === id);
}

/** A stored ballot as the mirror holds it. */
export const liveBallot = (b: StoredBallot): LiveBallot => ({ answer: b.answer, voteId: b.voteId, hidden: b.hidden, seq: b.seq });

/** A ballot as counting needs it; the answer id (a hash) only for open questions, which moderation needs. */
export function countedBallot(question: ResultsQuestion, participantKey: string, b: { answer: Answer; hidden: boolean }): CountedBallot {
  return { answerId: question.kind === "open" ? answerId(question.id, participantKey) : "", answer: b.answer, hidden: b.hidden };
}

/** A question with ballots, stored or on their way to the database, can no longer change its rules. */
export function answered(q: LiveQuestion): boolean {
  return q.ballots.size > 0 || q.pendingWrites > 0;
}

function maxSeq(ballots: BallotBook): number {
  let max = 0;
  for (const b of ballots.values()) if (b.seq > max) max = b.seq;
  return max;
}

/** Checking and counting rules per stored question row: rows are replaced, never edited, so a change gets new rules. */
const rulesByRow = new WeakMap<StoredQuestion, ResultsQuestion>();

export function rulesOf(q: LiveQuestion): ResultsQuestion {
  let rules = rulesByRow.get(q.stored);
  if (!rules) {
    rules = questionRules(q.stored);
    // A word cloud counts without the words taken off the screens (for everyone but facilitators).
    if (q.stored.kind === "words") rules = { ...rules, hiddenWords: q.stored.hiddenWords };
    rulesByRow.set(q.stored, rules);
  }
  return rules;
}

const SESSION_FIELDS = ["id", "code", "title", "language", "hostKeyHash", "screenKeyHash", "createdAt", "activeQuestionId", "splitBy", "networkId", "measurement", "publication"] as const;
const QUESTION_FIELDS = [
  "id",
  "sessionId",
  "position",
  "kind",
  "template",
  "prompt",
  "options",
  "maxChoices",
  "scale",
  "status",
  "resultsVisible",
  "round",
  "grouping",
  "audience",
  "closesAt",
  "timerSeconds",
  "notes",
  "silent",
  "keptRounds",
  "hiddenWords",
] as const;

/** Field-by-field equality of two rows (key order differs between a row built here and one read back). */
function sameFields<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

export async function loadQuestion(store: Store, stored: StoredQuestion): Promise<LiveQuestion> {
  const ballots = new BallotBook();
  for (const b of await store.listBallots(stored.id, stored.round)) ballots.set(b.participantKey, liveBallot(b));
  const q: LiveQuestion = { stored, ballots, pendingWrites: 0, checkedSeq: maxSeq(ballots) };
  await loadPrevious(store, q);
  return q;
}

/** The round before, after a vote again: counted from that round's ballots as the store holds them. */
export async function loadPrevious(store: Store, q: LiveQuestion): Promise<void> {
  const round = q.stored.keptRounds.at(-1);
  if (round === undefined) {
    delete q.previous;
    return;
  }
  q.previous = countRound(q, round, await store.listBallots(q.stored.id, round));
}

/** A kept round's results, counted from its stored ballots with the rules of the live round. */
export function countRound(q: LiveQuestion, round: number, stored: readonly StoredBallot[]): RoundResults {
  const rules = rulesOf(q);
  const ballots = stored.map((b) => countedBallot(rules, b.participantKey, b));
  const { respondents, counts, scores, mean } = questionResults(rules, ballots, 0, false);
  return { round, respondents, counts, ...(scores ? { scores } : {}), ...(mean !== undefined ? { mean } : {}) };
}

export class Room {
  /** participantKey -> number of open sockets on this node, for the "connected" figure. */
  readonly connected = new Map<string, number>();
  /** Participants connected to the other nodes of a cluster, by node id, as they last told us. */
  readonly remoteConnected = new Map<string, { count: number; at: number }>();
  /** When the mirror was last loaded from or checked against the store (ms since the epoch). */
  checkedAt = Date.now();
  /** Bumped when a facilitator command starts and ends here, so a check against the store that overlapped one is not applied. */
  revision = 0;
  /** Sockets of any role attached to this room on this node: a room with none may leave memory when idle. */
  sockets = 0;
  /** Last time a socket, a request or a command used the room (ms since the epoch). */
  lastUsedAt = Date.now();
  private readonly commandLog = new CommandLog();
  /** The active split's running counts per group (rebuilt when they no longer match the ballots). */
  private splitTally: SplitTally | undefined;
  /** Wakes the room at the next countdown's deadline (see watchDeadlines). */
  private deadlineTimer: NodeJS.Timeout | undefined;
  /** The command running now: commands of one room run one after the other (see command). */
  private commandQueue: Promise<unknown> = Promise.resolve();
  /** Bumped by every change of the floor here, so a check against the store that overlapped one is not applied. */
  private floorRevision = 0;

  constructor(
    private readonly context: RoomContext,
    public session: StoredSession,
    /** In position order. */
    public questions: LiveQuestion[],
    /** Questions from the floor with their upvotes. */
    public floor: FloorBook = new FloorBook(),
    /** Co-facilitators' links, revoked ones too. */
    public coHosts: StoredCoHost[] = [],
  ) {}

  get id(): string {
    return this.session.id;
  }

  get store(): Store {
    return this.context.store;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading

  active(): LiveQuestion | undefined {
    return this.questions.find((q) => q.stored.id === this.session.activeQuestionId);
  }

  find(questionId: string): LiveQuestion | undefined {
    return this.questions.find((q) => q.stored.id === questionId);
  }

  sessionView(): SessionView {
    const { id, title, code, language } = this.session;
    return { id, title, code, language };
  }

  /** The question as clients see it, with its countdown; closed from the deadline on, even before the close is stored. */
  view(q: LiveQuestion, nowMs = Date.now()): QuestionView {
    const view = questionView(q.stored, this.session.language);
    if (view.status === "open" && timeIsUp(q.stored, nowMs)) view.status = "closed";
    const timer = timerView(q.stored, nowMs);
    if (timer && view.status === "open") view.timer = timer;
    if (q.stored.silent) view.silent = true;
    return view;
  }

  summaries(): QuestionSummary[] {
    return this.questions.map((q) => {
      const view = this.view(q);
      const respondents = q.stored.audience ? this.askedBallots(q).length : q.ballots.size;
      const summary: QuestionSummary = { id: view.id, kind: view.kind, prompt: view.prompt, status: view.status, template: view.template, respondents, locked: answered(q) };
      if (view.grouping) {
        summary.grouping = true;
        summary.groups = view.options;
      }
      if (view.audience) summary.audience = view.audience;
      const notes = q.stored.notes ?? (q.stored.template ? TEMPLATE_NOTES[q.stored.template]?.[this.session.language] : undefined);
      if (notes) summary.notes = notes;
      return summary;
    });
  }

  /** Questions from the floor as an audience sees them. */
  floorView(audience: FloorAudience): FloorView {
    return this.floor.view(this.session.floor, audience);
  }

  /** A participant's group by a grouping question: their answer to it in its current round, if any. */
  groupOf(groupingQuestionId: string, key: string): string | undefined {
    const answer = this.find(groupingQuestionId)?.ballots.get(key)?.answer;
    return Array.isArray(answer) ? answer[0] : undefined;
  }

  /**
   * The round before a vote again, as facilitators and screens get it beside the current round; for a question of
   * some groups below the privacy threshold its numbers are withheld like the current round's.
   */
  previousOf(q: LiveQuestion): RoundResults | undefined {
    return q.previous && this.protectRound(q, q.previous);
  }

  /** A kept round as it may be shown: a question of some groups below the privacy threshold keeps its numbers in. */
  protectRound(q: LiveQuestion, round: RoundResults): RoundResults {
    if (q.stored.audience && round.respondents < this.context.minGroupSize) return { round: round.round, respondents: round.respondents, counts: {}, withheld: "too_few" };
    return round;
  }

  /** Phones see a question's results while the facilitator shows them, never during a silent vote. */
  phonesSeeResults(q: LiveQuestion): boolean {
    return q.stored.resultsVisible && !q.stored.silent;
  }

  /** Is this question asked of this participant (everyone, or their group is in its audience)? */
  isAsked(q: LiveQuestion, key: string): boolean {
    const audience = q.stored.audience;
    if (!audience) return true;
    const group = this.groupOf(audience.questionId, key);
    return group !== undefined && audience.optionIds.includes(group);
  }

  /** The ballots that count: of everyone asked (a participant who left the group since no longer counts). */
  private askedBallots(q: LiveQuestion): [string, LiveBallot][] {
    return [...q.ballots].filter(([key]) => this.isAsked(q, key));
  }

  /**
   * Results of the current ballots: from the running counts of the question's ballot book (one pass over the
   * options), or for open questions and questions asked of some groups counted from the ballots. A question of
   * some groups is those groups' numbers: they are withheld below the privacy threshold. running-tally.test.ts
   * checks the running counts against a full recount; model.test.ts checks what facilitators see.
   */
  results(q: LiveQuestion, includeHidden = true): Results {
    const rules = rulesOf(q);
    const participants = this.connectedCount();
    if (!q.stored.audience) {
      const running = q.ballots.results(rules, participants);
      if (running) return running;
    }
    const ballots = this.askedBallots(q).map(([key, b]) => countedBallot(rules, key, b));
    const results = questionResults(rules, ballots, participants, includeHidden);
    if (!q.stored.audience || results.respondents >= this.context.minGroupSize) return results;
    const { minGroupSize } = this.context;
    return { questionId: results.questionId, kind: results.kind, counts: {}, respondents: results.respondents, participants, withheld: "too_few", minGroupSize };
  }

  /**
   * The question's results split by the session's grouping question (when one is chosen): counted per group from
   * the ballots that count, then protected (lib/poll/split.ts), so no small group's numbers leave the room.
   * Undefined without a split, for open questions and for the grouping question itself.
   */
  splitOf(q: LiveQuestion, byId = this.session.splitBy): SplitResults | undefined {
    const by = byId ? this.find(byId) : undefined;
    if (!by || by === q || q.stored.kind === "open") return undefined;
    const rules = rulesOf(q);
    const byView = this.view(by);
    const tallies: GroupTally[] = this.groupTallies(q, by, byView.options.map((o) => o.id)).map(([groupId, tally]) => {
      const r = tally.results(rules, 0) as Results;
      return { groupId, respondents: r.respondents, counts: r.counts, ...(r.scores ? { scores: r.scores } : {}) };
    });
    const split = protectSplit(tallies, this.context.minGroupSize);
    const withMean = <G extends GroupTally>(g: G): G & { mean?: number | null } => (q.stored.kind === "scale" ? { ...g, mean: scaleMean(g.counts) } : g);
    return {
      by: { questionId: by.stored.id, prompt: byView.prompt, options: byView.options },
      groups: split.groups.map(withMean),
      ...(split.other ? { other: withMean(split.other) } : {}),
      withheld: split.withheld,
      minGroupSize: this.context.minGroupSize,
    };
  }

  /**
   * Running counts of each group's ballots of `q`, the same formulas as the recount (running-tally.test.ts). For a
   * question asked of everyone they are kept in step vote by vote (split-tally.ts), so a split broadcast ten
   * times a second costs a pass over the options; for a question of some groups they are counted afresh.
   */
  private groupTallies(q: LiveQuestion, by: LiveQuestion, groupIds: string[]): [string, RunningTally][] {
    if (!q.stored.audience) {
      if (!this.splitTally?.matches(q, by)) this.splitTally = new SplitTally(q, by, groupIds);
      return this.splitTally.groups();
    }
    const buckets = new Map<string, RunningTally>([...groupIds, NO_GROUP].map((id): [string, RunningTally] => [id, new RunningTally()]));
    const noGroup = buckets.get(NO_GROUP) as RunningTally;
    for (const [key, b] of q.ballots) {
      if (!this.isAsked(q, key)) continue;
      const group = this.groupOf(by.stored.id, key);
      (group === undefined ? noGroup : (buckets.get(group) ?? noGroup)).add(b.answer);
    }
    return [...buckets];
  }

  /**
   * The room as it was when these ballots were read (one list per question, in order), detached from the node:
   * an export counts, checks audiences and splits with the very rules of the live room, on exactly the ballots it
   * lists.
   */
  snapshot(listed: readonly (readonly StoredBallot[])[]): Room {
    const questions = this.questions.map((q, i) => {
      const ballots = new BallotBook();
      for (const b of listed[i] ?? []) ballots.set(b.participantKey, liveBallot(b));
      return { stored: q.stored, ballots, pendingWrites: 0, checkedSeq: 0, ...(q.previous ? { previous: q.previous } : {}) };
    });
    const snapshot = new Room({ ...this.context, events: new RoomEvents() }, this.session, questions, this.floor);
    for (const [key, n] of this.connected) snapshot.connected.set(key, n);
    return snapshot;
  }

  ballotOf(q: LiveQuestion, key: string): Answer | undefined {
    const b = q.ballots.get(key);
    return b ? (Array.isArray(b.answer) ? [...b.answer] : b.answer) : undefined;
  }

  hostKeyMatches(key: string): boolean {
    return keyMatches(key, this.session.hostKeyHash);
  }

  /**
   * Who a facilitator's key is: the session's owner (its host key), a co-facilitator whose link is not revoked, or
   * nobody (`undefined`). Every co-facilitator link is compared, in constant time each.
   */
  facilitatorAccess(key: string): { coHostId: string | null } | undefined {
    if (this.hostKeyMatches(key)) return { coHostId: null };
    const coHost = this.coHosts.find((c) => c.revokedAt === null && keyMatches(key, c.keyHash));
    return coHost ? { coHostId: coHost.id } : undefined;
  }

  /** A new co-facilitator link: its key is returned once and only its hash is stored. */
  async addCoHost(label: string): Promise<{ coHost: StoredCoHost; key: string }> {
    const key = newSecretKey();
    const coHost: StoredCoHost = { id: newId("c_"), sessionId: this.id, keyHash: hashKey(key), label, createdAt: new Date().toISOString(), revokedAt: null };
    await this.context.store.createCoHost(coHost);
    this.coHosts = [...this.coHosts, coHost];
    return { coHost, key };
  }

  /** Revoke a co-facilitator link; its consoles are closed (on every node). False when there is no such live link. */
  async revokeCoHost(coHostId: string): Promise<boolean> {
    if (!(await this.context.store.revokeCoHost(this.id, coHostId, new Date().toISOString()))) return false;
    await this.refreshCoHosts("local");
    return true;
  }

  /** Read the co-facilitator links back from the store; every link revoked since is announced. */
  async refreshCoHosts(origin: Origin = "remote"): Promise<void> {
    const before = new Map(this.coHosts.map((c) => [c.id, c.revokedAt]));
    this.coHosts = await this.context.store.listCoHosts(this.id);
    for (const c of this.coHosts) {
      if (c.revokedAt !== null && before.get(c.id) === null) this.context.events.emit({ type: "access-revoked", room: this, origin, coHostId: c.id });
    }
  }

  screenKeyMatches(key: string): boolean {
    return keyMatches(key, this.session.screenKeyHash);
  }

  /** Participants connected to the whole cluster (this node plus what the others last reported). */
  connectedCount(now = Date.now()): number {
    let n = this.connected.size;
    for (const [node, p] of this.remoteConnected) {
      if (now - p.at > REMOTE_PRESENCE_TTL_MS) this.remoteConnected.delete(node);
      else n += p.count;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ballots

  /** Put a ballot into the mirror unless the mirror already holds this write or a newer one. */
  private applyBallot(q: LiveQuestion, key: string, ballot: LiveBallot): "new" | "changed" | null {
    const current = q.ballots.get(key);
    if (current && current.seq >= ballot.seq) return null;
    q.ballots.set(key, ballot);
    this.splitTally?.ballotSet(q, key, current, ballot);
    return current ? "changed" : "new";
  }

  private ballotSaved(q: LiveQuestion, key: string, ballot: LiveBallot, origin: Origin): boolean {
    const applied = this.applyBallot(q, key, ballot);
    if (applied) {
      const { id: questionId, round } = q.stored;
      this.context.events.emit({ type: "ballot-saved", room: this, origin, questionId, round, participantKey: key, ballot, isNew: applied === "new" });
    }
    return applied !== null;
  }

  /** Validate, persist, then update the mirror and tell. Resolves with the ack to send. */
  async castVote(key: string, vote: VoteCast): Promise<Ack<VoteCastResult>> {
    const q = this.find(vote.questionId);
    if (!q) return fail("question_not_found", "no such question in this session");
    if (q.stored.id !== this.session.activeQuestionId) return fail("voting_closed", "the room has moved on to another question");
    if (q.stored.status !== "open") return fail("voting_closed", "voting is closed for this question");
    if (timeIsUp(q.stored, Date.now())) return fail("voting_closed", "the countdown has run out");
    if (!this.isAsked(q, key)) return fail("not_asked", "this question is asked of another group");
    const check = checkAnswer(rulesOf(q), vote);
    if (!check.ok) return fail(check.code, check.message);
    const current = q.ballots.get(key);
    // A retried emit (same voteId) is answered with what is stored, without a second write.
    if (vote.voteId !== undefined && current?.voteId === vote.voteId) return ok({ ballot: current.answer });
    const round = q.stored.round;
    // While the write is under way the question must not be rewritten under the ballot (see question:update).
    q.pendingWrites += 1;
    let saved: BallotSaved;
    try {
      saved = await this.context.store.saveBallot({
        questionId: q.stored.id,
        round,
        participantKey: key,
        answer: check.answer,
        voteId: vote.voteId ?? null,
        castAt: new Date().toISOString(),
      });
    } finally {
      q.pendingWrites -= 1;
    }
    if (!saved.saved) {
      // Another node closed, reset or moved on and this node had not heard yet: the store is the judge.
      await this.reconcile();
      return fail("voting_closed", "voting is closed for this question");
    }
    // A reset while the write was under way moved the question to a new round: the ballot is kept in the
    // discarded round in the database and does not enter the new round's results. The stored hidden flag comes
    // from the commit, so a hide that happened while this write waited is kept.
    if (q.stored.round === round) this.ballotSaved(q, key, { answer: check.answer, voteId: vote.voteId ?? null, hidden: saved.hidden, seq: saved.seq }, "local");
    return ok({ ballot: check.answer });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Questions from the floor (participants)

  /**
   * A participant asks the speaker or panel: checked, stored, then in the room. Asks run one after the other with
   * the facilitator's commands (they are few), so a retried ask (same `askId`) finds the first and the limits hold.
   */
  askFloor(key: string, ask: ParsedPayloadOf<"floor:ask">): Promise<Ack<{ question: FloorQuestionView }>> {
    return this.serially(async () => {
      const own = this.floor.askedBy(key);
      const same = ask.askId === undefined ? undefined : own.find((q) => q.stored.askId === ask.askId);
      if (same) return ok({ question: floorQuestionView(same) });
      // In a cluster another node may have opened the floor a moment ago: ask the store before refusing.
      if (!this.session.floor.open && this.context.store.shared) await this.reconcile();
      const refusal = askRefusal(this.session.floor, this.floor.size, own.length);
      if (refusal === "floor_closed") return fail("floor_closed", "questions from the floor are closed in this session");
      if (refusal === "session_full") return fail("rate_limited", `this session holds ${LIMITS.floorQuestions} questions from the floor, the most it takes`);
      if (refusal === "participant_full") return fail("rate_limited", `one participant may ask ${LIMITS.floorPerParticipant} questions in a session`);
      const text = cleanFloorText(ask.text);
      if (text === "") return fail("invalid_payload", "text: a question needs text");
      const stored = {
        id: newId("f_"),
        sessionId: this.id,
        participantKey: key,
        askId: ask.askId ?? null,
        text,
        name: cleanFloorName(ask.name),
        status: this.session.floor.approval ? ("pending" as const) : ("shown" as const),
        answered: false,
        rev: 0,
        askedAt: new Date().toISOString(),
      };
      await this.context.store.insertFloorQuestion(stored);
      this.floorRevision += 1;
      const q = this.floor.add(stored);
      this.context.events.emit({ type: "floor-changed", room: this, origin: "local" });
      return ok({ question: floorQuestionView(q) });
    });
  }

  /**
   * Upvote a shown question, or take the upvote back. `up` is what the participant wants, so a retried emit is
   * answered without a second write; the store writes it only while the question is shown.
   */
  async upvoteFloor(key: string, { floorId, up }: ParsedPayloadOf<"floor:upvote">): Promise<Ack<FloorVoted>> {
    // In a cluster another node may have opened the floor a moment ago: ask the store before refusing.
    if (!this.session.floor.open && this.context.store.shared) await this.reconcile();
    if (!this.session.floor.open) return fail("floor_closed", "questions from the floor are closed in this session");
    let q = this.floor.get(floorId);
    const notShown = fail("not_found", "no such question from the floor on show");
    // In a cluster the question may have been asked or approved on another node a moment ago: ask the store. A check
    // running meanwhile (news from that node) may have brought it already, so look again either way.
    if ((!q || q.stored.status !== "shown") && this.context.store.shared) {
      if (await this.reconcileFloor()) this.context.events.emit({ type: "floor-changed", room: this, origin: "remote" });
      q = this.floor.get(floorId);
    }
    if (!q || q.stored.status !== "shown") return notShown;
    if (q.voters.has(key) !== up) {
      if (!(await this.context.store.saveFloorVote({ floorId, participantKey: key, up }))) return notShown;
      this.floorRevision += 1;
      if (this.floor.setVote(floorId, key, up)) this.context.events.emit({ type: "floor-voted", room: this, origin: "local", floorId, participantKey: key, up });
    }
    return ok({ floorId, votes: q.voters.size, upvoted: up });
  }

  /** The floor was changed by a facilitator's command here (commands.ts). */
  floorChanged(): void {
    this.floorRevision += 1;
  }

  /** Another node's committed upvote. */
  applyRemoteFloorVote(floorId: string, participantKey: string, up: boolean): void {
    if (this.floor.setVote(floorId, participantKey, up)) this.context.events.emit({ type: "floor-voted", room: this, origin: "remote", floorId, participantKey, up });
  }

  /** Read the floor back from the store when it differs from this copy; true when it was replaced. */
  private async reconcileFloor(): Promise<boolean> {
    const { store } = this.context;
    const before = this.floorRevision;
    const stored = await store.floorChecksum(this.id);
    const mine = this.floor.checksum();
    if (stored.questions === mine.questions && stored.votes === mine.votes && stored.revSum === mine.revSum) return false;
    const listed = await store.listFloor(this.id);
    // A change here meanwhile may be newer than what was read: the next check compares again.
    if (this.floorRevision !== before) return false;
    this.floor = FloorBook.from(listed);
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Facilitator commands

  /**
   * Apply a facilitator command (commands.ts); the ack carries what it changed. A command with a `commandId`
   * seen before in this room is answered with that first ack and not applied again.
   */
  command<E extends FacilitatorEvent>(event: E, payload: ParsedPayloadOf<E>): Promise<Ack<AckOf<E>>> {
    const commandId = (payload as { commandId?: string }).commandId;
    return this.commandLog.run(commandId, () => this.serially(() => this.apply(event, payload)));
  }

  /**
   * Run after the commands before it have finished. A command reads the room, writes, then changes the room: two
   * of them interleaved at their awaits (two consoles, a double click) would each change a list the other had
   * read before (two removes of one question took a second question with them).
   */
  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.commandQueue.then(run, run);
    this.commandQueue = next.catch(() => undefined);
    return next;
  }

  private async apply<E extends FacilitatorEvent>(event: E, payload: ParsedPayloadOf<E>): Promise<Ack<AckOf<E>>> {
    this.revision += 1;
    try {
      const handler = COMMANDS[event] as (room: Room, payload: ParsedPayloadOf<E>) => Promise<{ ack: Ack<AckOf<E>>; changes?: RoomChange[] }>;
      const { ack, changes = [] } = await handler(this, payload);
      if (ack.ok) for (const change of changes) this.context.events.emit({ ...change, room: this, origin: "local" });
      return ack;
    } finally {
      this.revision += 1;
      this.watchDeadlines();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Countdowns

  /**
   * Wake up at the earliest deadline of an open question's countdown and close what has run out then (at once
   * when one has passed already, as after a restart). Called after every command and every check against the
   * store; `dispose` stops it when the room leaves memory.
   */
  watchDeadlines(nowMs = Date.now()): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    let next = Infinity;
    for (const q of this.questions) if (q.stored.status === "open" && q.stored.closesAt !== null) next = Math.min(next, Date.parse(q.stored.closesAt));
    if (next === Infinity) return;
    // setTimeout takes at most 2^31 - 1 ms; a countdown is at most two hours.
    this.deadlineTimer = setTimeout(() => void this.expireCountdowns(), Math.min(Math.max(0, next - nowMs), 2 ** 31 - 1));
    this.deadlineTimer.unref();
  }

  private async expireCountdowns(): Promise<void> {
    try {
      await this.serially(async () => {
        this.revision += 1;
        try {
          for (const change of await closeExpired(this, Date.now())) this.context.events.emit({ ...change, room: this, origin: "local" });
        } finally {
          this.revision += 1;
        }
      });
      this.watchDeadlines();
    } catch {
      // The store cannot take the close now (it refuses late ballots by itself meanwhile): try again shortly.
      clearTimeout(this.deadlineTimer);
      this.deadlineTimer = setTimeout(() => void this.expireCountdowns(), EXPIRE_RETRY_MS);
      this.deadlineTimer.unref();
    }
  }

  /** The room leaves memory: no more wake-ups. */
  dispose(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Presence

  /** A participant's socket opened here. */
  participantConnected(key: string): void {
    const n = this.connected.get(key) ?? 0;
    this.connected.set(key, n + 1);
    if (n === 0) this.context.events.emit({ type: "presence-changed", room: this, origin: "local" });
  }

  participantDisconnected(key: string): void {
    const n = this.connected.get(key) ?? 0;
    if (n <= 1) {
      this.connected.delete(key);
      if (n === 1) this.context.events.emit({ type: "presence-changed", room: this, origin: "local" });
    } else this.connected.set(key, n - 1);
  }

  /** Any socket opened (`+1`) or closed (`-1`) here. */
  attach(delta: 1 | -1): void {
    this.sockets += delta;
    this.lastUsedAt = Date.now();
  }

  /** Another node's connected figure for this session. */
  setRemoteConnected(nodeId: string, count: number, now = Date.now()): void {
    const before = this.remoteConnected.get(nodeId)?.count ?? 0;
    if (count === 0) this.remoteConnected.delete(nodeId);
    else this.remoteConnected.set(nodeId, { count, at: now });
    if (before !== count) this.context.events.emit({ type: "presence-changed", room: this, origin: "remote" });
  }

  // ---------------------------------------------------------------------------------------------------------
  // In step with the other nodes of a cluster (the store is shared)

  /** A ballot another node committed; ignored when older than ours or of another round. */
  applyRemoteBallot(delta: BallotDelta): void {
    const q = this.find(delta.questionId);
    if (q && q.stored.round === delta.round) this.ballotSaved(q, delta.participantKey, delta.ballot, "remote");
  }

  /**
   * Read one participant's ballot of the active question from the store: a phone that moved here from a node
   * that died gets back the ballot it was acked for, even before the next reconcile.
   */
  async refreshBallot(key: string): Promise<void> {
    const q = this.active();
    if (!q) return;
    const round = q.stored.round;
    const b = await this.context.store.findBallot(q.stored.id, round, key);
    if (b && q.stored.round === round) this.ballotSaved(q, key, liveBallot(b), "remote");
  }

  /**
   * Bring the mirror in line with the store, where other nodes write too: the session row, its questions, and
   * the active question's ballots when their checksum differs. Ballots are only added or replaced by newer
   * writes, never removed within a round, so a concurrent local vote cannot be lost. Returns false when the
   * session is gone from the store (deleted on another node).
   */
  async reconcile(): Promise<boolean> {
    const { store, events } = this.context;
    const revision = this.revision;
    const session = await store.findSessionById(this.id);
    if (!session) return false;
    const rows = await store.listQuestions(this.id);
    // A command of this node ran meanwhile: what was read may be older than the mirror. The next round checks.
    if (this.revision !== revision) return true;
    const activeBefore = this.active();
    const activeRowBefore = activeBefore?.stored;
    const renamed = session.title !== this.session.title;
    const sessionBefore = this.session;
    let stateChanged = !sameFields(session, this.session, SESSION_FIELDS);
    const byId = new Map(this.questions.map((q) => [q.stored.id, q]));
    const loadedRows = await Promise.all(rows.map((row) => (byId.has(row.id) ? undefined : loadQuestion(store, row))));
    if (this.revision !== revision) return true;
    const revoted: LiveQuestion[] = [];
    const questions: LiveQuestion[] = [];
    for (const [index, row] of rows.entries()) {
      const q = byId.get(row.id);
      const fresh = loadedRows[index];
      if (!q || fresh) {
        if (fresh) questions.push(fresh);
        stateChanged = true;
        continue;
      }
      if (!sameFields(row, q.stored, QUESTION_FIELDS)) {
        stateChanged = true;
        if (row.round !== q.stored.round) q.ballots.clear();
        // Voted again on another node: the round before is read from the store below.
        if (JSON.stringify(row.keptRounds) !== JSON.stringify(q.stored.keptRounds)) revoted.push(q);
        q.stored = row;
      }
      questions.push(q);
    }
    if (questions.length !== this.questions.length) stateChanged = true;
    this.session = session;
    this.questions = questions;
    let ballotsChanged = false;
    const q = this.active();
    if (q) {
      const { round } = q.stored;
      // While votes flow, news of the newest writes may still be on its way from other nodes: compare only
      // the ballots up to what this node held at the previous check. When nothing arrived since, compare all,
      // so a lost message about the last vote of a quiet room is found as well.
      const newest = maxSeq(q.ballots);
      const bound = newest > q.checkedSeq ? q.checkedSeq : Number.MAX_SAFE_INTEGER;
      q.checkedSeq = newest;
      const stored = await store.ballotChecksum(q.stored.id, round, bound);
      let count = 0;
      let seqSum = 0;
      for (const b of q.ballots.values()) {
        if (b.seq > bound) continue;
        count += 1;
        seqSum += b.seq;
      }
      if ((stored.count !== count || stored.seqSum !== seqSum) && q.stored.round === round) {
        for (const b of await store.listBallots(q.stored.id, round)) {
          if (q.stored.round !== round) break;
          if (this.applyBallot(q, b.participantKey, liveBallot(b))) ballotsChanged = true;
        }
      }
    }
    await Promise.all(revoted.map((q) => loadPrevious(store, q)));
    const floorChanged = await this.reconcileFloor();
    // A link made or revoked on another node.
    await this.refreshCoHosts();
    this.checkedAt = Date.now();
    // Another node may have started, changed or stopped a countdown.
    if (stateChanged) this.watchDeadlines();
    const activeChanged = q !== activeBefore || q?.stored.round !== activeRowBefore?.round;
    const activeUpdated = !activeChanged && q !== undefined && activeRowBefore !== undefined && !sameFields(q.stored, activeRowBefore, QUESTION_FIELDS);
    if (renamed && !activeChanged) events.emit({ type: "session-changed", room: this, origin: "remote" });
    else if (activeChanged) events.emit({ type: "question-changed", room: this, origin: "remote", questionId: q?.stored.id ?? null, active: true, inPlace: false });
    else if (activeUpdated) events.emit({ type: "question-changed", room: this, origin: "remote", questionId: q.stored.id, active: true, inPlace: true });
    else if (stateChanged) events.emit({ type: "question-changed", room: this, origin: "remote", questionId: null, active: false, inPlace: true });
    else if (ballotsChanged) events.emit({ type: "ballots-reloaded", room: this, origin: "remote", newRespondents: true });
    // Settings are in the session row: a change there needs the floor's news too, whatever else went out.
    if (floorChanged || !sameFields(session, sessionBefore, ["floor"])) events.emit({ type: "floor-changed", room: this, origin: "remote" });
    return true;
  }
}
