/** The export files' contents: CSV rows in two dialects (one formula guard), the JSON export, the tables XLSX shares. */
import type {
  ActionView,
  NetworkTrend,
  PlanReview,
  Answer,
  FloorQuestionView,
  FloorStatus,
  Language,
  QuestionStatus,
  QuestionView,
  Results,
  RoundResults,
  SessionView,
  SplitResults,
} from "../protocol";
import { ACTION_STATE_WORDS, reviewedActionText } from "../action-wording";
import { CHALLENGES } from "../challenges";
import { ACTION_STATES } from "../action-constants";
import { parseActionTemplate } from "./actions";
import { rankFloor } from "./floor";
import { shareFraction, sharePercent } from "./tally";

/**
 * Spreadsheets run a cell that starts with = + - @ (and tab or CR, which some of them strip first) as a
 * formula, so a title like `=HYPERLINK(...)` could act on the researcher's machine; Excel in an East Asian locale
 * also reads the full-width ＝ ＋ － ＠ that way. Prefixing a quote makes it plain text again in Excel, LibreOffice
 * and Google Sheets.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

export type Cell = string | number;

interface Headings {
  title: string;
  exportedAt: string;
  question: string;
  option: string;
  label: string;
  count: string;
  share: string;
  respondents: string;
  status: string;
  rankedBy: string;
  points: string;
  /** A dot vote: dots per option, their share of all dots, and all dots together. */
  dots: string;
  dotsShare: string;
  dotsTotal: string;
  value: string;
  mean: string;
  answer: string;
  /** A word of a word cloud. */
  word: string;
  hidden: string;
  summary: string;
  /** A question's status as a word of the session's language. */
  statuses: Record<QuestionStatus, string>;
  /** Sheet names of built-in questions whose prompt is too long for Excel's 31 characters, by template id. */
  sheetNames: Record<string, string>;
  /** Before a challenge's name: the sheet of an action round's proposals for it ("Acties – Machtsspel"). */
  sheetActionsFor: string;
  /** Before an action's text: the sheet of the review question that asks how far it got ("Stand – …"). */
  sheetProgressOf: string;
  /** A split's heading, before the grouping question's prompt. */
  splitBy: string;
  group: string;
  /** Small groups shown together. */
  other: string;
  /** Respondents who gave no answer to the grouping question. */
  noGroup: string;
  /** Groups that are not shown on their own, and why ({n}: the privacy threshold). */
  withheldGroups: string;
  /** A question of one group with too few respondents: its numbers are not in the file. */
  withheldQuestion: string;
  /** An earlier round of a question voted again; {n} is its number. */
  earlierRound: string;
  /** Questions from the floor: the CSV section's heading and the XLSX sheet's name (at most 31 characters). */
  floorTitle: string;
  /** Columns of the floor's table. */
  floorText: string;
  floorName: string;
  floorVotes: string;
  floorAnswered: string;
  floorAskedAt: string;
  /** A question from the floor's status as a word of the session's language. */
  floorStatuses: Record<FloorStatus, string>;
  /** The session's action plan: the CSV section's heading and the XLSX sheet's name (at most 31 characters). */
  actionsTitle: string;
  /** Columns of the plan's table (the due date as `YYYY-MM-DD`, which every spreadsheet sorts as a date). */
  actionText: string;
  actionAbout: string;
  actionOwner: string;
  actionDue: string;
  actionDots: string;
  /** The previous plan's review: heading and sheet name (at most 31 characters). */
  reviewTitle: string;
  /** Columns of the review's table: the question asked, then a count per state, the respondents and the verdict. */
  reviewVerdict: string;
  /** A verdict's cell before anyone answered, and when the numbers are withheld below the threshold. */
  reviewNoAnswers: string;
  reviewWithheld: string;
  /** The progress table under the review: its heading, the number of actions and those without a verdict. */
  reviewProgress: string;
  reviewTotal: string;
  reviewUnreviewed: string;
  /** A network's trend: heading and sheet name (at most 31 characters), then the table's words. */
  trendTitle: string;
  trendMeasurement: string;
  /** The change column: {from} and {to} are the measurements' numbers. */
  trendChange: string;
  trendWithheld: string;
  trendNotAsked: string;
}

const HEADINGS: Record<Language, Headings> = {
  nl: {
    title: "Sessie",
    exportedAt: "Geëxporteerd op",
    question: "Vraag",
    option: "optie_id",
    label: "optie",
    count: "aantal",
    share: "aandeel_respondenten",
    respondents: "respondenten",
    status: "status",
    rankedBy: "gerangschikt_door",
    points: "borda_punten",
    dots: "stippen",
    dotsShare: "aandeel_stippen",
    dotsTotal: "stippen_in_totaal",
    value: "waarde",
    mean: "gemiddelde",
    answer: "antwoord",
    word: "woord",
    hidden: "verborgen_op_scherm",
    summary: "Overzicht",
    statuses: { open: "open", closed: "gesloten" },
    sheetNames: { "nine-challenges": "Samenwerkingsvraagstukken", "action-dots": "Stippen voor acties" },
    sheetActionsFor: "Acties",
    sheetProgressOf: "Stand",
    splitBy: "Opgesplitst volgens",
    group: "groep",
    other: "andere (kleine groepen samen)",
    noGroup: "geen antwoord",
    withheldGroups: "Niet apart getoond (minder dan {n} respondenten, of nodig om die te beschermen)",
    withheldQuestion: "Te weinig respondenten om te tonen: de cijfers van deze vraag staan niet in het bestand",
    earlierRound: "Eerdere ronde (nummer {n}), van voor het opnieuw stemmen",
    floorTitle: "Vragen uit de zaal",
    floorText: "vraag",
    floorName: "naam",
    floorVotes: "steun",
    floorAnswered: "beantwoord",
    floorAskedAt: "gesteld_op",
    floorStatuses: { shown: "getoond", pending: "wacht op goedkeuring", hidden: "verborgen" },
    actionsTitle: "Actieplan",
    actionText: "actie",
    actionAbout: "vraagstuk",
    actionOwner: "trekker",
    actionDue: "tegen",
    actionDots: "stippen",
    reviewTitle: "Voortgang vorig actieplan",
    reviewVerdict: "oordeel",
    reviewNoAnswers: "nog geen antwoord",
    reviewWithheld: "te weinig antwoorden om te tonen",
    reviewProgress: "Voortgang",
    reviewTotal: "acties",
    reviewUnreviewed: "zonder oordeel",
    trendTitle: "Verloop van het netwerk",
    trendMeasurement: "Meting",
    trendChange: "Verschil meting {from} → {to} (procentpunt)",
    trendWithheld: "te weinig antwoorden",
    trendNotAsked: "niet gevraagd",
  },
  en: {
    title: "Session",
    exportedAt: "Exported at",
    question: "Question",
    option: "option_id",
    label: "option",
    count: "count",
    share: "share_of_respondents",
    respondents: "respondents",
    status: "status",
    rankedBy: "ranked_by",
    points: "borda_points",
    dots: "dots",
    dotsShare: "share_of_dots",
    dotsTotal: "dots_total",
    value: "value",
    mean: "mean",
    answer: "answer",
    word: "word",
    hidden: "hidden_on_screen",
    summary: "Summary",
    statuses: { open: "open", closed: "closed" },
    sheetNames: { "nine-challenges": "Collaboration challenges", "action-dots": "Dots for actions" },
    sheetActionsFor: "Actions",
    sheetProgressOf: "Status",
    splitBy: "Split by",
    group: "group",
    other: "other (small groups together)",
    noGroup: "no answer",
    withheldGroups: "Not shown on their own (fewer than {n} respondents, or needed to protect those)",
    withheldQuestion: "Too few respondents to show: this question's numbers are not in the file",
    earlierRound: "Earlier round (number {n}), from before voting again",
    floorTitle: "Questions from the floor",
    floorText: "question",
    floorName: "name",
    floorVotes: "upvotes",
    floorAnswered: "answered",
    floorAskedAt: "asked_at",
    floorStatuses: { shown: "shown", pending: "waiting for approval", hidden: "hidden" },
    actionsTitle: "Action plan",
    actionText: "action",
    actionAbout: "challenge",
    actionOwner: "owner",
    actionDue: "due",
    actionDots: "dots",
    reviewTitle: "Progress of the previous plan",
    reviewVerdict: "verdict",
    reviewNoAnswers: "no answers yet",
    reviewWithheld: "too few answers to show",
    reviewProgress: "Progress",
    reviewTotal: "actions",
    reviewUnreviewed: "no verdict",
    trendTitle: "The network over time",
    trendMeasurement: "Measurement",
    trendChange: "Change measurement {from} → {to} (percentage points)",
    trendWithheld: "too few answers",
    trendNotAsked: "not asked",
  },
  fr: {
    title: "Session",
    exportedAt: "Exporté le",
    question: "Question",
    option: "option_id",
    label: "option",
    count: "nombre",
    share: "part_des_répondants",
    respondents: "répondants",
    status: "statut",
    rankedBy: "classé_par",
    points: "points_borda",
    dots: "gommettes",
    dotsShare: "part_des_gommettes",
    dotsTotal: "total_gommettes",
    value: "valeur",
    mean: "moyenne",
    answer: "réponse",
    word: "mot",
    hidden: "masqué_à_l_écran",
    summary: "Résumé",
    statuses: { open: "ouvert", closed: "clos" },
    sheetNames: { "nine-challenges": "Défis de collaboration", "action-dots": "Gommettes pour les actions" },
    sheetActionsFor: "Actions",
    sheetProgressOf: "Suivi",
    splitBy: "Réparti selon",
    group: "groupe",
    other: "autres (petits groupes réunis)",
    noGroup: "pas de réponse",
    withheldGroups: "Non montrés à part (moins de {n} répondants, ou nécessaire pour les protéger)",
    withheldQuestion: "Trop peu de répondants pour montrer : les chiffres de cette question ne sont pas dans le fichier",
    earlierRound: "Tour précédent (numéro {n}), d'avant le nouveau vote",
    floorTitle: "Questions de la salle",
    floorText: "question",
    floorName: "nom",
    floorVotes: "soutiens",
    floorAnswered: "répondue",
    floorAskedAt: "posée_le",
    floorStatuses: { shown: "affichée", pending: "en attente d'approbation", hidden: "masquée" },
    actionsTitle: "Plan d'action",
    actionText: "action",
    actionAbout: "défi",
    actionOwner: "responsable",
    actionDue: "échéance",
    actionDots: "gommettes",
    reviewTitle: "Avancement du plan précédent",
    reviewVerdict: "verdict",
    reviewNoAnswers: "pas encore de réponse",
    reviewWithheld: "trop peu de réponses pour montrer",
    reviewProgress: "Avancement",
    reviewTotal: "actions",
    reviewUnreviewed: "sans verdict",
    trendTitle: "Le réseau dans le temps",
    trendMeasurement: "Mesure",
    trendChange: "Écart mesure {from} → {to} (points de pourcentage)",
    trendWithheld: "trop peu de réponses",
    trendNotAsked: "pas posée",
  },
};

export function exportHeadings(language: Language): Headings {
  return HEADINGS[language];
}

/** One stored ballot as exports show it: the answer and its time, never who gave it. */
export interface ExportBallot {
  answer: Answer;
  castAt: string;
  hidden?: boolean;
}

export interface ExportQuestion {
  question: QuestionView;
  results: Results;
  /** The stored ballots of the current round that count, without participant keys (none when withheld). */
  ballots: readonly ExportBallot[];
  /** The results split by each grouping question of the session, small groups protected. */
  splits?: readonly SplitResults[];
  /** Earlier rounds kept by a vote again, oldest first (the current round is `results`). */
  rounds?: readonly RoundResults[];
}

export interface ExportInput {
  session: SessionView;
  questions: readonly ExportQuestion[];
  exportedAt: Date;
  /** IANA zone the export time is written in; the server's own zone (its TZ) when absent. */
  timeZone?: string;
  /** Questions from the floor, every one (hidden and waiting ones too), in any order: the files rank them. */
  floor?: readonly FloorQuestionView[];
  /** The session's action plan, in its order. */
  actions?: readonly ActionView[];
  /** The previous measurement's plan as this room reviewed it. */
  planReview?: PlanReview;
  /** A measurement of a network: the network's trend. */
  trend?: NetworkTrend;
}

/** BCP 47 locales of the session languages (lib/i18n.ts has the same; the server does not load the UI's catalogues). */
const EXPORT_LOCALES: Record<Language, string> = { nl: "nl-BE", en: "en-GB", fr: "fr-BE" };

/**
 * A moment as the session's language writes it, with its time zone ("14 maart 2025 om 10:26 CET"): a spreadsheet
 * shows it to people, and the zone keeps a server that runs on UTC from reading as local time.
 */
export function exportTime(language: Language, at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(EXPORT_LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;

/**
 * A built-in question's own sheet name, shorter than its prompt: the nine challenges by their name, an action
 * round's proposals by their challenge, a review question by the action it asks about (review and proposal prompts
 * all start alike, so cut to 31 characters they would read the same).
 */
function shortSheetName(language: Language, question: Pick<QuestionView, "prompt" | "template">): string | undefined {
  const h = HEADINGS[language];
  const action = parseActionTemplate(question.template);
  if (action?.kind === "prompt") {
    const challenge = CHALLENGES.find((c) => c.id === action.challengeId);
    return challenge ? `${h.sheetActionsFor} – ${challenge.label[language]}` : undefined;
  }
  if (action?.kind === "review") {
    const text = reviewedActionText(question.prompt);
    return text ? `${h.sheetProgressOf} – ${text}` : undefined;
  }
  return question.template ? h.sheetNames[question.template] : undefined;
}

/**
 * A readable sheet name for question `index`: its number (which keeps names unique when prompts start alike), then
 * the built-in short name or the prompt, cut after a whole word with "…" when it is too long (mid-word only when
 * the first words alone would say too little). Excel forbids : \ / ? * [ ] and an apostrophe at either end.
 */
export function sheetName(language: Language, index: number, question: Pick<QuestionView, "prompt" | "template">): string {
  const prefix = `${index + 1}. `;
  const room = SHEET_NAME_MAX - prefix.length;
  const short = shortSheetName(language, question);
  const clean = (short ?? question.prompt).replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim();
  let name = clean;
  if (clean.length > room) {
    // One character stays free for the ellipsis; a space right after the budget is a word end too.
    const budget = room - 1;
    const lastSpace = clean.slice(0, budget + 1).lastIndexOf(" ");
    const kept = lastSpace >= budget / 2 ? clean.slice(0, lastSpace) : clean.slice(0, budget);
    name = `${kept.replace(/[\s,;.\-–]+$/, "")}…`;
  }
  return prefix + name.replace(/'+$/, "");
}

/** The label of a split's group: an answer of the grouping question, "no answer" or "other". */
function groupLabel(h: Headings, split: SplitResults, groupId: string): string {
  if (groupId === "_none") return h.noGroup;
  if (groupId === "_other") return h.other;
  return split.by.options.find((o) => o.id === groupId)?.label ?? groupId;
}

/**
 * One split as a table: a row per group shown (then "other"), with its respondents and its count per option
 * (ranking: Borda points; scale: count per value and the mean), and the groups not shown on their own by name only.
 */
export function splitTable(language: Language, q: ExportQuestion, split: SplitResults): Cell[][] {
  const h = HEADINGS[language];
  const ranking = q.question.kind === "ranking";
  const scale = q.question.kind === "scale";
  const columns = scale
    ? Object.keys(q.results.counts).sort((a, b) => Number(a) - Number(b))
    : q.question.options.map((o) => o.id);
  const heading: Cell[] = [h.group, h.respondents, ...(scale ? columns.map(Number) : q.question.options.map((o) => o.label)), ...(scale ? [h.mean] : [])];
  const rows: Cell[][] = [[h.splitBy, split.by.prompt], heading];
  for (const g of [...split.groups, ...(split.other ? [split.other] : [])]) {
    const cells = columns.map((c) => (ranking ? (g.scores?.[c] ?? 0) : (g.counts[c] ?? 0)));
    rows.push([groupLabel(h, split, g.groupId), g.respondents, ...cells, ...(scale ? [g.mean ?? ""] : [])]);
  }
  if (split.withheld.length > 0) {
    rows.push([h.withheldGroups.replace("{n}", String(split.minGroupSize)), split.withheld.map((id) => groupLabel(h, split, id)).join(", ")]);
  }
  return rows;
}

/** The table of one question: a heading row and one row per option, value or answer, then the respondents. */
export function questionTable(language: Language, q: ExportQuestion): Cell[][] {
  const h = HEADINGS[language];
  const { counts, respondents } = q.results;
  const rows: Cell[][] = [];
  if (q.results.withheld) {
    // A question of one group below the threshold: its respondents only, never its numbers.
    return [[h.withheldQuestion], [], [h.respondents, respondents]];
  }
  switch (q.question.kind) {
    case "single":
    case "multiple":
      rows.push([h.option, h.label, h.count, h.share]);
      for (const o of q.question.options) rows.push([o.id, o.label, counts[o.id] ?? 0, shareFraction(counts[o.id] ?? 0, respondents)]);
      break;
    case "ranking":
      rows.push([h.option, h.label, h.rankedBy, h.points]);
      for (const o of q.question.options) rows.push([o.id, o.label, counts[o.id] ?? 0, q.results.scores?.[o.id] ?? 0]);
      break;
    case "dots": {
      // Dots per option and their share of all dots (a share of respondents would pass 100 % with several dots each).
      const total = dotsTotal(q.question.options, counts);
      rows.push([h.option, h.label, h.dots, h.dotsShare]);
      for (const o of q.question.options) rows.push([o.id, o.label, counts[o.id] ?? 0, shareFraction(counts[o.id] ?? 0, total)]);
      rows.push([], [h.dotsTotal, total]);
      break;
    }
    case "scale":
      rows.push([h.value, h.count]);
      // Object keys that look like non-negative integers come first in JS, so "-1" would follow "2": sort.
      // Values go out as numbers: a negative one is a number, not a formula to neutralise.
      for (const value of Object.keys(counts).sort((a, b) => Number(a) - Number(b))) rows.push([Number(value), counts[value] ?? 0]);
      rows.push([h.mean, q.results.mean ?? ""]);
      break;
    case "words":
      // The cloud's frequencies, most frequent first; a word taken off the screens is flagged, not left out.
      rows.push([h.word, h.count, h.hidden]);
      for (const w of q.results.words ?? []) rows.push([w.text, w.count, w.hidden ? 1 : 0]);
      break;
    case "open":
      rows.push([h.answer, h.hidden]);
      for (const b of q.ballots) if (typeof b.answer === "string") rows.push([b.answer, b.hidden ? 1 : 0]);
      break;
  }
  rows.push([]);
  rows.push([h.respondents, respondents]);
  return rows;
}

/**
 * An earlier round of a question voted again, as a table like the question's own: its heading names the round;
 * a round withheld below the privacy threshold gives its respondents only.
 */
export function roundTable(language: Language, q: ExportQuestion, round: RoundResults): Cell[][] {
  const h = HEADINGS[language];
  const { round: n, respondents, counts, scores, mean, withheld } = round;
  const results: Results = { questionId: q.results.questionId, counts, respondents, participants: 0, ...(scores ? { scores } : {}), ...(mean !== undefined ? { mean } : {}), ...(withheld ? { withheld } : {}) };
  return [[h.earlierRound.replace("{n}", String(n))], ...questionTable(language, { ...q, results, ballots: [] })];
}

/**
 * Questions from the floor as a table, ranked as the room saw them (unanswered first, then most votes): a heading
 * row, then per question its text, the name given (empty: anonymous), votes, status in words, answered (1/0, like
 * the word cloud's hidden flag) and when it was asked (ISO). Text and name are as typed: the CSV writer guards them
 * like every text cell, and XLSX cells are typed text. No participant key: a view of the floor has none.
 */
export function floorTable(language: Language, floor: Iterable<FloorQuestionView>): Cell[][] {
  const h = HEADINGS[language];
  const rows: Cell[][] = [[h.floorText, h.floorName, h.floorVotes, h.status, h.floorAnswered, h.floorAskedAt]];
  for (const q of rankFloor(floor)) rows.push([q.text, q.name ?? "", q.votes, h.floorStatuses[q.status], q.answered ? 1 : 0, q.askedAt]);
  return rows;
}

/**
 * The session's action plan as a table, in the plan's order: a heading row, then per action its text, the challenge
 * it answers in the session's language (empty: none named), its owner, its due date (`YYYY-MM-DD`) and its dots
 * (empty: not from a dot vote). Text and owner are as typed: the CSV writer guards them like every text cell.
 */
export function actionsTable(language: Language, actions: Iterable<ActionView>): Cell[][] {
  const h = HEADINGS[language];
  const rows: Cell[][] = [[h.actionText, h.actionAbout, h.actionOwner, h.actionDue, h.actionDots]];
  for (const a of actions) {
    const about = a.about ? (CHALLENGES.find((c) => c.id === a.about)?.label[language] ?? a.about) : "";
    rows.push([a.text, about, a.owner, a.due, a.dots ?? ""]);
  }
  return rows;
}

/** A verdict in the session's words: a state, or why there is none (nobody answered, or too few to show). */
function verdictWord(language: Language, review: PlanReview["reviews"][number]): string {
  const h = HEADINGS[language];
  if (review.verdict) return ACTION_STATE_WORDS[review.verdict].label[language];
  return review.counts === null && review.respondents > 0 ? h.reviewWithheld : h.reviewNoAnswers;
}

/**
 * The previous plan's review as a table: per action the question the room was asked, its answers per state (most
 * advanced first, as the phones list them; empty when withheld below the threshold), the respondents and the verdict
 * in words; then the plan's progress in numbers, so a spreadsheet can add them up.
 */
export function planReviewTable(language: Language, review: PlanReview): Cell[][] {
  const h = HEADINGS[language];
  const states = [...ACTION_STATES].reverse();
  const stateWords = states.map((s) => ACTION_STATE_WORDS[s].label[language]);
  const rows: Cell[][] = [[h.question, ...stateWords, h.respondents, h.reviewVerdict]];
  for (const r of review.reviews) {
    rows.push([r.prompt, ...states.map((s) => (r.counts ? (r.counts[s] ?? 0) : "")), r.respondents, verdictWord(language, r)]);
  }
  const p = review.progress;
  rows.push([], [h.reviewProgress], [h.reviewTotal, ...stateWords, h.reviewUnreviewed], [p.total, p.done, p.underWay, p.notStarted, p.unreviewed]);
  return rows;
}

/**
 * A network's trend as a table like a comparison's: a row per challenge, a column per measurement (its n in the
 * heading) with the share in percent, or in words why it is withheld, then the change in percentage points.
 */
export function trendTable(language: Language, trend: NetworkTrend): Cell[][] {
  const h = HEADINGS[language];
  const headings: Cell[] = [
    h.option,
    h.label,
    ...trend.measurements.map((m) => `${h.trendMeasurement} ${m.measurement}: ${m.title} (n = ${m.respondents})`),
    ...(trend.change ? [h.trendChange.replace("{from}", String(trend.change.from)).replace("{to}", String(trend.change.to))] : []),
  ];
  const rows = CHALLENGES.map((c) => [
    c.id,
    c.label[language],
    ...trend.measurements.map((m) => (m.shares ? (m.shares[c.id] ?? 0) : m.withheld === "not_asked" ? h.trendNotAsked : h.trendWithheld)),
    ...(trend.change ? [trend.change.shift[c.id] ?? 0] : []),
  ]);
  return [headings, ...rows];
}

/**
 * Rows of the CSV export: title and time first, then each question's block, the questions from the floor, the action
 * plan, the previous plan's review and the network's trend, each section two empty rows after the one before.
 */
export function csvRows(input: ExportInput): Cell[][] {
  const h = HEADINGS[input.session.language];
  const rows: Cell[][] = [
    [h.title, input.session.title],
    [h.exportedAt, exportTime(input.session.language, input.exportedAt, input.timeZone)],
  ];
  input.questions.forEach((q, i) => {
    if (i > 0) rows.push([], []);
    rows.push([h.question, q.question.prompt], [h.status, h.statuses[q.question.status]], [], ...questionTable(input.session.language, q));
    for (const round of q.rounds ?? []) rows.push([], ...roundTable(input.session.language, q, round));
    for (const split of q.splits ?? []) rows.push([], ...splitTable(input.session.language, q, split));
  });
  // A section only when someone asked: a session without questions from the floor gets no empty table.
  if (input.floor && input.floor.length > 0) {
    if (input.questions.length > 0) rows.push([], []);
    rows.push([h.floorTitle], [], ...floorTable(input.session.language, input.floor));
  }
  // The plan, the previous plan's review and the network's trend: each a section of its own, only when there is one.
  const sections: [string, Cell[][]][] = [];
  if (input.actions && input.actions.length > 0) sections.push([h.actionsTitle, actionsTable(input.session.language, input.actions)]);
  if (input.planReview && input.planReview.reviews.length > 0) sections.push([h.reviewTitle, planReviewTable(input.session.language, input.planReview)]);
  if (input.trend) sections.push([`${h.trendTitle}: ${input.trend.network.name}`, trendTable(input.session.language, input.trend)]);
  for (const [title, table] of sections) {
    if (rows.length > 2) rows.push([], []);
    rows.push([title], [], ...table);
  }
  return rows;
}

/**
 * The two CSV files Tafelronde writes. `comma`: commas between cells and a decimal point, the standard that R,
 * Python, Google Sheets and an English Excel read. `semicolon`: semicolons and a decimal comma, because Excel in
 * Belgium, the Netherlands and France takes the list separator from the system's region and would put a
 * comma-separated file in one column.
 */
export type CsvDialect = "comma" | "semicolon";

const DIALECTS: Record<CsvDialect, { delimiter: string; decimal: string }> = {
  comma: { delimiter: ",", decimal: "." },
  semicolon: { delimiter: ";", decimal: "," },
};

/** One cell as CSV text: quoted when it holds a separator, a quote or a line break, quotes doubled (RFC 4180). */
function csvField(cell: Cell, dialect: CsvDialect): string {
  // A number is never a formula (-1 stays -1, unlike the text "-1") and goes out unquoted, so a spreadsheet
  // reads it as a number: 0,333 in the semicolon dialect.
  if (typeof cell === "number") return String(cell).replace(".", DIALECTS[dialect].decimal);
  const text = neutraliseCell(cell);
  // Text with either separator is quoted in both dialects, so a file opened with the other one keeps its cells.
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as a CSV file: every text cell through the formula guard (a CSV has no cell types, so a spreadsheet
 * decides by the first character), with a byte order mark so Excel opens accented Dutch and French text as UTF-8.
 * Every CSV Tafelronde writes goes through here.
 */
export function csvFile(rows: readonly Cell[][], dialect: CsvDialect = "comma"): string {
  // A line break inside a cell is quoted too (csvField), or it would start a new row and could smuggle a formula there.
  return "\uFEFF" + rows.map((row) => row.map((cell) => csvField(cell, dialect)).join(DIALECTS[dialect].delimiter) + "\r\n").join("");
}

/** The CSV export of a session, in either dialect. */
export function toCsv(input: ExportInput, dialect: CsvDialect = "comma"): string {
  return csvFile(csvRows(input), dialect);
}

/** An option as the JSON export writes it: its figures by kind, none for a withheld question. */
export interface ExportOptionJson {
  id: string;
  label: string;
  description: string;
  count?: number;
  sharePercent?: number;
  bordaPoints?: number;
  /** A dot vote: dots on the option, and their whole-percent share of all dots. */
  dots?: number;
  dotsSharePercent?: number;
}

/** All dots of a dot vote, over its options. */
function dotsTotal(options: QuestionView["options"], counts: Results["counts"]): number {
  return options.reduce((sum, o) => sum + (counts[o.id] ?? 0), 0);
}

function ballotJson(b: ExportBallot, kind: QuestionView["kind"]) {
  if (typeof b.answer === "number") return { value: b.answer, castAt: b.castAt };
  if (typeof b.answer === "string") return { text: b.answer, hidden: b.hidden ?? false, castAt: b.castAt };
  // A word cloud's ballot is the words as sent (a hidden word is flagged in `results.words`, by its key).
  if (kind === "words") return { words: [...b.answer], castAt: b.castAt };
  // A dot ballot is one option id per dot; its spread per option says the same at a glance.
  if (kind === "dots") {
    const dots: Record<string, number> = {};
    for (const id of b.answer) dots[id] = (dots[id] ?? 0) + 1;
    return { optionIds: [...b.answer], dots, castAt: b.castAt };
  }
  return { optionIds: [...b.answer], castAt: b.castAt };
}

/** A question from the floor as the JSON export writes it: the view's fields, named one by one so nothing else slips in. */
function floorJson({ id, text, name, votes, status, answered, askedAt }: FloorQuestionView): FloorQuestionView {
  return { id, text, name, votes, status, answered, askedAt };
}

/** An action as the JSON export writes it: the view's fields, named one by one like the floor's. */
function actionJson({ id, text, about, owner, due, from, dots, createdAt }: ActionView): ActionView {
  return { id, text, about, owner, due, from, dots, createdAt };
}

/**
 * The JSON export: `{session, questions: [{id, kind, prompt, options, results, ballots}], floor?, actions?,
 * planReview?, trend?}`, ballots anonymous; `floor` (questions from the floor, ranked, hidden and waiting ones flagged
 * by `status`) only when someone asked one; `actions` (the plan, challenges by id), `planReview` (the previous plan as
 * this room reviewed it) and `trend` (a measurement's network) as the report has them, each only when there is one.
 */
export function toJsonExport(input: ExportInput) {
  return {
    exportedAt: input.exportedAt.toISOString(),
    session: input.session,
    questions: input.questions.map(({ question, results, ballots, splits, rounds }) => {
      const totalDots = question.kind === "dots" ? dotsTotal(question.options, results.counts) : 0;
      return {
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      maxChoices: question.maxChoices,
      status: question.status,
      ...(question.scale ? { scale: question.scale } : {}),
      ...(question.grouping ? { grouping: true } : {}),
      ...(question.audience ? { audience: question.audience } : {}),
      options: question.options.map((o): ExportOptionJson => ({
        id: o.id,
        label: o.label,
        description: o.description,
        // A withheld question's numbers are not in the file.
        ...(results.withheld
          ? {}
          : question.kind === "dots"
            ? // Dots, and their share of all dots: several dots per respondent make a share of respondents meaningless.
              { dots: results.counts[o.id] ?? 0, dotsSharePercent: sharePercent(results.counts[o.id] ?? 0, totalDots) }
            : {
                count: results.counts[o.id] ?? 0,
                sharePercent: sharePercent(results.counts[o.id] ?? 0, results.respondents),
                ...(results.scores ? { bordaPoints: results.scores[o.id] ?? 0 } : {}),
              }),
      })),
      results: {
        respondents: results.respondents,
        counts: results.counts,
        ...(results.scores ? { scores: results.scores } : {}),
        ...(results.mean !== undefined ? { mean: results.mean } : {}),
        ...(results.words ? { words: results.words } : {}),
        ...(results.withheld ? { withheld: results.withheld } : {}),
        ...(question.kind === "dots" && !results.withheld ? { totalDots } : {}),
      },
      respondents: results.respondents,
      ...(splits && splits.length > 0 ? { splits } : {}),
      // Earlier rounds of a vote again, oldest first; the ballots below are the current round's.
      ...(rounds && rounds.length > 0 ? { rounds } : {}),
      ballots: ballots.map((b) => ballotJson(b, question.kind)),
      };
    }),
    ...(input.floor && input.floor.length > 0 ? { floor: rankFloor(input.floor).map(floorJson) } : {}),
    ...(input.actions && input.actions.length > 0 ? { actions: input.actions.map(actionJson) } : {}),
    ...(input.planReview && input.planReview.reviews.length > 0 ? { planReview: input.planReview } : {}),
    ...(input.trend ? { trend: input.trend } : {}),
  };
}
