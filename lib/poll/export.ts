import { stringify } from "csv-stringify/sync";
import type { Answer, Language, QuestionView, Results, SessionView } from "../protocol";
import { shareFraction, sharePercent } from "./tally";

/**
 * Spreadsheets run a cell that starts with = + - @ (and tab or CR, which some of them strip first) as a
 * formula, so a title like `=HYPERLINK(...)` could act on the researcher's machine. Prefixing a quote makes
 * it plain text again in Excel, LibreOffice and Google Sheets.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
  value: string;
  mean: string;
  answer: string;
  hidden: string;
  summary: string;
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
    value: "waarde",
    mean: "gemiddelde",
    answer: "antwoord",
    hidden: "verborgen_op_scherm",
    summary: "Overzicht",
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
    value: "value",
    mean: "mean",
    answer: "answer",
    hidden: "hidden_on_screen",
    summary: "Summary",
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
    value: "valeur",
    mean: "moyenne",
    answer: "réponse",
    hidden: "masqué_à_l_écran",
    summary: "Résumé",
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
  /** The stored ballots of the current round, without participant keys. */
  ballots: readonly ExportBallot[];
}

export interface ExportInput {
  session: SessionView;
  questions: readonly ExportQuestion[];
  exportedAt: Date;
}

/** The table of one question: a heading row and one row per option, value or answer, then the respondents. */
export function questionTable(language: Language, q: ExportQuestion): Cell[][] {
  const h = HEADINGS[language];
  const { counts, respondents } = q.results;
  const rows: Cell[][] = [];
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
    case "scale":
      rows.push([h.value, h.count]);
      // Object keys that look like non-negative integers come first in JS, so "-1" would follow "2": sort.
      // Values go out as numbers: a negative one is a number, not a formula to neutralise.
      for (const value of Object.keys(counts).sort((a, b) => Number(a) - Number(b))) rows.push([Number(value), counts[value] ?? 0]);
      rows.push([h.mean, q.results.mean ?? ""]);
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

/** Rows of the CSV export: title and time first, then each question's block. */
export function csvRows(input: ExportInput): Cell[][] {
  const h = HEADINGS[input.session.language];
  const rows: Cell[][] = [
    [h.title, input.session.title],
    [h.exportedAt, input.exportedAt.toISOString()],
  ];
  input.questions.forEach((q, i) => {
    if (i > 0) rows.push([], []);
    rows.push([h.question, q.question.prompt], [h.status, q.question.status], [], ...questionTable(input.session.language, q));
  });
  return rows;
}

/**
 * Rows as a CSV file: every text cell through the formula guard (a CSV has no cell types, so a spreadsheet
 * decides by the first character), with a byte order mark so Excel opens accented Dutch and French text as UTF-8.
 * Every CSV Tafelronde writes goes through here.
 */
export function csvFile(rows: readonly Cell[][]): string {
  const guarded = rows.map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseCell(cell) : cell)));
  // A line break inside a cell must be quoted too, or it starts a new row (and could smuggle a formula there).
  return "\uFEFF" + stringify(guarded, { record_delimiter: "\r\n", quote_record_delimiter: true });
}

/** The CSV export of a session. */
export function toCsv(input: ExportInput): string {
  return csvFile(csvRows(input));
}

function ballotJson(b: ExportBallot) {
  if (typeof b.answer === "number") return { value: b.answer, castAt: b.castAt };
  if (typeof b.answer === "string") return { text: b.answer, hidden: b.hidden ?? false, castAt: b.castAt };
  return { optionIds: [...b.answer], castAt: b.castAt };
}

/** The JSON export: `{session, questions: [{id, kind, prompt, options, results, ballots}]}`, ballots anonymous. */
export function toJsonExport(input: ExportInput) {
  return {
    exportedAt: input.exportedAt.toISOString(),
    session: input.session,
    questions: input.questions.map(({ question, results, ballots }) => ({
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      maxChoices: question.maxChoices,
      status: question.status,
      ...(question.scale ? { scale: question.scale } : {}),
      options: question.options.map((o) => ({
        id: o.id,
        label: o.label,
        description: o.description,
        count: results.counts[o.id] ?? 0,
        sharePercent: sharePercent(results.counts[o.id] ?? 0, results.respondents),
        ...(results.scores ? { bordaPoints: results.scores[o.id] ?? 0 } : {}),
      })),
      results: {
        respondents: results.respondents,
        counts: results.counts,
        ...(results.scores ? { scores: results.scores } : {}),
        ...(results.mean !== undefined ? { mean: results.mean } : {}),
      },
      respondents: results.respondents,
      ballots: ballots.map(ballotJson),
    })),
  };
}
