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

export const EXPORT_FORMATS = ["csv", "json"] as const;
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
} as const;

// ---------------------------------------------------------------------------------------------------------
// Session state

export const QUESTION_STATUSES = ["open", "closed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export interface OptionView {
  id: string;
  label: string;
  description: string;
}

export interface QuestionView {
  id: string;
  kind: "multiple";
  prompt: string;
  /** `null`: no maximum. */
  maxChoices: number | null;
  status: QuestionStatus;
  resultsVisible: boolean;
  options: OptionView[];
}

export interface SessionView {
  id: string;
  title: string;
  code: string;
  language: Language;
}

/** Live results of one question, derived from the stored ballots of its current round. */
export interface Results {
  questionId: string;
  /** Every option id of the question is present, with 0 when nobody picked it. */
  counts: Record<string, number>;
  /** People who submitted a ballot (an empty ballot counts). */
  respondents: number;
  /** Participants connected right now. */
  participants: number;
}

/** Sent right after connecting and after every change of the session or its question. */
export interface SessionState {
  session: SessionView;
  question: QuestionView;
  /** The participant's own ballot, when they have cast one (participants only). */
  ballot?: string[];
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

export const voteCastSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  optionIds: z.array(z.string().min(1).max(64)).max(64),
  /** Optional client-made id of this cast, so a retried emit is recognised. */
  voteId: z.string().min(1).max(64).optional(),
});
export type VoteCast = z.infer<typeof voteCastSchema>;

export const maxChoicesSetSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  maxChoices: z.number().int().min(1).max(64).nullable(),
});
export type MaxChoicesSet = z.infer<typeof maxChoicesSetSchema>;

export interface VoteCastResult {
  ballot: string[];
}

export interface QuestionChanged {
  question: QuestionView;
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
}

/** Events the server emits. */
export interface ServerToClientEvents {
  "session:state": (state: SessionState) => void;
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
] as const;
export type FacilitatorEvent = (typeof FACILITATOR_EVENTS)[number];

/** Describe the first problem of a zod error in one readable line. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid payload";
  const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${path}${issue.message}`;
}
