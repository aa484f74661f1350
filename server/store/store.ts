import type { Answer, Language, QuestionKind, QuestionStatus, ScaleSettings } from "../../lib/protocol";

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
}

/** An option of a facilitator's own question (template questions take theirs from lib/templates.ts). */
export interface StoredOption {
  id: string;
  label: string;
}

export interface StoredQuestion {
  id: string;
  sessionId: string;
  position: number;
  kind: QuestionKind;
  /** Template id (lib/templates.ts) whose wording follows the reader's language; `null` for own questions. */
  template: string | null;
  /** Own questions: the prompt as written; template questions: `null`. */
  prompt: string | null;
  /** Own questions and follow-ups: the options (labels may be empty when the id is a known challenge). */
  options: StoredOption[] | null;
  maxChoices: number | null;
  scale: ScaleSettings | null;
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
  answer: Answer;
  voteId: string | null;
  castAt: string;
}

export interface StoredBallot {
  participantKey: string;
  answer: Answer;
  voteId: string | null;
  castAt: string;
  /** Open answers the facilitator took off the screen. */
  hidden: boolean;
}

export type QuestionPatch = Partial<
  Pick<StoredQuestion, "status" | "resultsVisible" | "round" | "maxChoices" | "position" | "kind" | "prompt" | "options" | "scale" | "template">
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
  listQuestions(sessionId: string): Promise<StoredQuestion[]>;
  insertQuestion(question: StoredQuestion): Promise<void>;
  updateQuestion(questionId: string, patch: QuestionPatch): Promise<void>;
  /** Positions of several questions at once (reordering), in one transaction. */
  setPositions(positions: readonly { id: string; position: number }[]): Promise<void>;
  deleteQuestion(questionId: string): Promise<void>;
  /** Insert or replace the participant's ballot for that question and round. */
  saveBallot(ballot: BallotWrite): Promise<void>;
  listBallots(questionId: string, round: number): Promise<StoredBallot[]>;
  setBallotHidden(questionId: string, round: number, participantKey: string, hidden: boolean): Promise<void>;
  /** Delete a session with its questions and ballots (all rounds). */
  deleteSession(sessionId: string): Promise<void>;
  /** Delete every session created before `cutoff` (ISO time); returns their ids. */
  deleteSessionsCreatedBefore(cutoff: string): Promise<string[]>;
  /** A random secret made on first start, for keyed pseudonyms. */
  secret(): Promise<Buffer>;
  close(): Promise<void>;
}
