/**
 * The public protocol of Tafelronde: every HTTP body and Socket.IO event between clients and the server.
 * Client and server both import this file; the server parses every inbound payload with these zod schemas
 * before it reaches the domain, because TypeScript types alone do not protect a server.
 */
import { z } from "zod";
import { LANGUAGES, type Language } from "./languages";

export { LANGUAGES, type Language } from "./languages";
export const languageSchema = z.enum(LANGUAGES);

/** The closed list of error codes, in acks and in HTTP error bodies. */
export const ERROR_CODES = [
  "invalid_payload",
  "session_not_found",
  "question_not_found",
  "unknown_option",
  "duplicate_option",
  "out_of_range",
  "wrong_answer_kind",
  "too_many_choices",
  "voting_closed",
  "forbidden",
  "passcode_required",
  "question_locked",
  "unauthorized",
  "rate_limited",
  "not_found",
  "method_not_allowed",
  "internal_error",
  /** The database is unreachable for a moment (a restart, a failover): nothing was stored; send the same again. */
  "unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** Every ack has this one shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message } };
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

/** Body of `POST /api/sessions`. */
export const createSessionBodySchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "title must not be empty")
    .max(120, "title must be at most 120 characters"),
  language: languageSchema.optional(),
  /** What the session starts with: the article's three checks, only the nine challenges (default), or nothing. */
  template: z.enum(["article", "challenges", "empty"]).optional(),
  /** Required when the server sets CREATE_PASSCODE. */
  passcode: z.string().max(200).optional(),
});
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

/** Reply of `POST /api/sessions` (201). */
export interface CreatedSession {
  id: string;
  code: string;
  hostKey: string;
  screenKey: string;
  links: { join: string; host: string; screen: string };
}

/** Body of every HTTP error reply. */
export interface HttpErrorBody {
  error: ProtocolError;
}

export const EXPORT_FORMATS = ["csv", "json", "xlsx"] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

// ---------------------------------------------------------------------------------------------------------
// Socket.IO handshake (`auth` of the client), checked in `io.use` before any event is handled.

/** Participant ids are random strings made by the browser; we only bound their shape. */
export const participantIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "participantId must be url-safe");

export const participantAuthSchema = z.strictObject({
  code: z.string().min(1).max(16),
  participantId: participantIdSchema,
});
export const facilitatorAuthSchema = z.strictObject({
  sessionId: z.string().min(1).max(64),
  hostKey: z.string().min(1).max(128),
});
export const screenAuthSchema = z.strictObject({
  sessionId: z.string().min(1).max(64),
  screenKey: z.string().min(1).max(128),
});
export type ParticipantAuth = z.infer<typeof participantAuthSchema>;
export type FacilitatorAuth = z.infer<typeof facilitatorAuthSchema>;
export type ScreenAuth = z.infer<typeof screenAuthSchema>;

/** What role a socket was admitted with. Screens are read-only. */
export type Role = "participant" | "facilitator" | "screen";

/** `connect_error` messages start with one of these codes so clients can tell them apart. */
export const HANDSHAKE_ERRORS = {
  invalidAuth: "invalid_auth",
  unknownCode: "session_not_found",
  wrongKey: "unauthorized",
  forbiddenOrigin: "forbidden_origin",
  rateLimited: "rate_limited",
  /** The database is unreachable for a moment: the client tries again by itself. */
  unavailable: "unavailable",
} as const;

// ---------------------------------------------------------------------------------------------------------
// Session state

export const QUESTION_STATUSES = ["open", "closed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_KINDS = ["single", "multiple", "scale", "ranking", "open"] as const;
/** single: one option; multiple: any number (optional maximum); scale: a number between two labelled ends;
 * ranking: an ordered list of up to `maxChoices` options; open: a short text. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface OptionView {
  id: string;
  label: string;
  description: string;
}

export interface ScaleSettings {
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface QuestionView {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** multiple: most options a ballot may pick; ranking: most options ranked; `null`: no maximum. */
  maxChoices: number | null;
  status: QuestionStatus;
  resultsVisible: boolean;
  /** Choice and ranking questions; empty for scale and open questions. */
  options: OptionView[];
  /** Scale questions only. */
  scale?: ScaleSettings;
  /** Where the question came from, e.g. "nine-challenges"; `null` for the facilitator's own questions. */
  template: string | null;
  /** Position in the session, from 0. */
  position: number;
}

/** One line of the facilitator's question list. */
export interface QuestionSummary {
  id: string;
  kind: QuestionKind;
  prompt: string;
  status: QuestionStatus;
  template: string | null;
  respondents: number;
  /** Ballots exist in its current round: the question can no longer be edited. */
  locked: boolean;
}

/** An open-text answer as the screen shows it; `id` is a pseudonym of the ballot, not of the participant. */
export interface OpenAnswer {
  id: string;
  text: string;
  hidden: boolean;
}

/** What a participant answered: option ids (choice: as picked; ranking: in rank order), a scale value or a text. */
export type Answer = string[] | number | string;

export interface SessionView {
  id: string;
  title: string;
  code: string;
  language: Language;
}

/** Live results of one question, derived from the stored ballots of its current round. */
export interface Results {
  questionId: string;
  kind?: QuestionKind;
  /**
   * single/multiple: ballots that picked each option; ranking: ballots that ranked it at all; scale: ballots
   * per value ("1".."5"). Every option (or value) is present, with 0 when nobody chose it.
   */
  counts: Record<string, number>;
  /** ranking: Borda points per option (first of k ranked gets k points, then k-1, ...). */
  scores?: Record<string, number>;
  /** scale: mean of the values, `null` without ballots. */
  mean?: number | null;
  /** open: the answers; phones and screens get only those not hidden. */
  answers?: OpenAnswer[];
  /** People who submitted a ballot (an empty ballot counts). */
  respondents: number;
  /** Participants connected right now. */
  participants: number;
}

/** Sent right after connecting and after every change of the session or its question. */
export interface SessionState {
  session: SessionView;
  /** The active question, which phones answer; absent in a session without questions. */
  question?: QuestionView;
  /** Every question in order (facilitators only). */
  questions?: QuestionSummary[];
  /** The participant's own answer to the active question, when they have given one (participants only). */
  ballot?: Answer;
  /** Always for facilitators and screens; for participants only while results are shown. */
  results?: Results;
  /** Where phones join: absolute link for the QR code (facilitators and screens only). */
  joinUrl?: string;
  /** Path of the read-only screen view with its key (facilitators only). */
  screenPath?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Client -> server events

export const questionRefSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
});
export type QuestionRef = z.infer<typeof questionRefSchema>;

/** Open answers are short: a line on a projector, not an essay. */
export const OPEN_ANSWER_MAX = 280;

export const voteCastSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  /** single, multiple and ranking questions (ranking: in rank order). */
  optionIds: z.array(z.string().min(1).max(64)).max(64).optional(),
  /** scale questions. */
  value: z.number().int().min(-100).max(100).optional(),
  /** open questions. */
  text: z.string().max(OPEN_ANSWER_MAX).optional(),
  /** Optional client-made id of this cast, so a retried emit is recognised. */
  voteId: z.string().min(1).max(64).optional(),
});
export type VoteCast = z.infer<typeof voteCastSchema>;

export const maxChoicesSetSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  maxChoices: z.number().int().min(1).max(64).nullable(),
});
export type MaxChoicesSet = z.infer<typeof maxChoicesSetSchema>;

const optionLabelSchema = z.string().trim().min(1, "an option needs a label").max(120);
const scaleSchema = z
  .strictObject({
    min: z.number().int().min(-10).max(10),
    max: z.number().int().min(-10).max(10),
    minLabel: z.string().trim().max(60),
    maxLabel: z.string().trim().max(60),
  })
  .refine((s) => s.max > s.min && s.max - s.min <= 10, "scale: max must be above min, at most 10 steps");

/** A question the facilitator writes: its kind, prompt and (for choice and ranking kinds) its options. */
export const questionDraftSchema = z.strictObject({
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string().trim().min(1, "a question needs a prompt").max(300),
  options: z.array(optionLabelSchema).max(20).optional(),
  maxChoices: z.number().int().min(1).max(20).nullable().optional(),
  scale: scaleSchema.optional(),
});
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

export const questionAddSchema = questionDraftSchema;
export const questionUpdateSchema = z.strictObject({ questionId: z.string().min(1).max(64), draft: questionDraftSchema });
export const questionMoveSchema = z.strictObject({ questionId: z.string().min(1).max(64), position: z.number().int().min(0).max(200) });
export const followupCreateSchema = z.strictObject({ questionId: z.string().min(1).max(64), topN: z.number().int().min(2).max(9) });
export const answerModerateSchema = z.strictObject({ questionId: z.string().min(1).max(64), answerId: z.string().min(1).max(64) });

export interface VoteCastResult {
  ballot: Answer;
}

export interface QuestionChanged {
  question: QuestionView;
}

/** Payload of `question:updated` (server to phones). */
export interface QuestionUpdated {
  question: QuestionView;
  results?: Results;
}

type AckFn<T> = (ack: Ack<T>) => void;

/** Events a client may emit. Facilitator events are refused with `forbidden` for other roles. */
export interface ClientToServerEvents {
  "vote:cast": (payload: VoteCast, ack: AckFn<VoteCastResult>) => void;
  "question:open": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  "question:close": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  "results:show": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  "results:hide": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  "question:reset": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  "question:configure": (payload: MaxChoicesSet, ack: AckFn<QuestionChanged>) => void;
  /** Append a question of the facilitator's own. */
  "question:add": (payload: QuestionDraft, ack: AckFn<QuestionChanged>) => void;
  /** Rewrite a question; only before its first ballot. */
  "question:update": (payload: z.infer<typeof questionUpdateSchema>, ack: AckFn<QuestionChanged>) => void;
  "question:move": (payload: z.infer<typeof questionMoveSchema>, ack: AckFn<QuestionChanged>) => void;
  "question:remove": (payload: QuestionRef, ack: AckFn<{ questionId: string }>) => void;
  /** Move the room to this question: phones follow at once. */
  "question:activate": (payload: QuestionRef, ack: AckFn<QuestionChanged>) => void;
  /** A ranking question over the top N options of a multiple-choice question, placed after it and activated. */
  "followup:create": (payload: z.infer<typeof followupCreateSchema>, ack: AckFn<QuestionChanged>) => void;
  /** Open questions: take an answer off the screen (it stays in the export), or put it back. */
  "answer:hide": (payload: z.infer<typeof answerModerateSchema>, ack: AckFn<{ answerId: string }>) => void;
  "answer:show": (payload: z.infer<typeof answerModerateSchema>, ack: AckFn<{ answerId: string }>) => void;
}

/** Events the server emits. */
export interface ServerToClientEvents {
  "session:state": (state: SessionState) => void;
  /**
   * Phones only: the active question changed in place (opened, closed, results shown or hidden, edited). One
   * message for the whole room instead of a `session:state` per phone; the phone keeps its ballot. `results`
   * is there exactly while results are shown to phones.
   */
  "question:updated": (payload: QuestionUpdated) => void;
  "results:updated": (results: Results) => void;
  /** The facilitator deleted the session (or it expired); the server closes the socket right after. */
  "session:deleted": (payload: { sessionId: string }) => void;
}

export const FACILITATOR_EVENTS = [
  "question:open",
  "question:close",
  "results:show",
  "results:hide",
  "question:reset",
  "question:configure",
  "question:add",
  "question:update",
  "question:move",
  "question:remove",
  "question:activate",
  "followup:create",
  "answer:hide",
  "answer:show",
] as const;
export type FacilitatorEvent = (typeof FACILITATOR_EVENTS)[number];

/** Describe the first problem of a zod error in one readable line. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid payload";
  const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${path}${issue.message}`;
}

// ---------------------------------------------------------------------------------------------------------
// Report (`GET /api/sessions/{id}/report`)

export interface ReportQuestion {
  question: QuestionView;
  /** Results of the current round, hidden open answers included (flagged). */
  results: Results;
  /** Multiple choice only: respondents who picked both options of each pair; `null` below the privacy threshold. */
  cooccurrence: number[][] | null;
}

export interface ReportData {
  session: SessionView;
  createdAt: string;
  exportedAt: string;
  /** No breakdown is shown for fewer respondents than this (`MIN_GROUP_SIZE`). */
  minGroupSize: number;
  questions: ReportQuestion[];
}
