/**
 * The public protocol of Tafelronde: every HTTP body and Socket.IO event between clients and the server.
 * Client and server both import this file; the server parses every inbound payload with these zod schemas
 * before it reaches the domain, because TypeScript types alone do not protect a server.
 */
import { z } from "zod";
import { LANGUAGES, type Language } from "./languages";
import { ACTION_LIMITS, type ActionState } from "./action-constants";
import { CHALLENGE_IDS } from "./challenges";
import { isCalendarDay, type PlanProgress } from "./poll/actions";
import { draftProblems, DRAFT_PROBLEM_MESSAGES } from "./poll/question-draft";
import {
  EXPORT_FORMATS,
  LIMITS,
  QUESTION_KINDS,
  URL_SAFE_ID,
  type ErrorCode,
  type FloorStatus,
  type QuestionKind,
  type QuestionStatus,
} from "./protocol-constants";

export { LANGUAGES, type Language } from "./languages";
export { ACTION_LIMITS, ACTION_STATES, type ActionState } from "./action-constants";
export {
  DEFAULT_SCALE,
  ERROR_CODES,
  EXPORT_FORMATS,
  FLOOR_STATUSES,
  HANDSHAKE_ERRORS,
  LIMITS,
  PROTOCOL_VERSION,
  QUESTION_KINDS,
  QUESTION_STATUSES,
  type ErrorCode,
  type ExportFormat,
  type FloorStatus,
  type QuestionKind,
  type QuestionStatus,
} from "./protocol-constants";
export const languageSchema = z.enum(LANGUAGES);

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

const idSchema = z.string().min(1).max(LIMITS.idLength);

// ---------------------------------------------------------------------------------------------------------
// HTTP

/** A session's title, as the facilitator types it. */
export const titleSchema = z
  .string()
  .trim()
  .min(1, "title must not be empty")
  .max(LIMITS.title, `title must be at most ${LIMITS.title} characters`);

/** Body of `POST /api/sessions`. */
export const createSessionBodySchema = z.strictObject({
  title: titleSchema,
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

/** Body of `PATCH /api/sessions/{id}`: rename the session. */
export const renameSessionBodySchema = z.strictObject({ title: titleSchema });
export type RenameSessionBody = z.infer<typeof renameSessionBodySchema>;

/** Body of every HTTP error reply. */
export interface HttpErrorBody {
  error: ProtocolError;
}

export const exportFormatSchema = z.enum(EXPORT_FORMATS);

// ---------------------------------------------------------------------------------------------------------
// Socket.IO handshake (`auth` of the client), checked in `io.use` before any event is handled.

/** Participant ids are random strings made by the browser; we only bound their shape. */
export const participantIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(URL_SAFE_ID, "participantId must be url-safe");

export const participantAuthSchema = z.strictObject({
  code: z.string().min(1).max(16),
  participantId: participantIdSchema,
});
export const facilitatorAuthSchema = z.strictObject({
  sessionId: idSchema,
  hostKey: z.string().min(1).max(128),
});
export const screenAuthSchema = z.strictObject({
  sessionId: idSchema,
  screenKey: z.string().min(1).max(128),
});
export type ParticipantAuth = z.infer<typeof participantAuthSchema>;
export type FacilitatorAuth = z.infer<typeof facilitatorAuthSchema>;
export type ScreenAuth = z.infer<typeof screenAuthSchema>;

/** What role a socket was admitted with. Screens are read-only. */
export type Role = "participant" | "facilitator" | "screen";


// ---------------------------------------------------------------------------------------------------------
// Session state


export interface OptionView {
  id: string;
  label: string;
  description: string;
  /** A proposal of an action round: the challenge it was proposed for (its label is the description). */
  about?: string;
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
  /** Present (true) on a grouping question: a single choice whose answers sort the room into groups. */
  grouping?: true;
  /** Present when the question is asked only of one or more groups of a grouping question. */
  audience?: Audience;
  /** Present while a countdown runs on the open question: at its end the server closes voting. */
  timer?: TimerView;
  /** Present (true) during a silent vote: screens and phones get how many voted, no numbers, until the reveal. */
  silent?: true;
}

/**
 * A running countdown. `remainingMs` is counted by the server when the message is made, so a client counts down
 * from when the message arrived and its own clock does not matter; `closesAt` is the stored deadline (ISO), and
 * `seconds` the countdown's whole length, extensions included.
 */
export interface TimerView {
  closesAt: string;
  remainingMs: number;
  seconds: number;
}

/** Who a question is asked of: those who answered the grouping question `questionId` with one of `optionIds`. */
export interface Audience {
  questionId: string;
  optionIds: string[];
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
  /** A grouping question: present (true), with its answers, the groups, in `groups`. */
  grouping?: true;
  groups?: OptionView[];
  /** Asked of some groups only: respondents counts only those asked. */
  audience?: Audience;
  /** Presenter notes in the session's language: the facilitator's own, or for the article's questions the
   * article's. Facilitators only; absent when there are none. */
  notes?: string;
}

/** One word of a word cloud: counted once per participant, in its most common form. */
export interface WordCount {
  /** The word normalised (case, accents, stop words): what `word:hide` names. */
  key: string;
  /** The form sent most often. */
  text: string;
  /** Participants who sent it. */
  count: number;
  /** Taken off screens and phones by the facilitator (facilitators and exports only see it, flagged). */
  hidden: boolean;
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

/** An earlier round of a question that was voted again: its results as that round ended. */
export interface RoundResults {
  /** The round's number (1 for the first vote). */
  round: number;
  respondents: number;
  counts: Record<string, number>;
  scores?: Record<string, number>;
  mean?: number | null;
  /** A question for one group below the privacy threshold: no counts. */
  withheld?: "too_few";
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
  /** words: the cloud, most frequent first; phones and screens never get a hidden word. */
  words?: WordCount[];
  /** People who submitted a ballot (an empty ballot counts). */
  respondents: number;
  /** A silent vote: the room gets only `respondents` and `participants` until the facilitator reveals. */
  silent?: true;
  /** Voted again (`question:revote`): the round before, to compare with. Facilitators and screens only. */
  previous?: RoundResults;
  /** Participants connected right now. */
  participants: number;
  /**
   * `too_few`: a question asked of one group has fewer respondents than the privacy threshold, so its numbers
   * (counts, scores, mean, answers) are not sent; `respondents` is.
   */
  withheld?: "too_few";
  /** With `withheld`: the privacy threshold the respondents have not reached (MIN_GROUP_SIZE). */
  minGroupSize?: number;
  /** Facilitators and screens, while the session is split by a grouping question: the same results per group. */
  split?: SplitResults;
}

/** One group's results in a split. */
export interface SplitGroup {
  /** An option id of the grouping question, `_none` (no answer to it) or `_other` (small groups together). */
  groupId: string;
  respondents: number;
  counts: Record<string, number>;
  scores?: Record<string, number>;
  mean?: number | null;
}

/**
 * A question's results split by a grouping question, small groups protected: a group with fewer respondents than
 * `minGroupSize` is never sent on its own, and enough others go into `other` with it that no subtraction gives
 * its numbers back; when that cannot be done, no group is sent (`groups` holds only groups without respondents).
 */
export interface SplitResults {
  /** The grouping question and its answers (the groups), worded in the session's language. */
  by: { questionId: string; prompt: string; options: OptionView[] };
  groups: SplitGroup[];
  other?: SplitGroup & { groupIds: string[] };
  /** Groups not shown on their own (in `other`, or not at all): ids only. */
  withheld: string[];
  minGroupSize: number;
}

// ---------------------------------------------------------------------------------------------------------
// Questions from the floor: participants ask the speaker or panel and upvote each other's questions.

/** How the facilitator has set up questions from the floor for the session. */
export interface FloorSettings {
  /** Participants may ask and upvote. */
  open: boolean;
  /** A new question waits for the facilitator's approval before anyone else sees it. */
  approval: boolean;
  /** The screen shows the top questions instead of the active question. */
  screen: boolean;
  /** The question the facilitator put on the screen (shown large there, whatever `screen` says); `null`: none. */
  highlight: string | null;
}

/** A question from the floor as clients see it. */
export interface FloorQuestionView {
  id: string;
  text: string;
  /** The name the participant gave; `null`: anonymous (the default). */
  name: string | null;
  /** Participants who upvote it (one each). */
  votes: number;
  /** Screens and phones only ever get `shown` questions (a participant also their own `pending` ones). */
  status: FloorStatus;
  answered: boolean;
  askedAt: string;
}

/**
 * The floor as one role sees it. Facilitators get every question; screens and phones get the shown ones only, and
 * of those the top few (LIMITS.floorOnScreens, LIMITS.floorOnPhones), while the floor is open.
 */
export interface FloorView {
  settings: FloorSettings;
  /** Ranked: unanswered before answered, then most votes, then first asked (lib/poll/floor.ts). */
  questions: FloorQuestionView[];
  /** Shown questions in all (screens and phones may get fewer of them in `questions`). */
  shown: number;
  /** Of the shown questions, those marked answered. */
  answered: number;
  /** Facilitators only: questions waiting for approval. */
  pending?: number;
  /** The highlighted question, when it is shown, whether or not it is among `questions`. */
  highlighted?: FloorQuestionView;
}

/** A participant's own part of the floor: what they asked (not what the facilitator hid) and what they upvote. */
export interface FloorMine {
  asked: FloorQuestionView[];
  upvoted: string[];
}

/** Ack of `floor:upvote`. */
export interface FloorVoted {
  floorId: string;
  votes: number;
  upvoted: boolean;
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
  /** The grouping question the results are split by (facilitators and screens; absent when not split). */
  splitBy?: string;
  /** Participants only: the active question is asked of other groups, so this phone skips it. */
  notAsked?: true;
  /** Questions from the floor as this role sees them (see FloorView); later changes come as `floor:updated`. */
  floor?: FloorView;
  /** Participants only: their own questions from the floor and upvotes. */
  floorMine?: FloorMine;
  /** Facilitators only, for a measurement of a network: the network and which measurement this is. */
  network?: { id: string; measurement: number };
  /** Present (true) for a co-facilitator: they run the session, but cannot delete it or manage co-facilitator links. */
  coHost?: true;
  /** Facilitators and screens, while the participants' results page is up: its path and when it goes down. */
  publication?: { path: string; expiresAt: string };
}

/** Body of `POST /api/sessions/{id}/publication`: how many days the page stays up (default 30). */
export const publishBodySchema = z.strictObject({ days: z.number().int().min(1).max(365).optional() });

/** Reply of `POST /api/sessions/{id}/publication` (201). */
export interface CreatedPublication {
  /** The page's address: no key of the session in it. */
  url: string;
  path: string;
  publishedAt: string;
  expiresAt: string;
}

/** Reply of `GET /api/results/{sessionId}/{token}`: what the participants' results page shows. */
export interface PublicResultsPage {
  session: { title: string; language: Language };
  publishedAt: string;
  expiresAt: string;
  minGroupSize: number;
  /** Questions with at least one respondent, in the session's order; numbers below the threshold withheld. */
  questions: { question: QuestionView; results: Results }[];
  /** The session's action plan (its owners' names as typed: the room chose them together); empty without one. */
  actions: ActionView[];
}

// ---------------------------------------------------------------------------------------------------------
// The action plan (`/api/sessions/{id}/actions`)

/** An action of a session's plan: what, about which challenge, who has it, by when, and the dots it got. */
export interface ActionView {
  id: string;
  text: string;
  /** The challenge (id) it answers; `null`: none named. */
  about: string | null;
  /** Who takes it on: a name as typed, no account. */
  owner: string;
  /** `YYYY-MM-DD`. */
  due: string;
  /** The proposal of a dot vote of this session it was made from; `null`: an action of one's own. */
  from: { questionId: string; optionId: string } | null;
  /** The dots that proposal has in its dot vote (counted when read); `null` without one, or where withheld. */
  dots: number | null;
  createdAt: string;
}

/** At the next measurement: how far one action of the previous plan got, as the room said. */
export interface ActionReview {
  /** The review question of this session that asked about it. */
  questionId: string;
  /** The action as it was asked about (the previous session's plan may have changed or gone since). */
  actionId: string;
  prompt: string;
  /** Answers per state, counted as any question's (withheld below the privacy threshold like any other). */
  counts: Record<string, number> | null;
  respondents: number;
  /** The most chosen state (a tie: the least advanced of them); `null` before anyone answered. */
  verdict: ActionState | null;
}

/** The previous plan's progress as this measurement's room saw it. */
export interface PlanReview {
  reviews: ActionReview[];
  progress: PlanProgress;
}

const calendarDaySchema = z.string().refine(isCalendarDay, "a due date is a day as YYYY-MM-DD");
const actionFields = {
  text: z.string().trim().min(1, "an action needs a text").max(ACTION_LIMITS.actionText),
  about: z.enum(CHALLENGE_IDS as [string, ...string[]]).nullable(),
  owner: z.string().trim().min(1, "an action needs an owner").max(ACTION_LIMITS.actionOwner),
  due: calendarDaySchema,
};

/**
 * Body of `POST /api/sessions/{id}/actions`: an owner and a due date, and either a text or `from`, a proposal of a
 * dot vote of this session (its text, challenge and dots come along; a text given as well replaces its text).
 */
export const createActionBodySchema = z
  .strictObject({
    text: actionFields.text.optional(),
    about: actionFields.about.optional(),
    owner: actionFields.owner,
    due: actionFields.due,
    from: z.strictObject({ questionId: idSchema, optionId: idSchema }).optional(),
  })
  .refine((body) => body.text !== undefined || body.from !== undefined, "an action needs a text, or `from`: a proposal of the dot vote");
export type CreateActionBody = z.infer<typeof createActionBodySchema>;

/** Body of `PATCH /api/sessions/{id}/actions/{actionId}`: the fields to change. */
export const updateActionBodySchema = z
  .strictObject({ text: actionFields.text.optional(), about: actionFields.about.optional(), owner: actionFields.owner.optional(), due: actionFields.due.optional() })
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdateActionBody = z.infer<typeof updateActionBodySchema>;

/** A co-facilitator's link as the session's owner sees it (`GET /api/sessions/{id}/cohosts`). */
export interface CoHostView {
  id: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Reply of `POST /api/sessions/{id}/cohosts` (201): the link, with its key, shown this once. */
export interface CreatedCoHost extends CoHostView {
  link: string;
}

/** Body of `POST /api/sessions/{id}/cohosts`: whom the link is for. */
export const createCoHostBodySchema = z.strictObject({ label: z.string().trim().min(1, "a link needs a name").max(60) });

// ---------------------------------------------------------------------------------------------------------
// Client -> server events

export const questionRefSchema = z.strictObject({ questionId: idSchema });
export type QuestionRef = z.infer<typeof questionRefSchema>;

/** Open answers are short: a line on a projector, not an essay. */
export const OPEN_ANSWER_MAX = LIMITS.openAnswer;

export const voteCastSchema = z.strictObject({
  questionId: idSchema,
  /** single, multiple and ranking questions (ranking: in rank order). */
  optionIds: z.array(idSchema).max(64).optional(),
  /** scale questions. */
  value: z.number().int().min(-100).max(100).optional(),
  /** open questions. */
  text: z.string().max(LIMITS.openAnswer).optional(),
  /** word clouds: up to three words or short phrases. */
  words: z.array(z.string().max(LIMITS.word)).max(LIMITS.wordsPerBallot).optional(),
  /** Optional client-made id of this cast, so a retried emit is recognised. */
  voteId: idSchema.optional(),
});
export type VoteCast = z.infer<typeof voteCastSchema>;

/**
 * A facilitator command's own id (8 to 64 url-safe characters, one per click): socket.io-client's `retries`
 * sends an emit again when its ack is lost, and the same `commandId` in the same session is answered with the
 * first ack without changing anything again.
 */
export const commandIdSchema = z
  .string()
  .min(LIMITS.commandId.min)
  .max(LIMITS.commandId.max)
  .regex(URL_SAFE_ID, "commandId must be url-safe");

/** A facilitator command's payload: its own fields and the optional `commandId`. */
function command<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject({ ...shape, commandId: commandIdSchema.optional() });
}

const optionLabelSchema = z.string().trim().min(1, "an option needs a label").max(LIMITS.optionLabel);
const scaleSchema = z.strictObject({
  min: z.number().int().min(-LIMITS.scaleBound).max(LIMITS.scaleBound),
  max: z.number().int().min(-LIMITS.scaleBound).max(LIMITS.scaleBound),
  minLabel: z.string().trim().max(LIMITS.scaleLabel),
  maxLabel: z.string().trim().max(LIMITS.scaleLabel),
});

/** Who a question is asked of: answers to a grouping question of the same session. */
const audienceSchema = z.strictObject({ questionId: idSchema, optionIds: z.array(idSchema).min(1).max(LIMITS.options) });

/** The fields of a question the facilitator writes; the kind's own rules are `draftProblems` (lib/poll/question-draft.ts). */
const draftShape = {
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string().trim().min(1, DRAFT_PROBLEM_MESSAGES.prompt).max(LIMITS.prompt),
  options: z.array(optionLabelSchema).max(LIMITS.options).optional(),
  maxChoices: z.number().int().min(1).max(LIMITS.maxChoices).nullable().optional(),
  scale: scaleSchema.optional(),
  /** A single choice whose answers sort the room into groups. */
  grouping: z.boolean().optional(),
  /** Ask only those who gave one of these answers to a grouping question; `null` or absent: everyone. */
  audience: audienceSchema.nullable().optional(),
  /** Presenter notes: only consoles see them. Absent in an update: the notes stay as they are. */
  notes: z.string().trim().max(LIMITS.notes).optional(),
};

/** Report the first of a draft's problems as zod's issue, so every refusal reads the same way. */
function checkDraft(draft: z.infer<z.ZodObject<typeof draftShape>>, ctx: z.RefinementCtx): void {
  const [problem] = draftProblems(draft);
  if (problem) ctx.addIssue({ code: "custom", message: DRAFT_PROBLEM_MESSAGES[problem], path: problem === "scale" ? ["scale"] : [] });
}

/** A question the facilitator writes: its kind, prompt and (by kind) its options, maximum or scale. */
export const questionDraftSchema = z.strictObject(draftShape).superRefine(checkDraft);
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

export const questionCommandSchema = command({ questionId: idSchema });
export const maxChoicesSetSchema = command({ questionId: idSchema, maxChoices: z.number().int().min(1).max(64).nullable() });
export type MaxChoicesSet = z.infer<typeof maxChoicesSetSchema>;
/** `question:add` sends the draft itself (with the optional commandId). */
export const questionAddSchema = command(draftShape).superRefine(checkDraft);
export const questionUpdateSchema = command({ questionId: idSchema, draft: questionDraftSchema });
export const questionMoveSchema = command({ questionId: idSchema, position: z.number().int().min(0).max(200) });
export const followupCreateSchema = command({
  questionId: idSchema,
  topN: z.number().int().min(LIMITS.followupTopN.min).max(LIMITS.followupTopN.max),
});
export const answerModerateSchema = command({ questionId: idSchema, answerId: idSchema });
export const sessionRenameSchema = command({ title: titleSchema });
export const resultsSplitSchema = command({ byQuestionId: idSchema.nullable() });
const timerSecondsSchema = z.number().int().min(LIMITS.timerSeconds.min).max(LIMITS.timerSeconds.max);
export const wordModerateSchema = command({ questionId: idSchema, key: z.string().min(1).max(LIMITS.word * 2) });
export const questionNotesSchema = command({ questionId: idSchema, notes: z.string().trim().max(LIMITS.notes) });
export const timerStartSchema = command({ questionId: idSchema, seconds: timerSecondsSchema });
export const timerExtendSchema = command({ questionId: idSchema, seconds: timerSecondsSchema });

/** A question from the floor (anonymous unless a name is given); `askId`, made by the client, makes a retry safe. */
export const floorAskSchema = z.strictObject({
  text: z.string().trim().min(1, "a question needs text").max(LIMITS.floorText),
  name: z.string().trim().max(LIMITS.floorName).optional(),
  askId: idSchema.optional(),
});
/** `up` says what the participant wants, not "toggle": an emit sent twice (a lost ack) changes nothing the second time. */
export const floorUpvoteSchema = z.strictObject({ floorId: idSchema, up: z.boolean() });
export const floorConfigureSchema = command({ open: z.boolean().optional(), approval: z.boolean().optional(), screen: z.boolean().optional() });
export const floorCommandSchema = command({ floorId: idSchema });
export const floorAnswerSchema = command({ floorId: idSchema, answered: z.boolean() });
export const floorHighlightSchema = command({ floorId: idSchema.nullable() });
export const actionsPromptsSchema = command({
  questionId: idSchema,
  topN: z.number().int().min(1).max(LIMITS.followupTopN.max),
});
export const actionsDotsSchema = command({
  /** Proposals (open answers of the round's prompt questions) in the order they become options. */
  proposals: z.array(z.strictObject({ questionId: idSchema, answerId: idSchema })).min(2).max(ACTION_LIMITS.dotProposals),
  budget: z.number().int().min(LIMITS.dotBudget.min).max(LIMITS.dotBudget.max).optional(),
});

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

/** Who may send a client event; screens send none. */
export type SenderRole = "participant" | "facilitator";

/** One entry of the event registry: how the payload is parsed, who may send it, and (as a type) its ack. */
export interface ClientEventSpec<S extends z.ZodType, A, R extends SenderRole> {
  schema: S;
  role: R;
  /** Only a type: what the ack carries on success. */
  readonly ack?: A;
  /** One line for the README's protocol table. */
  summary: string;
}

const participantEvent =
  <A>() =>
  <S extends z.ZodType>(schema: S, summary: string): ClientEventSpec<S, A, "participant"> => ({ schema, role: "participant", summary });
const facilitatorEvent =
  <A>() =>
  <S extends z.ZodType>(schema: S, summary: string): ClientEventSpec<S, A, "facilitator"> => ({ schema, role: "facilitator", summary });

/**
 * Every event a client may emit: its payload schema, who may send it and its ack type. The typed event map, the
 * facilitator set and the server's handler registration all follow from this table, so a new command is added
 * here once. Facilitator events are refused with `forbidden` for other roles.
 */
export const CLIENT_EVENTS = {
  "vote:cast": participantEvent<VoteCastResult>()(voteCastSchema, "cast or replace the participant's ballot for the active question"),
  "question:open": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "open voting (without a countdown; a running one stops)"),
  "question:close": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "close voting (a running countdown stops)"),
  "results:show": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "show results on the phones"),
  "results:hide": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "hide results on the phones"),
  "question:reset": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "start a new round; the old ballots are kept as a discarded round"),
  "question:configure": facilitatorEvent<QuestionChanged>()(maxChoicesSetSchema, "set the maximum number of choices"),
  "question:add": facilitatorEvent<QuestionChanged>()(questionAddSchema, "append a question of the facilitator's own"),
  "question:update": facilitatorEvent<QuestionChanged>()(questionUpdateSchema, "rewrite a question before its first ballot"),
  "question:move": facilitatorEvent<QuestionChanged>()(questionMoveSchema, "move a question to another position"),
  "question:remove": facilitatorEvent<{ questionId: string }>()(questionCommandSchema, "remove a question"),
  "question:activate": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "move the room to this question; phones follow at once"),
  "followup:create": facilitatorEvent<QuestionChanged>()(
    followupCreateSchema,
    "a ranking of the top N options of a multiple-choice question, placed after it and activated",
  ),
  "answer:hide": facilitatorEvent<{ answerId: string }>()(answerModerateSchema, "take an open answer off the screens (it stays in the exports)"),
  "answer:show": facilitatorEvent<{ answerId: string }>()(answerModerateSchema, "put a hidden open answer back"),
  "session:rename": facilitatorEvent<{ session: SessionView }>()(sessionRenameSchema, "rename the session; every screen and phone shows the new title"),
  "word:hide": facilitatorEvent<{ key: string }>()(wordModerateSchema, "take a word (by its key) off the screens' and phones' cloud; it stays in the exports, flagged"),
  "word:show": facilitatorEvent<{ key: string }>()(wordModerateSchema, "put a hidden word back in the cloud"),
  "question:notes": facilitatorEvent<QuestionChanged>()(
    questionNotesSchema,
    "set the question's presenter notes (also once it has ballots); only consoles see them, `\"\"` for none",
  ),
  "question:revote": facilitatorEvent<QuestionChanged>()(
    questionCommandSchema,
    "vote again: a new round that opens empty on every phone; the round before is kept and sent along as `previous`",
  ),
  "results:conceal": facilitatorEvent<QuestionChanged>()(
    questionCommandSchema,
    "a silent vote: screens and phones get only how many voted, no numbers, until the reveal",
  ),
  "results:reveal": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "end the silent vote: the numbers go to the screens (and phones while shown)"),
  "timer:start": facilitatorEvent<QuestionChanged>()(timerStartSchema, "open voting with a countdown of `seconds`; at its end the server closes voting"),
  "timer:extend": facilitatorEvent<QuestionChanged>()(timerExtendSchema, "add `seconds` to the running countdown; `timer_not_running` without one"),
  "timer:stop": facilitatorEvent<QuestionChanged>()(questionCommandSchema, "stop the countdown; voting stays open; `timer_not_running` without one"),
  "floor:ask": participantEvent<{ question: FloorQuestionView }>()(
    floorAskSchema,
    "ask the speaker or panel a question (anonymous unless `name`); `pending` until approved when the facilitator requires approval",
  ),
  "floor:upvote": participantEvent<FloorVoted>()(floorUpvoteSchema, "upvote a shown question (`up: true`) or take the upvote back (`up: false`); one per participant"),
  "floor:configure": facilitatorEvent<{ settings: FloorSettings }>()(
    floorConfigureSchema,
    "open or close questions from the floor, require approval, put the top questions on the screen",
  ),
  "floor:approve": facilitatorEvent<{ question: FloorQuestionView }>()(floorCommandSchema, "show a question from the floor (one waiting for approval, or one hidden)"),
  "floor:hide": facilitatorEvent<{ question: FloorQuestionView }>()(floorCommandSchema, "take a question from the floor off screens and phones (it stays in the exports)"),
  "floor:answer": facilitatorEvent<{ question: FloorQuestionView }>()(floorAnswerSchema, "mark a question from the floor answered (or not)"),
  "floor:highlight": facilitatorEvent<{ settings: FloorSettings }>()(floorHighlightSchema, "put one shown question large on the screen (`null`: none)"),
  "actions:prompts": facilitatorEvent<{ questions: QuestionView[] }>()(
    actionsPromptsSchema,
    "from challenges to actions: an open question asking for proposals per top-N challenge of a challenge question (ties included), placed after it; the first activated",
  ),
  "actions:dots": facilitatorEvent<QuestionChanged>()(
    actionsDotsSchema,
    "a dot vote (budget default 3) on the picked proposals (open answers of the round's prompt questions), twins merged, placed after the last prompt and activated",
  ),
  "results:split": facilitatorEvent<{ splitBy: string | null }>()(
    resultsSplitSchema,
    "split the results on consoles and screens by a grouping question (null: no split); small groups are protected",
  ),
} as const;

type Registry = typeof CLIENT_EVENTS;
export type ClientEventName = keyof Registry;
/** What a client sends for an event (before parsing). */
export type PayloadOf<E extends ClientEventName> = z.input<Registry[E]["schema"]>;
/** What the server works with after parsing (trimmed, defaults filled in). */
export type ParsedPayloadOf<E extends ClientEventName> = z.output<Registry[E]["schema"]>;
/** What a successful ack of the event carries. */
export type AckOf<E extends ClientEventName> = NonNullable<Registry[E]["ack"]>;
export type ParticipantEvent = { [E in ClientEventName]: Registry[E]["role"] extends "participant" ? E : never }[ClientEventName];
export type FacilitatorEvent = { [E in ClientEventName]: Registry[E]["role"] extends "facilitator" ? E : never }[ClientEventName];

/** Events a client may emit, typed from the registry. */
export type ClientToServerEvents = { [E in ClientEventName]: (payload: PayloadOf<E>, ack: AckFn<AckOf<E>>) => void };

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
  /** Questions from the floor changed (asked, upvoted, moderated, set up): the floor as this role sees it. */
  "floor:updated": (floor: FloorView) => void;
  /**
   * Phones only: only upvote counts changed since the last floor message (the same questions; the phone ranks them
   * again). The question ids and their counts: a fraction of the bytes of the whole floor, to every phone of a hall.
   */
  "floor:votes": (payload: { votes: Record<string, number> }) => void;
  /** Facilitators only: the session's action plan changed (on any node, from any console or tool): the whole plan. */
  "plan:updated": (payload: { actions: ActionView[] }) => void;
  /** A co-facilitator's link was revoked by the session's owner; the server closes the socket right after. */
  "access:revoked": (payload: { sessionId: string }) => void;
  /** The facilitator deleted the session (or it expired); the server closes the socket right after. */
  "session:deleted": (payload: { sessionId: string }) => void;
}

export const FACILITATOR_EVENTS = (Object.keys(CLIENT_EVENTS) as ClientEventName[]).filter(
  (e): e is FacilitatorEvent => CLIENT_EVENTS[e].role === "facilitator",
);

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
  /** The results split by each grouping question of the session, small groups protected. */
  splits?: SplitResults[];
  /** Earlier rounds kept by a vote again, oldest first (`results` is the last round). */
  rounds?: RoundResults[];
}

export interface ReportData {
  session: SessionView;
  createdAt: string;
  exportedAt: string;
  /** No breakdown is shown for fewer respondents than this (`MIN_GROUP_SIZE`). */
  minGroupSize: number;
  questions: ReportQuestion[];
  /** Questions from the floor, every one (hidden and waiting ones flagged by `status`), ranked; absent when none was asked. */
  floor?: FloorQuestionView[];
  /** A measurement of a network: the network's trend (as `GET /api/networks/{id}/trend` has it). */
  trend?: NetworkTrend;
  /** The session's action plan; absent when it has none. */
  actions?: ActionView[];
  /** The previous measurement's plan as this room reviewed it (its review questions); absent without any. */
  planReview?: PlanReview;
}

// ---------------------------------------------------------------------------------------------------------
// Summary, compare and health

/** Reply of `GET /api/sessions/{id}/summary`: one line of the home page's "my sessions". */
export interface SessionSummary {
  session: SessionView;
  createdAt: string;
  /** Path of the screen view with its read-only key. */
  screenPath: string;
  questions: QuestionSummary[];
  /** The most respondents of any question. */
  respondents: number;
}

/** Body of `POST /api/compare`: two or more sessions, each with its host key. */
export const compareBodySchema = z.strictObject({
  sessions: z.array(z.strictObject({ id: idSchema, hostKey: z.string().min(1).max(128) })).min(2).max(12),
  format: z.enum(["json", "csv"]).optional(),
  language: languageSchema.optional(),
  /**
   * Also compare per group: a grouping question the sessions share, named by its template id (`check3-role`) or
   * by its prompt as written (a sector question of the facilitator's own).
   */
  groupBy: z.string().trim().min(1).max(LIMITS.prompt).optional(),
});
export type CompareBody = z.infer<typeof compareBodySchema>;

/** One session of a comparison: its shares of the nine challenges, or why they are withheld. */
export interface CompareGroup {
  sessionId: string;
  title: string;
  createdAt: string;
  respondents: number;
  /** Share (%) per challenge; `null` below the privacy threshold or without the question. */
  shares: Record<string, number> | null;
  /** Why there are no shares. */
  withheld?: "too_few_answers" | "not_asked";
  /** With `groupBy`: the session's nine challenges per group, small groups protected; `null` without that question. */
  byGroup?: CompareByGroup | null;
}

/** One session's shares of the nine challenges per group of a grouping question, small groups protected. */
export interface CompareByGroup {
  questionId: string;
  groups: { groupId: string; label: string; respondents: number; shares: Record<string, number> }[];
  /** Small groups together (see SplitResults.other). */
  other?: { groupIds: string[]; respondents: number; shares: Record<string, number> };
  /** Groups not shown on their own: their labels only. */
  withheld: string[];
}

/** One measurement of a network in its trend: the session's shares of the nine challenges (see CompareGroup). */
export interface TrendMeasurement extends CompareGroup {
  /** 1 for the first measurement, then 2, … */
  measurement: number;
}

/** Reply of `GET /api/networks/{id}/trend` (JSON): the nine challenges at each measurement of a network. */
export interface NetworkTrend {
  network: { id: string; name: string };
  minGroupSize: number;
  /** The nine challenges' ids, in the article's order. */
  options: string[];
  /** By measurement; a measurement below the privacy threshold has `shares: null`. */
  measurements: TrendMeasurement[];
  /**
   * From the last but one measurement with shares to the last one: the shift per challenge in percentage points
   * (of the shares as shown, so the difference of the two numbers on screen); `null` with fewer than two.
   */
  change: { from: number; to: number; shift: Record<string, number> } | null;
}

/** Reply of `POST /api/sessions/{id}/measurements` (201): the next measurement of the session's network. */
export interface CreatedMeasurement extends CreatedSession {
  networkId: string;
  measurement: number;
}

/** Reply of `POST /api/compare` (JSON). */
export interface Comparison {
  minGroupSize: number;
  /** The nine challenges' ids, in the article's order. */
  options: string[];
  groups: CompareGroup[];
}

/**
 * The phone's first view, drawn on the server: for `GET /j/{code}` the server hands the page the session, its
 * active question and (while shown) its results in this request header (base64url JSON), so the question is in
 * the first HTML. A client that sends the header itself has it removed.
 */
export const FIRST_VIEW_HEADER = "x-tafelronde-phone";

export interface FirstView {
  session: SessionView;
  question?: QuestionView;
  results?: Results;
}

/** Reply of `GET /api/health`. */
export interface HealthReply {
  ok: true;
  /** `PROTOCOL_VERSION` of this server. */
  protocol: number;
}
