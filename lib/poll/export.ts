import { stringify } from "csv-stringify/sync";
import type { Language, QuestionView, Results, SessionView } from "../protocol";
import { shareFraction, sharePercent } from "./tally";

/**
 * Spreadsheets run a cell that starts with = + - @ (and tab or CR, which some of them strip first) as a
 * formula, so a title like `=HYPERLINK(...)` could act on the researcher's machine. Prefixing a quote makes
 * it plain text again in Excel, LibreOffice and Google Sheets.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Cell = string | number;

const CSV_HEADINGS: Record<Language, { title: string; exportedAt: string; question: string; option: string; label: string; count: string; share: string; respondents: string; status: string }> = {
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
  },
};

export interface ExportInput {
  session: SessionView;
  question: QuestionView;
  results: Results;
  /** The stored ballots of the current round, without participant keys. */
  ballots: readonly { optionIds: readonly string[]; castAt: string }[];
  exportedAt: Date;
}

/** Rows of the CSV export: title and time first, then one row per option, then the totals. */
export function csvRows(input: ExportInput): Cell[][] {
  const h = CSV_HEADINGS[input.session.language];
  const { counts, respondents } = input.results;
  const rows: Cell[][] = [
    [h.title, input.session.title],
    [h.exportedAt, input.exportedAt.toISOString()],
    [h.question, input.question.prompt],
    [h.status, input.question.status],
    [],
    [h.option, h.label, h.count, h.share],
  ];
  for (const option of input.question.options) {
    const count = counts[option.id] ?? 0;
    rows.push([option.id, option.label, count, shareFraction(count, respondents)]);
  }
  rows.push([]);
  rows.push([h.respondents, respondents]);
  return rows.map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseCell(cell) : cell)));
}

/** The CSV file, with a byte order mark so Excel opens accented Dutch and French text as UTF-8. */
export function toCsv(input: ExportInput): string {
  // A line break inside a cell must be quoted too, or it starts a new row (and could smuggle a formula there).
  return "\uFEFF" + stringify(csvRows(input), { record_delimiter: "\r\n", quote_record_delimiter: true });
}

/** The JSON export: session, question, options, counts and the anonymised ballots (no participant ids). */
export function toJsonExport(input: ExportInput) {
  const { counts, respondents } = input.results;
  return {
    exportedAt: input.exportedAt.toISOString(),
    session: input.session,
    question: {
      id: input.question.id,
      kind: input.question.kind,
      prompt: input.question.prompt,
      maxChoices: input.question.maxChoices,
      status: input.question.status,
    },
    options: input.question.options.map((o) => ({
      id: o.id,
      label: o.label,
      description: o.description,
      count: counts[o.id] ?? 0,
      sharePercent: sharePercent(counts[o.id] ?? 0, respondents),
    })),
    respondents,
    ballots: input.ballots.map((b) => ({ optionIds: [...b.optionIds], castAt: b.castAt })),
  };
}
