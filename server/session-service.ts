import { createHash } from "node:crypto";
import { CHALLENGES } from "../lib/challenges";
import { checkAnswer } from "../lib/poll/ballot";
import { questionResults, type CountedBallot, type ResultsQuestion } from "../lib/poll/results";
import {
  fail,
  ok,
  type Ack,
  type Answer,
  type FacilitatorEvent,
  type Language,
  type OptionView,
  type QuestionDraft,
  type QuestionSummary,
  type QuestionView,
  type Results,
  type SessionView,
  type VoteCast,
  type VoteCastResult,
} from "../lib/protocol";
import { findTemplate, scaleIn, SESSION_TEMPLATES, type QuestionTemplate, type SessionTemplate } from "../lib/templates";
import { derivedKey, hashKey, keyMatches, newId, newJoinCode, newSecretKey, participantKey } from "./keys";
import { BallotBook, type LiveBallot } from "./ballot-book";
import { JoinCodeTakenError, type BallotSaved, type QuestionPatch, type Store, type StoredQuestion, type StoredSession } from "./store/store";


/** A question as the server holds it: the stored row plus a mirror of its current round's ballots. */
export interface LiveQuestion {
  stored: StoredQuestion;
  /** participantKey -> current ballot of the current round; mirrors the database, filled from it on load. */
  ballots: BallotBook;
  /** Ballots checked against this question and being written now: the question counts as answered already. */
  pendingWrites: number;
  /** The highest ballot seq in the mirror at the previous check against the store (see reconcile). */
  checkedSeq: number;
}

/** A session as the server holds it between events. */
export interface LiveSession {
  session: StoredSession;
  /** In position order. */
  questions: LiveQuestion[];
  /** participantKey -> number of open sockets on this node, for the "connected" figure. */
  connected: Map<string, number>;
  /** Participants connected to the other nodes of a cluster, by node id, as they last told us. */
  remoteConnected: Map<string, { count: number; at: number }>;
  /** When the mirror was last loaded from or checked against the store (ms since the epoch). */
  checkedAt: number;
  /** Bumped when a facilitator command starts and ends here, so a reconcile that overlapped one is not applied. */
  revision: number;
}

/** What reconciling a session's mirror with the store found. */
export interface Reconciled {
  /** The session is gone from the store (deleted on another node). */
  deleted: boolean;
  /** The session row or its questions changed: facilitators and screens need a fresh session:state. */
  stateChanged: boolean;
  /**
   * Phones need a fresh session:state each: another question is active, or the active one was reset.
   * Otherwise a change of the active question in place is one `question:updated` for the room.
   */
  activeChanged: boolean;
  /** The active question itself changed in place (its status, results visibility, wording, position...). */
  activeUpdated: boolean;
  /** Ballots of the active question changed. */
  ballotsChanged: boolean;
}

/** A ballot one node committed, as it tells the other nodes. */
export interface BallotDelta {
  sessionId: string;
  questionId: string;
  round: number;
  participantKey: string;
  ballot: LiveBallot;
}

/** How long another node's "connected" figure counts without a fresh word from it. */
export const REMOTE_PRESENCE_TTL_MS = 15_000;

export interface CreatedSessionKeys {
  session: StoredSession;
  hostKey: string;
  screenKey: string;
}

export type CommandPayload = {
  questionId?: string;
  maxChoices?: number | null;
  draft?: QuestionDraft;
  position?: number;
  topN?: number;
  answerId?: string;
};

/**
 * The id shown for an open answer: a pseudonym of the ballot that reveals nothing of the participant key, and
 * differs per question, so one person's answers to two open questions cannot be linked by their ids.
 */
export function answerId(questionId: string, participantKeyValue: string): string {
  return createHash("sha256").update(`answer\u0000${questionId}\u0000${participantKeyValue}`).digest("base64url").slice(0, 16);
}

function questionFromTemplate(t: QuestionTemplate, sessionId: string, position: number): StoredQuestion {
  return {
    id: newId("q_"),
    sessionId,
    position,
    kind: t.kind,
    template: t.id,
    prompt: null,
    options: null,
    maxChoices: t.maxChoices,
    scale: null,
    status: "open",
    resultsVisible: false,
    round: 1,
  };
}

/** A facilitator's own question; options get short stable ids in their order. */
function questionFromDraft(draft: QuestionDraft, sessionId: string, position: number): Omit<StoredQuestion, "id"> {
  const hasOptions = draft.kind === "single" || draft.kind === "multiple" || draft.kind === "ranking";
  return {
    sessionId,
    position,
    kind: draft.kind,
    template: null,
    prompt: draft.prompt,
    options: hasOptions ? (draft.options ?? []).map((label, i) => ({ id: `o${i + 1}`, label })) : null,
    maxChoices: draft.kind === "multiple" || draft.kind === "ranking" ? (draft.maxChoices ?? null) : null,
    scale: draft.kind === "scale" ? (draft.scale ?? { min: 1, max: 5, minLabel: "", maxLabel: "" }) : null,
    status: "open",
    resultsVisible: false,
    round: 1,
  };
}

const UNCHANGED: Reconciled = { deleted: false, stateChanged: false, activeChanged: false, activeUpdated: false, ballotsChanged: false };

function maxSeq(ballots: BallotBook): number {
  let max = 0;
  for (const b of ballots.values()) if (b.seq > max) max = b.seq;
  return max;
}

const SESSION_FIELDS = ["id", "code", "title", "language", "hostKeyHash", "screenKeyHash", "createdAt", "activeQuestionId"] as const;
const QUESTION_FIELDS = ["id", "sessionId", "position", "kind", "template", "prompt", "options", "maxChoices", "scale", "status", "resultsVisible", "round"] as const;

/** Field-by-field equality of two rows (key order differs between a row built here and one read back). */
function sameFields<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

/** A question with ballots, stored or on their way to the database, can no longer change its rules. */
function answered(q: LiveQuestion): boolean {
  return q.ballots.size > 0 || q.pendingWrites > 0;
}

/** A draft the kind can actually be asked with. */
function draftProblem(draft: QuestionDraft): string | null {
  const n = draft.options?.length ?? 0;
  if ((draft.kind === "single" || draft.kind === "multiple" || draft.kind === "ranking") && n < 2) return "a choice or ranking question needs at least two options";
  if (new Set(draft.options ?? []).size !== n) return "two options have the same label";
  if (draft.maxChoices != null && draft.maxChoices > n && draft.kind !== "scale" && draft.kind !== "open") return "the maximum is larger than the number of options";
  return null;
}

/**
 * The domain: sessions, their questions and ballots. Socket handlers and HTTP routes call it; it talks to
 * the store and never acknowledges a change before the store has committed it.
 */
export class SessionService {
  private readonly live = new Map<string, Promise<LiveSession | undefined>>();
  /** Checking and counting rules per stored question row (see rulesOf). */
  private readonly rules = new WeakMap<StoredQuestion, ResultsQuestion>();
  private readonly loaded = new Map<string, LiveSession>();
  /** join code -> session id of loaded sessions. */
  private readonly byCode = new Map<string, string>();
  private secretPromise: Promise<Buffer> | undefined;

  constructor(private readonly store: Store) {}

  async createSession(input: { title: string; language: Language; template?: SessionTemplate; copyOf?: LiveSession }): Promise<CreatedSessionKeys> {
    const hostKey = newSecretKey();
    const id = newId();
    const screenKey = await this.screenKey(id);
    const questions: StoredQuestion[] = input.copyOf
      ? input.copyOf.questions.map((q, position) => ({ ...q.stored, id: newId("q_"), sessionId: id, position, status: "open", resultsVisible: false, round: 1 }))
      : SESSION_TEMPLATES[input.template ?? "challenges"].map((t, position) => questionFromTemplate(t, id, position));
    // A code collision is rare (hundreds of millions of codes); the UNIQUE constraint catches it and we retry.
    for (let attempt = 0; ; attempt++) {
      const session: StoredSession = {
        id,
        code: newJoinCode(),
        title: input.title,
        language: input.language,
        hostKeyHash: hashKey(hostKey),
        screenKeyHash: hashKey(screenKey),
        createdAt: new Date().toISOString(),
        activeQuestionId: questions[0]?.id ?? null,
      };
      try {
        await this.store.createSession(session, questions);
        return { session, hostKey, screenKey };
      } catch (error) {
        if (attempt >= 5 || !(error instanceof JoinCodeTakenError)) throw error;
      }
    }
  }

  /** The live session, loaded from the store once and then kept in memory. */
  get(sessionId: string): Promise<LiveSession | undefined> {
    let entry = this.live.get(sessionId);
    if (!entry) {
      entry = this.load(sessionId);
      this.live.set(sessionId, entry);
      // Unknown ids are not cached, so probing ids cannot grow the map.
      void entry.then(
        (s) => (s ? this.loaded.set(sessionId, s) : this.live.delete(sessionId)),
        () => this.live.delete(sessionId),
      );
    }
    return entry;
  }

  /** The live session when it is already in memory (any socket of it has connected). */
  peek(sessionId: string): LiveSession | undefined {
    return this.loaded.get(sessionId);
  }

  async getByCode(code: string): Promise<LiveSession | undefined> {
    // A whole hall joins with the same code within a minute: answer from memory once the session is loaded.
    const known = this.byCode.get(code);
    if (known && this.loaded.has(known)) return this.get(known);
    const session = await this.store.findSessionByCode(code);
    if (!session) return undefined;
    this.byCode.set(code, session.id);
    return this.get(session.id);
  }

  private async loadQuestion(stored: StoredQuestion): Promise<LiveQuestion> {
    const ballots = new BallotBook();
    for (const b of await this.store.listBallots(stored.id, stored.round)) {
      ballots.set(b.participantKey, { answer: b.answer, voteId: b.voteId, hidden: b.hidden, seq: b.seq });
    }
    return { stored, ballots, pendingWrites: 0, checkedSeq: maxSeq(ballots) };
  }

  private async load(sessionId: string): Promise<LiveSession | undefined> {
    const session = await this.store.findSessionById(sessionId);
    if (!session) return undefined;
    const questions = await Promise.all((await this.store.listQuestions(sessionId)).map((q) => this.loadQuestion(q)));
    return { session, questions, connected: new Map(), remoteConnected: new Map(), revision: 0, checkedAt: Date.now() };
  }

  /** Put a ballot into the mirror unless the mirror already holds this write or a newer one. */
  private applyBallot(q: LiveQuestion, key: string, ballot: LiveBallot): boolean {
    const current = q.ballots.get(key);
    if (current && current.seq >= ballot.seq) return false;
    q.ballots.set(key, ballot);
    return true;
  }

  /**
   * A ballot another node committed. Returns "new" for a first ballot of a participant, "changed" for a
   * replaced one, and null when it changes nothing here (older than ours, another round, session not loaded).
   */
  applyRemoteBallot(delta: BallotDelta): "new" | "changed" | null {
    const live = this.loaded.get(delta.sessionId);
    const q = live && this.find(live, delta.questionId);
    if (!q || q.stored.round !== delta.round) return null;
    const known = q.ballots.has(delta.participantKey);
    return this.applyBallot(q, delta.participantKey, delta.ballot) ? (known ? "changed" : "new") : null;
  }

  /**
   * Bring a loaded session's mirror in line with the store, where other nodes write too: the session row,
   * its questions, and the active question's ballots when their checksum differs. Ballots are only added or
   * replaced by newer writes, never removed within a round, so a concurrent local vote cannot be lost.
   */
  async reconcile(live: LiveSession): Promise<Reconciled> {
    const sessionId = live.session.id;
    const revision = live.revision;
    const session = await this.store.findSessionById(sessionId);
    if (!session) {
      this.forget(sessionId);
      return { deleted: true, stateChanged: true, activeChanged: true, activeUpdated: true, ballotsChanged: true };
    }
    const rows = await this.store.listQuestions(sessionId);
    // A command of this node ran meanwhile: what was read may be older than the mirror. The next round checks.
    if (live.revision !== revision) return UNCHANGED;
    const activeBefore = this.active(live);
    const activeRowBefore = activeBefore?.stored;
    let stateChanged = !sameFields(session, live.session, SESSION_FIELDS);
    const byId = new Map(live.questions.map((q) => [q.stored.id, q]));
    const questions: LiveQuestion[] = [];
    const loadedRows = await Promise.all(rows.map((row) => (byId.has(row.id) ? undefined : this.loadQuestion(row))));
    if (live.revision !== revision) return UNCHANGED;
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
        q.stored = row;
      }
      questions.push(q);
    }
    if (questions.length !== live.questions.length) stateChanged = true;
    live.session = session;
    live.questions = questions;
    let ballotsChanged = false;
    const q = this.active(live);
    if (q) {
      const { round } = q.stored;
      // While votes flow, news of the newest writes may still be on its way from other nodes: compare only
      // the ballots up to what this node held at the previous check. When nothing arrived since, compare all,
      // so a lost message about the last vote of a quiet room is found as well.
      const newest = maxSeq(q.ballots);
      const bound = newest > q.checkedSeq ? q.checkedSeq : Number.MAX_SAFE_INTEGER;
      q.checkedSeq = newest;
      const stored = await this.store.ballotChecksum(q.stored.id, round, bound);
      let count = 0;
      let seqSum = 0;
      for (const b of q.ballots.values()) {
        if (b.seq > bound) continue;
        count += 1;
        seqSum += b.seq;
      }
      if ((stored.count !== count || stored.seqSum !== seqSum) && q.stored.round === round) {
        for (const b of await this.store.listBallots(q.stored.id, round)) {
          if (q.stored.round !== round) break;
          if (this.applyBallot(q, b.participantKey, { answer: b.answer, voteId: b.voteId, hidden: b.hidden, seq: b.seq })) ballotsChanged = true;
        }
      }
    }
    live.checkedAt = Date.now();
    const activeChanged = q !== activeBefore || q?.stored.round !== activeRowBefore?.round;
    const activeUpdated = activeChanged || (q !== undefined && activeRowBefore !== undefined && !sameFields(q.stored, activeRowBefore, QUESTION_FIELDS));
    return { deleted: false, stateChanged: stateChanged || activeChanged, activeChanged, activeUpdated, ballotsChanged };
  }

  /**
   * Read one participant's ballot of the active question from the store into the mirror: a phone that moved
   * here from a node that died gets back the ballot it was acked for, even before the next reconcile.
   */
  async refreshBallot(live: LiveSession, key: string): Promise<"new" | "changed" | null> {
    const q = this.active(live);
    if (!q) return null;
    const round = q.stored.round;
    const b = await this.store.findBallot(q.stored.id, round, key);
    if (!b || q.stored.round !== round) return null;
    const known = q.ballots.has(key);
    return this.applyBallot(q, key, { answer: b.answer, voteId: b.voteId, hidden: b.hidden, seq: b.seq }) ? (known ? "changed" : "new") : null;
  }

  /** Sessions loaded on this node. */
  loadedSessions(): LiveSession[] {
    return [...this.loaded.values()];
  }

  /** Participants connected to the whole cluster (this node plus what the others last reported). */
  connectedCount(live: LiveSession, now = Date.now()): number {
    let n = live.connected.size;
    for (const [node, p] of live.remoteConnected) {
      if (now - p.at > REMOTE_PRESENCE_TTL_MS) live.remoteConnected.delete(node);
      else n += p.count;
    }
    return n;
  }

  /** Another node's connected figure for a session. Returns true when the total changed. */
  setRemoteConnected(sessionId: string, nodeId: string, count: number, now = Date.now()): boolean {
    const live = this.loaded.get(sessionId);
    if (!live) return false;
    const before = live.remoteConnected.get(nodeId)?.count ?? 0;
    if (count === 0) live.remoteConnected.delete(nodeId);
    else live.remoteConnected.set(nodeId, { count, at: now });
    return before !== count;
  }

  /** Delete a session and all its data at once (the facilitator's right to erase). */
  async deleteSession(live: LiveSession): Promise<void> {
    await this.store.deleteSession(live.session.id);
    this.forget(live.session.id);
  }

  /** Delete sessions created more than `days` days ago; returns their ids. */
  async deleteExpired(days: number, now = new Date()): Promise<string[]> {
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
    const ids = await this.store.deleteSessionsCreatedBefore(cutoff);
    ids.forEach((id) => this.forget(id));
    return ids;
  }

  /** Drop a session from memory (deleted here or on another node). */
  forget(sessionId: string): void {
    const code = this.loaded.get(sessionId)?.session.code;
    if (code) this.byCode.delete(code);
    this.live.delete(sessionId);
    this.loaded.delete(sessionId);
  }

  hostKeyMatches(live: LiveSession, key: string): boolean {
    return keyMatches(key, live.session.hostKeyHash);
  }

  screenKeyMatches(live: LiveSession, key: string): boolean {
    return keyMatches(key, live.session.screenKeyHash);
  }

  private secret(): Promise<Buffer> {
    this.secretPromise ??= this.store.secret();
    return this.secretPromise;
  }

  async participantKey(sessionId: string, participantId: string): Promise<string> {
    return participantKey(await this.secret(), sessionId, participantId);
  }

  /**
   * The read-only screen key is derived from the server secret, so the console can always hand out the
   * screen link without the database keeping the key itself.
   */
  async screenKey(sessionId: string): Promise<string> {
    return derivedKey(await this.secret(), "screen", sessionId);
  }

  sessionView(live: LiveSession): SessionView {
    const { id, title, code, language } = live.session;
    return { id, title, code, language };
  }

  active(live: LiveSession): LiveQuestion | undefined {
    return live.questions.find((q) => q.stored.id === live.session.activeQuestionId);
  }

  find(live: LiveSession, questionId: string): LiveQuestion | undefined {
    return live.questions.find((q) => q.stored.id === questionId);
  }

  /** Options in the session language: from the template, or as written (known challenge ids get their text). */
  private options(q: StoredQuestion, language: Language): OptionView[] {
    const template = findTemplate(q.template);
    if (template && template.options.length > 0) {
      return template.options.map((o) => ({ id: o.id, label: o.label[language], description: o.description[language] }));
    }
    return (q.options ?? []).map((o) => {
      const challenge = CHALLENGES.find((c) => c.id === o.id);
      return challenge ? { id: o.id, label: challenge.label[language], description: challenge.description[language] } : { id: o.id, label: o.label, description: "" };
    });
  }

  questionView(live: LiveSession, q: LiveQuestion): QuestionView {
    const s = q.stored;
    const language = live.session.language;
    const template = findTemplate(s.template);
    const view: QuestionView = {
      id: s.id,
      kind: s.kind,
      prompt: s.prompt ?? template?.prompt[language] ?? "",
      maxChoices: s.maxChoices,
      status: s.status,
      resultsVisible: s.resultsVisible,
      options: this.options(s, language),
      template: s.template,
      position: s.position,
    };
    const scale = s.scale ?? (template ? scaleIn(template, language) : undefined);
    if (s.kind === "scale" && scale) view.scale = scale;
    return view;
  }

  summaries(live: LiveSession): QuestionSummary[] {
    return live.questions.map((q) => {
      const view = this.questionView(live, q);
      return { id: view.id, kind: view.kind, prompt: view.prompt, status: view.status, template: view.template, respondents: q.ballots.size, locked: answered(q) };
    });
  }

  /**
   * What checking and counting a ballot need of a question (no wording), on every vote: built once per stored
   * row. Rows are replaced, never edited, on every change, so a changed question gets new rules.
   */
  private rulesOf(live: LiveSession, q: LiveQuestion): ResultsQuestion {
    let rules = this.rules.get(q.stored);
    if (!rules) {
      const view = this.questionView(live, q);
      rules = { id: view.id, kind: view.kind, optionIds: view.options.map((o) => o.id), maxChoices: view.maxChoices };
      if (view.scale) rules.scale = { min: view.scale.min, max: view.scale.max };
      this.rules.set(q.stored, rules);
    }
    return rules;
  }

  /**
   * Results of the current ballots: from the running counts of the question's ballot book (one pass over the
   * options), or for open questions from the answers themselves. running-tally.test.ts checks the running counts
   * against a full recount; model.test.ts checks what facilitators see against its own count of random sessions.
   */
  results(live: LiveSession, q: LiveQuestion, includeHidden = true): Results {
    const question = this.rulesOf(live, q);
    const participants = this.connectedCount(live);
    return q.ballots.results(question, participants) ?? this.recount(q, question, participants, includeHidden);
  }

  /** Results counted afresh from every ballot: open questions, whose results are the answers themselves. */
  private recount(q: LiveQuestion, question: ResultsQuestion, participants: number, includeHidden: boolean): Results {
    // Answer ids (a hash per ballot) are only needed to moderate open answers.
    const open = question.kind === "open";
    const ballots: CountedBallot[] = Array.from(q.ballots, ([key, b]) => ({ answerId: open ? answerId(q.stored.id, key) : "", answer: b.answer, hidden: b.hidden }));
    return questionResults(question, ballots, participants, includeHidden);
  }

  ballotOf(live: LiveSession, q: LiveQuestion, key: string): Answer | undefined {
    const b = q.ballots.get(key);
    return b ? (Array.isArray(b.answer) ? [...b.answer] : b.answer) : undefined;
  }

  /** Validate, persist, then update the mirror. Resolves with the ack to send. */
  async castVote(live: LiveSession, key: string, vote: VoteCast): Promise<Ack<VoteCastResult>> {
    const q = this.find(live, vote.questionId);
    if (!q) return fail("question_not_found", "no such question in this session");
    if (q.stored.id !== live.session.activeQuestionId) return fail("voting_closed", "the room has moved on to another question");
    if (q.stored.status !== "open") return fail("voting_closed", "voting is closed for this question");
    const check = checkAnswer(this.rulesOf(live, q), vote);
    if (!check.ok) return fail(check.code, check.message);
    const current = q.ballots.get(key);
    // A retried emit (same voteId) is answered with what is stored, without a second write.
    if (vote.voteId !== undefined && current?.voteId === vote.voteId) {
      return ok({ ballot: current.answer });
    }
    const round = q.stored.round;
    // While the write is under way the question must not be rewritten under the ballot (see question:update).
    q.pendingWrites += 1;
    let saved: BallotSaved;
    try {
      saved = await this.store.saveBallot({
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
      await this.reconcile(live);
      return fail("voting_closed", "voting is closed for this question");
    }
    // A reset while the write was under way moved the question to a new round: the ballot is kept in the
    // discarded round in the database and does not enter the new round's results.
    // The same hidden text sent again stays hidden, a new text is a new answer: the store decides, at the commit,
    // so a hide that happened while this write waited is kept.
    if (q.stored.round === round) this.applyBallot(q, key, { answer: check.answer, voteId: vote.voteId ?? null, hidden: saved.hidden, seq: saved.seq });
    return ok({ ballot: check.answer });
  }

  private async patch(q: LiveQuestion, patch: QuestionPatch): Promise<void> {
    await this.store.updateQuestion(q.stored.id, patch);
    q.stored = { ...q.stored, ...patch };
  }

  private async renumber(live: LiveSession): Promise<void> {
    const positions = live.questions.map((q, position) => ({ id: q.stored.id, position }));
    await this.store.setPositions(positions);
    live.questions.forEach((q, position) => (q.stored = { ...q.stored, position }));
  }

  private async insertQuestion(live: LiveSession, fields: Omit<StoredQuestion, "id" | "position">, at: number): Promise<LiveQuestion> {
    const stored: StoredQuestion = { ...fields, id: newId("q_"), position: at };
    await this.store.insertQuestion(stored);
    const q: LiveQuestion = { stored, ballots: new BallotBook(), pendingWrites: 0, checkedSeq: 0 };
    live.questions.splice(at, 0, q);
    await this.renumber(live);
    return q;
  }

  private async activate(live: LiveSession, questionId: string | null): Promise<void> {
    await this.store.setActiveQuestion(live.session.id, questionId);
    live.session = { ...live.session, activeQuestionId: questionId };
  }

  /** Apply a facilitator command; the ack carries the question it changed. */
  async applyCommand(live: LiveSession, event: FacilitatorEvent, payload: CommandPayload): Promise<Ack<{ question: QuestionView } | { questionId: string } | { answerId: string }>> {
    live.revision += 1;
    try {
      return await this.command(live, event, payload);
    } finally {
      live.revision += 1;
    }
  }

  private async command(live: LiveSession, event: FacilitatorEvent, payload: CommandPayload): Promise<Ack<{ question: QuestionView } | { questionId: string } | { answerId: string }>> {
    if (event === "question:add") {
      const draft = payload.draft;
      if (!draft) return fail("invalid_payload", "missing question");
      const problem = draftProblem(draft);
      if (problem) return fail("invalid_payload", problem);
      const q = await this.insertQuestion(live, questionFromDraft(draft, live.session.id, live.questions.length), live.questions.length);
      if (live.session.activeQuestionId === null) await this.activate(live, q.stored.id);
      return ok({ question: this.questionView(live, q) });
    }
    const q = this.find(live, payload.questionId ?? "");
    if (!q) return fail("question_not_found", "no such question in this session");
    switch (event) {
      case "question:open":
        await this.patch(q, { status: "open" });
        break;
      case "question:close":
        await this.patch(q, { status: "closed" });
        break;
      case "results:show":
        await this.patch(q, { resultsVisible: true });
        break;
      case "results:hide":
        await this.patch(q, { resultsVisible: false });
        break;
      case "question:reset":
        await this.patch(q, { round: q.stored.round + 1 });
        q.ballots.clear();
        break;
      case "question:configure": {
        if (q.stored.kind !== "multiple" && q.stored.kind !== "ranking") {
          return fail("invalid_payload", "only multiple-choice and ranking questions have a maximum");
        }
        const optionCount = this.questionView(live, q).options.length;
        if (payload.maxChoices != null && payload.maxChoices > optionCount) {
          return fail("invalid_payload", `the maximum cannot exceed the ${optionCount} options`);
        }
        if (answered(q) && payload.maxChoices !== q.stored.maxChoices) {
          return fail("question_locked", "the maximum can only change before the first vote (or after a reset)");
        }
        await this.patch(q, { maxChoices: payload.maxChoices ?? null });
        break;
      }
      case "question:update": {
        if (answered(q)) return fail("question_locked", "a question can only be edited before its first vote (or after a reset)");
        const draft = payload.draft;
        if (!draft) return fail("invalid_payload", "missing question");
        const problem = draftProblem(draft);
        if (problem) return fail("invalid_payload", problem);
        const { kind, template, prompt, options, maxChoices, scale } = questionFromDraft(draft, live.session.id, q.stored.position);
        await this.patch(q, { kind, template, prompt, options, maxChoices, scale });
        break;
      }
      case "question:move": {
        const to = Math.min(payload.position ?? 0, live.questions.length - 1);
        live.questions.splice(live.questions.indexOf(q), 1);
        live.questions.splice(to, 0, q);
        await this.renumber(live);
        break;
      }
      case "question:remove": {
        await this.store.deleteQuestion(q.stored.id);
        const index = live.questions.indexOf(q);
        live.questions.splice(index, 1);
        await this.renumber(live);
        if (live.session.activeQuestionId === q.stored.id) {
          await this.activate(live, (live.questions[index] ?? live.questions[index - 1])?.stored.id ?? null);
        }
        return ok({ questionId: q.stored.id });
      }
      case "question:activate":
        await this.activate(live, q.stored.id);
        break;
      case "followup:create": {
        if (q.stored.kind !== "multiple") return fail("invalid_payload", "a follow-up ranks the options of a multiple-choice question");
        const results = this.results(live, q);
        const view = this.questionView(live, q);
        const top = view.options
          .map((o, index) => ({ o, index, count: results.counts[o.id] ?? 0 }))
          .sort((a, b) => b.count - a.count || a.index - b.index)
          .slice(0, payload.topN ?? 3)
          .map(({ o }) => ({ id: o.id, label: o.label }));
        const prompts: Record<Language, string> = {
          nl: "Welke pakken we eerst aan? Zet ze in volgorde.",
          en: "Which one do we tackle first? Put them in order.",
          fr: "Par lequel commencer ? Classez-les.",
        };
        const followup = await this.insertQuestion(
          live,
          {
            sessionId: live.session.id,
            kind: "ranking",
            template: null,
            prompt: prompts[live.session.language],
            options: top,
            maxChoices: top.length,
            scale: null,
            status: "open",
            resultsVisible: false,
            round: 1,
          },
          live.questions.indexOf(q) + 1,
        );
        await this.activate(live, followup.stored.id);
        return ok({ question: this.questionView(live, followup) });
      }
      case "answer:hide":
      case "answer:show": {
        const entry = [...q.ballots].find(([key]) => answerId(q.stored.id, key) === payload.answerId);
        if (!entry) return fail("not_found", "no such answer in the current round");
        const hidden = event === "answer:hide";
        const seq = await this.store.setBallotHidden(q.stored.id, q.stored.round, entry[0], hidden);
        if (seq === undefined) return fail("not_found", "no such answer in the current round");
        this.applyBallot(q, entry[0], { ...entry[1], hidden, seq });
        return ok({ answerId: payload.answerId ?? "" });
      }
    }
    return ok({ question: this.questionView(live, q) });
  }

  /** Track open sockets per participant; returns true when the connected figure changed. */
  participantConnected(live: LiveSession, key: string): boolean {
    const n = live.connected.get(key) ?? 0;
    live.connected.set(key, n + 1);
    return n === 0;
  }

  participantDisconnected(live: LiveSession, key: string): boolean {
    const n = live.connected.get(key) ?? 0;
    if (n <= 1) {
      live.connected.delete(key);
      return n === 1;
    }
    live.connected.set(key, n - 1);
    return false;
  }
}
