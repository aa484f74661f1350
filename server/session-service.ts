import { challengeOptions, challengePrompt } from "../lib/questions";
import { checkBallot } from "../lib/poll/ballot";
import { tally } from "../lib/poll/tally";
import {
  fail,
  ok,
  type Ack,
  type FacilitatorEvent,
  type Language,
  type QuestionView,
  type Results,
  type SessionView,
  type VoteCast,
  type VoteCastResult,
} from "../lib/protocol";
import { CHALLENGE_IDS } from "../lib/challenges";
import { derivedKey, hashKey, keyMatches, newId, newJoinCode, newSecretKey, participantKey } from "./keys";
import type { QuestionPatch, Store, StoredQuestion, StoredSession } from "./store/store";

/** A session as the server holds it between events: the stored rows plus a mirror of the current ballots. */
export interface LiveSession {
  session: StoredSession;
  question: StoredQuestion;
  /** participantKey -> current ballot of the current round; mirrors the database, filled from it on load. */
  ballots: Map<string, { optionIds: readonly string[]; voteId: string | null }>;
  /** participantKey -> number of open sockets, for the "connected" figure. */
  connected: Map<string, number>;
}

export interface CreatedSessionKeys {
  session: StoredSession;
  hostKey: string;
  screenKey: string;
}

/**
 * The domain: sessions, their question and ballots. Socket handlers and HTTP routes call it; it talks to
 * the store and never acknowledges a change before the store has committed it.
 */
export class SessionService {
  private readonly live = new Map<string, Promise<LiveSession | undefined>>();
  private readonly loaded = new Map<string, LiveSession>();
  private secretPromise: Promise<Buffer> | undefined;

  constructor(private readonly store: Store) {}

  async createSession(input: { title: string; language: Language }): Promise<CreatedSessionKeys> {
    const hostKey = newSecretKey();
    const id = newId();
    const screenKey = await this.screenKey(id);
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
      };
      const question: StoredQuestion = {
        id: newId("q_"),
        sessionId: id,
        position: 0,
        kind: "multiple",
        template: "nine-challenges",
        maxChoices: null,
        status: "open",
        resultsVisible: false,
        round: 1,
      };
      try {
        await this.store.createSession(session, [question]);
        return { session, hostKey, screenKey };
      } catch (error) {
        if (attempt >= 5 || !String(error).includes("UNIQUE")) throw error;
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
    const session = await this.store.findSessionByCode(code);
    return session ? this.get(session.id) : undefined;
  }

  private async load(sessionId: string): Promise<LiveSession | undefined> {
    const session = await this.store.findSessionById(sessionId);
    if (!session) return undefined;
    const [question] = await this.store.listQuestions(sessionId);
    if (!question) return undefined;
    const ballots = new Map<string, { optionIds: readonly string[]; voteId: string | null }>();
    for (const b of await this.store.listBallots(question.id, question.round)) {
      ballots.set(b.participantKey, { optionIds: b.optionIds, voteId: b.voteId });
    }
    return { session, question, ballots, connected: new Map() };
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

  private forget(sessionId: string): void {
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

  questionView(live: LiveSession): QuestionView {
    const q = live.question;
    const language = live.session.language;
    return {
      id: q.id,
      kind: q.kind,
      prompt: challengePrompt(language),
      maxChoices: q.maxChoices,
      status: q.status,
      resultsVisible: q.resultsVisible,
      options: challengeOptions(language),
    };
  }

  /** Results derived from the current ballots: nothing keeps a running counter that could drift. */
  results(live: LiveSession): Results {
    const { counts, respondents } = tally(
      CHALLENGE_IDS,
      Array.from(live.ballots.values(), (b) => b.optionIds),
    );
    return { questionId: live.question.id, counts, respondents, participants: live.connected.size };
  }

  ballotOf(live: LiveSession, key: string): string[] | undefined {
    const b = live.ballots.get(key);
    return b ? [...b.optionIds] : undefined;
  }

  /** Validate, persist, then update the mirror. Resolves with the ack to send. */
  async castVote(live: LiveSession, key: string, vote: VoteCast): Promise<Ack<VoteCastResult>> {
    const q = live.question;
    if (vote.questionId !== q.id) return fail("question_not_found", "no such question in this session");
    if (q.status !== "open") return fail("voting_closed", "voting is closed for this question");
    const check = checkBallot({ optionIds: CHALLENGE_IDS, maxChoices: q.maxChoices }, vote.optionIds);
    if (!check.ok) return fail(check.code, check.message);
    const current = live.ballots.get(key);
    // A retried emit (same voteId) is answered with what is stored, without a second write.
    if (vote.voteId !== undefined && current?.voteId === vote.voteId) {
      return ok({ ballot: [...current.optionIds] });
    }
    const round = q.round;
    await this.store.saveBallot({
      questionId: q.id,
      round,
      participantKey: key,
      optionIds: check.ballot,
      voteId: vote.voteId ?? null,
      castAt: new Date().toISOString(),
    });
    // A reset while the write was under way moved the question to a new round: the ballot is kept in the
    // discarded round in the database and does not enter the new round's results.
    if (live.question.round === round) {
      live.ballots.set(key, { optionIds: check.ballot, voteId: vote.voteId ?? null });
    }
    return ok({ ballot: check.ballot });
  }

  async applyCommand(live: LiveSession, event: FacilitatorEvent, questionId: string, maxChoices?: number | null): Promise<Ack<{ question: QuestionView }>> {
    const q = live.question;
    if (questionId !== q.id) return fail("question_not_found", "no such question in this session");
    let patch: QuestionPatch;
    switch (event) {
      case "question:open":
        patch = { status: "open" };
        break;
      case "question:close":
        patch = { status: "closed" };
        break;
      case "results:show":
        patch = { resultsVisible: true };
        break;
      case "results:hide":
        patch = { resultsVisible: false };
        break;
      case "question:reset":
        patch = { round: q.round + 1 };
        break;
      case "question:configure":
        if (live.ballots.size > 0 && maxChoices !== q.maxChoices) {
          return fail("question_locked", "the maximum can only change before the first vote (or after a reset)");
        }
        patch = { maxChoices: maxChoices ?? null };
        break;
    }
    await this.store.updateQuestion(q.id, patch);
    live.question = { ...q, ...patch };
    if (patch.round !== undefined) live.ballots.clear();
    return ok({ question: this.questionView(live) });
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
