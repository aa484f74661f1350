import type { Language, QuestionStatus } from "../../lib/protocol";

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
}

export interface StoredQuestion {
  id: string;
  sessionId: string;
  position: number;
  kind: "multiple";
  /** Where the options come from; today always the nine challenges. */
  template: "nine-challenges";
  maxChoices: number | null;
  status: QuestionStatus;
  resultsVisible: boolean;
  /** Bumped by a reset: ballots of older rounds stay in the database as discarded rounds. */
  round: number;
}

export interface BallotWrite {
  questionId: string;
  round: number;
  /** Per-session pseudonym of the participant (never the browser's id itself). */
  participantKey: string;
  optionIds: readonly string[];
  voteId: string | null;
  castAt: string;
}

export interface StoredBallot {
  participantKey: string;
  optionIds: string[];
  voteId: string | null;
  castAt: string;
}

export type QuestionPatch = Partial<Pick<StoredQuestion, "status" | "resultsVisible" | "round" | "maxChoices">>;

/**
 * The storage the server depends on. Every write resolves only after it is committed, because nothing a
 * user submitted is acknowledged before it is stored.
 */
export interface Store {
  createSession(session: StoredSession, questions: readonly StoredQuestion[]): Promise<void>;
  findSessionById(id: string): Promise<StoredSession | undefined>;
  findSessionByCode(code: string): Promise<StoredSession | undefined>;
  listQuestions(sessionId: string): Promise<StoredQuestion[]>;
  updateQuestion(questionId: string, patch: QuestionPatch): Promise<void>;
  /** Insert or replace the participant's ballot for that question and round. */
  saveBallot(ballot: BallotWrite): Promise<void>;
  listBallots(questionId: string, round: number): Promise<StoredBallot[]>;
  /** Delete a session with its questions and ballots (all rounds). */
  deleteSession(sessionId: string): Promise<void>;
  /** Delete every session created before `cutoff` (ISO time); returns their ids. */
  deleteSessionsCreatedBefore(cutoff: string): Promise<string[]>;
  /** A random secret made on first start, for keyed pseudonyms. */
  secret(): Promise<Buffer>;
  close(): Promise<void>;
}
