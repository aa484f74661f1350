/** The storage interface the server depends on, with the rows it reads and writes. */
import type { Answer, FloorSettings, FloorStatus, Language } from "../../lib/protocol";
import type { OptionRecord, QuestionRecord } from "../../lib/question-view";

export interface StoredSession {
  id: string;
  code: string;
  title: string;
  language: Language;
  /** SHA-256 of the host key, hex: the key itself is never stored. */
  hostKeyHash: string;
  /** SHA-256 of the read-only screen key, hex. */
  screenKeyHash: string;
  createdAt: string;
  /** The question phones answer now; `null` in a session without questions. */
  activeQuestionId: string | null;
  /** The grouping question that splits the results on consoles and screens; `null`: not split. */
  splitBy: string | null;
  /** How questions from the floor are set up (FLOOR_CLOSED in a new session). */
  floor: FloorSettings;
  /** The network this session is a measurement of; `null`: a session on its own. */
  networkId: string | null;
  /** Which measurement of its network (1, 2, …); `null` outside a network. */
  measurement: number | null;
  /** The read-only results page for participants, as last published; `null`: never published. */
  publication: StoredPublication | null;
}

/**
 * A published results page at `/r/{sessionId}/{token}`. The token is random (192 bits) and kept as it is: it opens
 * only what the room may see anyway, never the session. Publishing again draws a new token, so the old address stops.
 */
export interface StoredPublication {
  token: string;
  publishedAt: string;
  expiresAt: string;
  /** When the facilitator withdrew it; `null` while it is up (until `expiresAt`). */
  withdrawnAt: string | null;
}

/** A co-facilitator's link to a session: its own key (only the hash is kept), revocable by the session's owner. */
export interface StoredCoHost {
  id: string;
  sessionId: string;
  /** SHA-256 of the co-facilitator's key, hex. */
  keyHash: string;
  /** Whom the link is for ("Sofie"), as the owner typed it. */
  label: string;
  createdAt: string;
  /** When the owner revoked it; `null` while the link works. */
  revokedAt: string | null;
}

/** The proposal of a dot vote an action was made from. */
export interface ActionSource {
  questionId: string;
  optionId: string;
}

/** An action of a session's plan as stored (see ActionView; its dots are counted when read, from its source). */
export interface StoredAction {
  id: string;
  sessionId: string;
  /** The plan's order, from 0; new actions go last. */
  position: number;
  text: string;
  about: string | null;
  owner: string;
  due: string;
  /** `null`: an action of the facilitator's own. A proposal becomes at most one action of the plan. */
  from: ActionSource | null;
  createdAt: string;
}

/** What insertAction did: added it, found the action already made from the same proposal, or refused. */
export type ActionInsert = { inserted: StoredAction } | { existing: StoredAction } | { refused: "full" | "no_session" };

export type ActionPatch = Partial<Pick<StoredAction, "text" | "about" | "owner" | "due">>;

/** Sessions of the same collaboration measured over time ("Lokaal gezondheidsoverleg Gent"). */
export interface StoredNetwork {
  id: string;
  name: string;
  createdAt: string;
}

/** A question from the floor as stored. */
export interface StoredFloorQuestion {
  id: string;
  sessionId: string;
  /** Per-session pseudonym of the participant who asked (never shown or exported). */
  participantKey: string;
  /** The client's id of this ask, so a retried emit finds the question it made; `null` without one. */
  askId: string | null;
  text: string;
  /** The name given with it; `null`: anonymous. */
  name: string | null;
  status: FloorStatus;
  answered: boolean;
  /** Bumped by every change of status or answered, so two nodes can tell their copies apart (floorChecksum). */
  rev: number;
  askedAt: string;
}

/** One participant's upvote of a question from the floor. */
export interface FloorVote {
  floorId: string;
  participantKey: string;
}

/** Questions, upvotes and the sum of revs of a session's floor: equal on two nodes only when both hold the same. */
export interface FloorChecksum {
  questions: number;
  votes: number;
  revSum: number;
}

/** An option of a facilitator's own question (template questions take theirs from lib/templates.ts). */
export type StoredOption = OptionRecord;

/** A question as stored: the record views and rules are built from, with its session and current round. */
export interface StoredQuestion extends QuestionRecord {
  sessionId: string;
  /** Bumped by a reset: ballots of older rounds stay in the database as discarded rounds. */
  round: number;
  /** ISO time at which a countdown closes voting (lib/poll/timer.ts); `null` without one. The store itself
   * refuses a ballot whose commit comes at or after it. */
  closesAt: string | null;
  /** The countdown's whole length in seconds, extensions included; `null` without one. */
  timerSeconds: number | null;
  /** The facilitator's own presenter notes; `null`: none written (a template question then has the article's). */
  notes: string | null;
  /** A silent vote: the room sees how many voted, no numbers, until the facilitator reveals them. */
  silent: boolean;
  /** Earlier rounds kept by a vote again, oldest first (a reset's rounds are discarded, not kept). */
  keptRounds: readonly number[];
  /** Word clouds: keys of the words the facilitator took off screens and phones (lib/poll/words.ts). */
  hiddenWords: readonly string[];
}

/**
 * What every question starts with, whether written, from a template, a follow-up or copied into a duplicate: open,
 * results not on the phones, the first round, no countdown, no notes, no silent vote, no kept round, no hidden word.
 */
export const FRESH_QUESTION = {
  status: "open",
  resultsVisible: false,
  round: 1,
  closesAt: null,
  timerSeconds: null,
  notes: null,
  silent: false,
  keptRounds: [],
  hiddenWords: [],
} as const satisfies Partial<StoredQuestion>;

export interface BallotWrite {
  questionId: string;
  round: number;
  /** Per-session pseudonym of the participant (never the browser's id itself). */
  participantKey: string;
  answer: Answer;
  voteId: string | null;
  castAt: string;
}

export interface StoredBallot {
  participantKey: string;
  /** Bumped on every write of this ballot (insert, replace, hide/show), from one counter per database. */
  seq: number;
  answer: Answer;
  voteId: string | null;
  castAt: string;
  /** Open answers the facilitator took off the screen. */
  hidden: boolean;
}

/** What saveBallot did. */
export type BallotSaved =
  /**
   * Committed; `seq` is the ballot's new sequence number, `hidden` the stored moderation flag after the write (the
   * same text sent again stays hidden, even when the facilitator hid it while this write waited for its commit).
   */
  | { saved: true; seq: number; hidden: boolean }
  /**
   * Not written: in the shared store the question is no longer open, no longer active, or in another round
   * (another node changed it and this node has not heard yet).
   */
  | { saved: false };

/** Count and sum of `seq` of a question round's ballots: equal on two nodes only when both hold the same ballots. */
export interface BallotChecksum {
  count: number;
  seqSum: number;
}

/** createSession rejects with this when the join code is taken; the caller draws another code. */
export class JoinCodeTakenError extends Error {
  constructor(code: string) {
    super(`join code ${code} is taken`);
    this.name = "JoinCodeTakenError";
  }
}

/**
 * The store cannot take the request now: it could not be reached or answered with a connection error
 * (PostgreSQL restarting), or it could not commit (a full disk, an I/O error). Nothing was written, and the same
 * request can be sent again.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot take this now: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "StoreUnavailableError";
  }
}

export type QuestionPatch = Partial<
  Pick<
    StoredQuestion,
    "status" | "resultsVisible" | "round" | "maxChoices" | "position" | "kind" | "prompt" | "options" | "scale" | "template" | "grouping" | "audience" | "closesAt" | "timerSeconds" | "notes" | "silent" | "keptRounds" | "hiddenWords"
  >
>;

/**
 * The storage the server depends on. Every write resolves only after it is committed, because nothing a
 * user submitted is acknowledged before it is stored.
 */
export interface Store {
  createSession(session: StoredSession, questions: readonly StoredQuestion[]): Promise<void>;
  findSessionById(id: string): Promise<StoredSession | undefined>;
  findSessionByCode(code: string): Promise<StoredSession | undefined>;
  setActiveQuestion(sessionId: string, questionId: string | null): Promise<void>;
  /** Rename a session (its title, as the home page, the console and the screen show it). */
  setSessionTitle(sessionId: string, title: string): Promise<void>;
  /** Split the session's results by a grouping question, or stop splitting (`null`). */
  setSplitBy(sessionId: string, questionId: string | null): Promise<void>;
  listQuestions(sessionId: string): Promise<StoredQuestion[]>;
  insertQuestion(question: StoredQuestion): Promise<void>;
  updateQuestion(questionId: string, patch: QuestionPatch): Promise<void>;
  /** Positions of several questions at once (reordering), in one transaction. */
  setPositions(positions: readonly { id: string; position: number }[]): Promise<void>;
  deleteQuestion(questionId: string): Promise<void>;
  /**
   * Insert or replace the participant's ballot for that question and round, only while, in the store itself,
   * the question is open, in that round, the session's active question and before its countdown's deadline (as
   * the write commits). Every write gets a new `seq`.
   */
  saveBallot(ballot: BallotWrite): Promise<BallotSaved>;
  listBallots(questionId: string, round: number): Promise<StoredBallot[]>;
  /** One participant's ballot of that round, if any. */
  findBallot(questionId: string, round: number, participantKey: string): Promise<StoredBallot | undefined>;
  /**
   * Checksum of the round's ballots whose seq is at most `upToSeq` (all when omitted). A node compares the
   * ballots it has held for a while this way, leaving out the writes whose news may still be on the way.
   */
  ballotChecksum(questionId: string, round: number, upToSeq?: number): Promise<BallotChecksum>;
  /** Hide or show an open answer; resolves with the ballot's new seq, or `undefined` when there is no such ballot. */
  setBallotHidden(questionId: string, round: number, participantKey: string, hidden: boolean): Promise<number | undefined>;
  /** Publish, republish or withdraw the session's results page. */
  setPublication(sessionId: string, publication: StoredPublication): Promise<void>;
  createCoHost(coHost: StoredCoHost): Promise<void>;
  /** A session's co-facilitator links, revoked ones too, oldest first. */
  listCoHosts(sessionId: string): Promise<StoredCoHost[]>;
  /** Revoke a link; resolves false when the session has no such link (or it was revoked already). */
  revokeCoHost(sessionId: string, coHostId: string, at: string): Promise<boolean>;
  /** A session's action plan, in its order. */
  listActions(sessionId: string): Promise<StoredAction[]>;
  /**
   * Add an action at the end of the plan (its `position` is the store's: one after the last), in one transaction
   * with its checks: the session still there, fewer than `limit` actions, and no action yet from the same proposal
   * (then that one is the answer, so a retried request adds nothing).
   */
  insertAction(action: Omit<StoredAction, "position">, limit: number): Promise<ActionInsert>;
  /** Change an action's fields; resolves with it as stored now, `undefined` when the session has no such action. */
  updateAction(sessionId: string, actionId: string, patch: ActionPatch): Promise<StoredAction | undefined>;
  /** Resolves false when the session has no such action. */
  deleteAction(sessionId: string, actionId: string): Promise<boolean>;
  createNetwork(network: StoredNetwork): Promise<void>;
  findNetwork(id: string): Promise<StoredNetwork | undefined>;
  /** Make a session a measurement of a network (or take it out: `null`, `null`). */
  setSessionNetwork(sessionId: string, networkId: string | null, measurement: number | null): Promise<void>;
  /** The network's sessions, by measurement. */
  listNetworkSessions(networkId: string): Promise<StoredSession[]>;
  /** Set up questions from the floor for the session. */
  setFloorSettings(sessionId: string, settings: FloorSettings): Promise<void>;
  /** Every question from the floor of a session, with every upvote. */
  listFloor(sessionId: string): Promise<{ questions: StoredFloorQuestion[]; votes: FloorVote[] }>;
  insertFloorQuestion(question: StoredFloorQuestion): Promise<void>;
  /** Change a question's status or answered mark; resolves with its new rev, `undefined` when there is no such question. */
  updateFloorQuestion(floorId: string, patch: Partial<Pick<StoredFloorQuestion, "status" | "answered">>): Promise<number | undefined>;
  /**
   * Add (`up`) or take back a participant's upvote, only while, in the store itself, the question is shown. Adding
   * twice or taking back twice changes nothing. Resolves false when the question is not shown (or gone).
   */
  saveFloorVote(vote: FloorVote & { up: boolean }): Promise<boolean>;
  floorChecksum(sessionId: string): Promise<FloorChecksum>;
  /** Delete a session with its questions and ballots (all rounds), and its questions from the floor; a network left
   * without a session goes with it. */
  deleteSession(sessionId: string): Promise<void>;
  /** Delete every session created before `cutoff` (ISO time), and every network left without a session; returns their ids. */
  deleteSessionsCreatedBefore(cutoff: string): Promise<string[]>;
  /** A random secret made on first start, for keyed pseudonyms (the same for every node sharing the store). */
  secret(): Promise<Buffer>;
  /**
   * Resolves when the store can take writes now, rejects with StoreUnavailableError when it cannot (unreachable,
   * read-only, a full disk): for a load balancer's readiness check.
   */
  checkReady(): Promise<void>;
  /** true when several server processes may share this store (PostgreSQL): the mirror must be checked against it. */
  readonly shared: boolean;
  close(): Promise<void>;
}
