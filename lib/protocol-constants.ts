/**
 * The protocol's constants without zod: error codes, limits and defaults that the browser needs at run time.
 * `lib/protocol.ts` builds its schemas from these, so a phone can import a limit or a code without loading zod
 * into its first load, and nothing is copied as text.
 */

/** Bumped when a change of the protocol is not an addition; `GET /api/health` reports it. */
export const PROTOCOL_VERSION = 1;

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
  /** The database is unreachable or full for a moment: nothing was stored; send the same again. */
  "unavailable",
  /** The question is asked of other groups (by a grouping question): this participant skips it. */
  "not_asked",
  /** `timer:extend` or `timer:stop` on a question without a running countdown. */
  "timer_not_running",
  /** Questions from the floor are not open in this session (`floor:ask`, `floor:upvote`). */
  "floor_closed",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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

/** A question from the floor: waiting for the facilitator's approval, shown to the room, or taken off by the facilitator. */
export const FLOOR_STATUSES = ["pending", "shown", "hidden"] as const;
export type FloorStatus = (typeof FLOOR_STATUSES)[number];

export const QUESTION_STATUSES = ["open", "closed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_KINDS = ["single", "multiple", "scale", "ranking", "open", "words", "dots"] as const;
/** single: one option; multiple: any number (optional maximum); scale: a number between two labelled ends;
 * ranking: an ordered list of up to `maxChoices` options; open: a short text; words: up to three words or short
 * phrases for a word cloud; dots: a budget of `maxChoices` dots spread over the options, several on one if wanted. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose answers pick from a list of options. */
export const OPTION_KINDS: readonly QuestionKind[] = ["single", "multiple", "ranking", "dots"];
/** Kinds with a maximum number of options per ballot (dots: the budget of dots). */
export const MAX_CHOICE_KINDS: readonly QuestionKind[] = ["multiple", "ranking", "dots"];


/** `csv`: commas and a decimal point; `csv-semicolon`: semicolons and a decimal comma, which Excel in a Dutch or
 * French region opens in columns; `json`: every question and anonymous ballot; `xlsx`: a workbook. */
export const EXPORT_FORMATS = ["csv", "csv-semicolon", "json", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Lengths and counts the server accepts; forms use the same numbers for their own hints. */
export const LIMITS = {
  /** Ids of sessions, questions, options and answers. */
  idLength: 64,
  title: 120,
  prompt: 300,
  optionLabel: 120,
  options: 20,
  maxChoices: 20,
  /** Open answers are short: a line on a projector, not an essay. */
  openAnswer: 280,
  scaleLabel: 60,
  /** Scale ends lie within ±scaleBound and span at most scaleSteps steps. */
  scaleBound: 10,
  scaleSteps: 10,
  followupTopN: { min: 2, max: 9 },
  /** A word cloud: words or short phrases per ballot, and characters per word. */
  wordsPerBallot: 3,
  word: 40,
  /** Presenter notes of a question: what the console shows beside it. */
  notes: 2000,
  /** A countdown's length in seconds (1 s to 2 h), and how much one extension adds. */
  timerSeconds: { min: 1, max: 7200 },
  /** Questions from the floor: characters of a question and of the optional name; questions per session and per
   * participant; how many of the top ones phones and screens are sent. */
  floorText: 280,
  floorName: 40,
  floorQuestions: 500,
  floorPerParticipant: 10,
  floorOnPhones: 20,
  floorOnScreens: 8,
  /** Dot voting: the budget of dots per participant, and the one a dot vote gets when none is set. */
  dotBudget: { min: 1, max: 10, default: 3 },
  /** A facilitator command's own id, so a retried emit applies once. */
  commandId: { min: 8, max: 64 },
} as const;


/** Url-safe characters, for participant ids and command ids. */
export const URL_SAFE_ID = /^[A-Za-z0-9_-]+$/;

/** The scale of a scale question that names none: 1 to 5 without end labels. */
export const DEFAULT_SCALE = { min: 1, max: 5, minLabel: "", maxLabel: "" } as const;
