import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActionView, FloorQuestionView, Language, OptionView, PlanReview } from "../protocol";
import { CHALLENGE_IDS } from "../challenges";
import { networkTrend } from "./trend";
import { CHALLENGE_WORDING } from "../challenge-questions";
import { wordOptions, wordPrompt } from "../question-wording";

const challengePrompt = (language: Language) => wordPrompt({ template: "nine-challenges", prompt: null }, language, CHALLENGE_WORDING);
const challengeOptions = (language: Language) => wordOptions({ template: "nine-challenges", options: null }, language, CHALLENGE_WORDING);
import {
  actionsTable,
  csvFile,
  csvRows,
  exportTime,
  floorTable,
  neutraliseCell,
  planReviewTable,
  questionTable,
  roundTable,
  SHEET_NAME_MAX,
  sheetName,
  toCsv,
  toJsonExport,
  trendTable,
  type Cell,
  type CsvDialect,
  type ExportBallot,
  type ExportInput,
  type ExportQuestion,
} from "./export";
import { scaleTally, tally } from "./tally";

const EXPORTED_AT = new Date("2025-03-14T09:26:53.589Z");
/** The export time as a Brussels room reads it, per session language. */
const EXPORTED_AT_TEXT = { nl: "14 maart 2025 om 10:26 CET", en: "14 March 2025 at 10:26 CET", fr: "14 mars 2025 à 10:26 UTC+1" };

const SESSION = { id: "sess_1", title: "Jeugdhulp Gent", code: "BCDFGH" } as const;

function exportInput(overrides: {
  title?: string;
  language?: Language;
  prompt?: string;
  options?: OptionView[];
  counts?: Record<string, number>;
  respondents?: number;
  ballots?: readonly ExportBallot[];
} = {}): ExportInput {
  const language = overrides.language ?? "en";
  return {
    session: { ...SESSION, title: overrides.title ?? SESSION.title, language },
    questions: [
      {
        question: {
          id: "q_1",
          kind: "multiple",
          prompt: overrides.prompt ?? challengePrompt(language),
          maxChoices: 3,
          status: "closed",
          resultsVisible: true,
          options: overrides.options ?? challengeOptions(language),
          template: "nine-challenges",
          position: 0,
        },
        results: {
          questionId: "q_1",
          kind: "multiple",
          counts: overrides.counts ?? { "shared-ambition": 2, "power-play": 3, "enemy-image": 1 },
          respondents: overrides.respondents ?? 4,
          participants: 7,
        },
        ballots: overrides.ballots ?? [],
      },
    ],
    exportedAt: EXPORTED_AT,
    timeZone: "Europe/Brussels",
  };
}

/** The one question of `exportInput()` in the JSON export. */
function onlyQuestion(json: ReturnType<typeof toJsonExport>) {
  expect(json.questions).toHaveLength(1);
  const [question] = json.questions;
  if (!question) throw new Error("no question in the export");
  return question;
}

/**
 * A small CSV reader (csv-parse is not installed) that splits records the way spreadsheets do: CRLF, a bare LF
 * and a bare CR outside quotes all end a record, so a line break that was not quoted shows up as a broken row.
 */
function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) throw new Error("last record lacks its line break");
  return rows;
}

/** The CSV as a spreadsheet would read it, without the BOM. Empty separator lines read as one empty cell. */
function readCsv(input: ExportInput, dialect: CsvDialect = "comma"): string[][] {
  const csv = toCsv(input, dialect);
  expect(csv.startsWith("\uFEFF")).toBe(true);
  return parseCsv(csv.slice(1), dialect === "semicolon" ? ";" : ",");
}

const DANGEROUS_PREFIXES = ["=", "+", "-", "@", "\t", "\r"];

describe("neutraliseCell", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ['=HYPERLINK("https://evil.example","klik")', `'=HYPERLINK("https://evil.example","klik")`],
    ["+31 6 1234", "'+31 6 1234"],
    ["-2+3", "'-2+3"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["=", "'="],
    // Full-width signs, which Excel in an East Asian locale also runs as a formula.
    ["\uFF1DSUM(A1)", "'\uFF1DSUM(A1)"],
    ["\uFF0B1", "'\uFF0B1"],
    ["\uFF0D1", "'\uFF0D1"],
    ["\uFF20SUM(1)", "'\uFF20SUM(1)"],
  ])("prefixes %j with a quote", (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each([
    "",
    "Jeugdhulp Gent",
    "a=b",
    "Kosten + baten",
    "3-2",
    "'=already quoted",
    " =leading space",
    "\n=newline first",
    "#1 prioriteit",
    "Économie sociale",
    "2025-03-14T09:26:53.589Z",
  ])("leaves %j unchanged", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });

  it("quotes exactly the values that start with = + - @ tab or CR (or a full-width = + - @)", () => {
    const fullWidth = ["\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.constantFrom(...fullWidth, "a"), fc.string()).map(([p, rest]) => p + rest)), (value) => {
        const dangerous = [...DANGEROUS_PREFIXES, ...fullWidth].some((p) => value.startsWith(p));
        expect(neutraliseCell(value)).toBe(dangerous ? `'${value}` : value);
      }),
    );
  });
});

describe("csvRows", () => {
  it("puts the session title and export time first, then question, options and respondents", () => {
    const input = exportInput({
      options: [
        { id: "shared-ambition", label: "Lack of a shared ambition", description: "not exported in CSV" },
        { id: "power-play", label: "Power play", description: "" },
        { id: "enemy-image", label: "Enemy image", description: "" },
      ],
    });
    expect(csvRows(input)).toEqual([
      ["Session", "Jeugdhulp Gent"],
      ["Exported at", EXPORTED_AT_TEXT.en],
      ["Question", "Which collaboration challenges do you recognise in your own collaboration?"],
      ["status", "closed"],
      [],
      ["option_id", "option", "count", "share_of_respondents"],
      ["shared-ambition", "Lack of a shared ambition", 2, 0.5],
      ["power-play", "Power play", 3, 0.75],
      ["enemy-image", "Enemy image", 1, 0.25],
      [],
      ["respondents", 4],
    ]);
  });

  it("uses Dutch headings for a Dutch session", () => {
    const rows = csvRows(exportInput({ language: "nl", counts: {}, respondents: 0 }));
    expect(rows.slice(0, 6).map((row) => row[0])).toEqual(["Sessie", "Geëxporteerd op", "Vraag", "status", undefined, "optie_id"]);
    expect(rows[5]).toEqual(["optie_id", "optie", "aantal", "aandeel_respondenten"]);
    expect(rows.at(-1)).toEqual(["respondenten", 0]);
    expect(rows[6]).toEqual(["shared-ambition", "Gebrek aan gedeelde ambitie", 0, 0]);
  });

  it("writes 0 for an option missing from the counts and 0 shares when nobody answered", () => {
    const rows = csvRows(exportInput({ counts: {}, respondents: 0 }));
    const optionRows = rows.slice(6, 15);
    expect(optionRows).toHaveLength(9);
    for (const row of optionRows) expect(row.slice(2)).toEqual([0, 0]);
  });

  it.each(DANGEROUS_PREFIXES)("neutralises a title, prompt and label starting with %j in the CSV file", (prefix) => {
    const rows = readCsv(
      exportInput({
        title: `${prefix}cmd|' /C calc'!A0`,
        prompt: `${prefix}1+1`,
        options: [{ id: "power-play", label: `${prefix}HYPERLINK("x")`, description: "" }],
        counts: { "power-play": 1 },
        respondents: 1,
      }),
    );
    expect(rows[0]).toEqual(["Session", `'${prefix}cmd|' /C calc'!A0`]);
    expect(rows[2]).toEqual(["Question", `'${prefix}1+1`]);
    expect(rows[6]).toEqual(["power-play", `'${prefix}HYPERLINK("x")`, "1", "1"]);
  });
});

describe("toCsv", () => {
  it("starts with a UTF-8 byte order mark and ends every record with CRLF", () => {
    const csv = toCsv(exportInput());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).startsWith(`Session,Jeugdhulp Gent\r\nExported at,${EXPORTED_AT_TEXT.en}\r\n`)).toBe(true);
    expect(csv.endsWith("\r\nrespondents,4\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("reads back as title, time, one row per option in the question's order, and the respondents total", () => {
    const ballots = [
      ["shared-ambition", "power-play"],
      ["power-play", "enemy-image", "different-hats"],
      ["power-play"],
      [],
    ];
    const options = challengeOptions("nl");
    const { counts, respondents } = tally(
      options.map((o) => o.id),
      ballots,
    );
    const rows = readCsv(exportInput({ language: "nl", title: "Eerstelijnszone Waasland", counts, respondents }));

    expect(rows[0]).toEqual(["Sessie", "Eerstelijnszone Waasland"]);
    expect(rows[1]).toEqual(["Geëxporteerd op", EXPORTED_AT_TEXT.nl]);
    expect(rows[5]).toEqual(["optie_id", "optie", "aantal", "aandeel_respondenten"]);
    expect(rows.slice(6, 15)).toEqual(
      options.map((o) => [o.id, o.label, String(counts[o.id]), String(Math.round(((counts[o.id] ?? 0) / 4) * 1000) / 1000)]),
    );
    expect(rows.find((row) => row[0] === "power-play")).toEqual(["power-play", "Machtsspel", "3", "0.75"]);
    expect(rows.find((row) => row[0] === "fading-perspective")).toEqual(["fading-perspective", "Verwatering van het wenkende perspectief", "0", "0"]);
    expect(rows.at(-1)).toEqual(["respondenten", "4"]);
  });

  it.each([
    ["a comma", "Zorg, welzijn en wonen"],
    ["double quotes", 'De "warme" overdracht'],
    ["a line break", "Regel één\r\nregel twee"],
    ["a bare line feed", "eerst\ndan"],
    ["a bare carriage return", "eerst\rdan"],
    ["accents", "Coördinatie à la française — ça va?"],
    ["a leading quote", "'t Stad"],
  ])("round-trips a title with %s unchanged", (_what, title) => {
    const rows = readCsv(exportInput({ title }));
    expect(rows[0]).toEqual(["Session", title]);
    expect(rows[1]?.[0]).toBe("Exported at");
  });

  it.each(DANGEROUS_PREFIXES)("reads back a title and label starting with %j as quoted plain text", (prefix) => {
    const rows = readCsv(
      exportInput({
        title: `${prefix}HYPERLINK("https://evil.example")`,
        options: [{ id: "power-play", label: `${prefix}2+5`, description: "" }],
      }),
    );
    expect(rows[0]).toEqual(["Session", `'${prefix}HYPERLINK("https://evil.example")`]);
    expect(rows[6]).toEqual(["power-play", `'${prefix}2+5`, "3", "0.75"]);
    // No cell of the file may start with a character that a spreadsheet would evaluate.
    for (const row of rows) for (const cell of row) expect(DANGEROUS_PREFIXES.some((p) => cell.startsWith(p))).toBe(false);
  });

  // A title with a bare line feed was written unquoted, so spreadsheets split the row and the formula guard was bypassed.
  it("does not let a line break in the title smuggle a formula onto its own row", () => {
    // No comma or double quote in it, so nothing else makes the writer quote the cell.
    const title = "Gent\n=cmd|' /C calc'!A0";
    const rows = readCsv(exportInput({ title }));
    expect(rows[0]).toEqual(["Session", title]);
    for (const row of rows) for (const cell of row) expect(cell.startsWith("=")).toBe(false);
  });

  const titleText = fc
    .array(fc.constantFrom("a", "Z", " ", ",", '"', "'", ";", "\n", "\r", "\t", "=", "+", "-", "@", "é", "😀"), { maxLength: 30 })
    .map((chars) => chars.join(""));

  it("keeps any title intact and harmless after a round trip", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), titleText), (title) => {
        const rows = readCsv(exportInput({ title }));
        const dangerous = DANGEROUS_PREFIXES.some((p) => title.startsWith(p));
        expect(rows[0]).toEqual(["Session", dangerous ? `'${title}` : title]);
        expect(rows).toHaveLength(17);
      }),
    );
  });
});

describe("toJsonExport", () => {
  const ballotsWithKeys = [
    { answer: ["power-play", "enemy-image"], castAt: "2025-03-14T09:20:00.000Z", participantKey: "hmac-of-phone-1", voteId: "v1" },
    { answer: [], castAt: "2025-03-14T09:21:00.000Z", participantKey: "hmac-of-phone-2", voteId: "v2" },
  ];

  it("leaves participant keys out of the ballots, even when the stored rows carry them", () => {
    const json = toJsonExport(exportInput({ ballots: ballotsWithKeys }));
    const { ballots } = onlyQuestion(json);
    expect(ballots).toEqual([
      { optionIds: ["power-play", "enemy-image"], castAt: "2025-03-14T09:20:00.000Z" },
      { optionIds: [], castAt: "2025-03-14T09:21:00.000Z" },
    ]);
    for (const ballot of ballots) expect(Object.keys(ballot).sort()).toEqual(["castAt", "optionIds"]);
    const text = JSON.stringify(json);
    expect(text).not.toContain("hmac-of-phone");
    expect(text).not.toContain("participant");
    expect(text).not.toContain("voteId");
  });

  it("does not share the ballot arrays with the input", () => {
    const answer = ["power-play"];
    const json = toJsonExport(exportInput({ ballots: [{ answer, castAt: "2025-03-14T09:20:00.000Z" }] }));
    answer.push("enemy-image");
    expect(onlyQuestion(json).ballots[0]).toEqual({ optionIds: ["power-play"], castAt: "2025-03-14T09:20:00.000Z" });
  });

  it("gives the count and whole-percent share per option, in the question's order, and the respondents", () => {
    const question = onlyQuestion(toJsonExport(exportInput({ counts: { "shared-ambition": 1, "power-play": 2 }, respondents: 3 })));
    expect(question.respondents).toBe(3);
    expect(question.results.respondents).toBe(3);
    expect(question.options.map((o) => o.id)).toEqual(challengeOptions("en").map((o) => o.id));
    expect(question.options.find((o) => o.id === "shared-ambition")).toEqual({
      id: "shared-ambition",
      label: "Lack of a shared ambition",
      description: "The partners do not really want the same thing: there is no goal that everyone pursues together.",
      count: 1,
      sharePercent: 33,
    });
    expect(question.options.find((o) => o.id === "power-play")).toMatchObject({ count: 2, sharePercent: 67 });
    expect(question.options.find((o) => o.id === "staff-instability")).toMatchObject({ count: 0, sharePercent: 0 });
  });

  it("carries the session, each question and the export time, and leaves formulas alone because JSON is not a spreadsheet", () => {
    const json = toJsonExport(exportInput({ title: "=1+1", prompt: "@vraag" }));
    expect(Object.keys(json).sort()).toEqual(["exportedAt", "questions", "session"]);
    expect(json.exportedAt).toBe("2025-03-14T09:26:53.589Z");
    expect(json.session).toEqual({ id: "sess_1", title: "=1+1", code: "BCDFGH", language: "en" });
    expect(onlyQuestion(json)).toMatchObject({ id: "q_1", kind: "multiple", prompt: "@vraag", maxChoices: 3, status: "closed" });
    expect(Object.keys(onlyQuestion(json)).sort()).toEqual(["ballots", "id", "kind", "maxChoices", "options", "prompt", "respondents", "results", "status"]);
  });

  it("survives JSON.stringify and parses back to the same value", () => {
    const json = toJsonExport(multiKindInput());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("exports every question in session order with its own results and ballots", () => {
    const json = toJsonExport(multiKindInput());
    expect(json.questions.map((q) => [q.id, q.kind])).toEqual([
      ["q_single", "single"],
      ["q_rank", "ranking"],
      ["q_scale", "scale"],
      ["q_open", "open"],
    ]);
    const [single, ranking, scale, open] = json.questions;
    expect(single).toMatchObject({ respondents: 3, results: { counts: { yes: 2, no: 1 } } });
    expect(single?.ballots).toEqual([
      { optionIds: ["yes"], castAt: CAST_AT },
      { optionIds: ["yes"], castAt: CAST_AT },
      { optionIds: ["no"], castAt: CAST_AT },
    ]);
    // Ranking: Borda points per option beside the counts, and each ballot in its rank order.
    expect(ranking?.options.map((o) => [o.id, o.count, o.bordaPoints])).toEqual([
      ["a", 2, 5],
      ["b", 2, 3],
      ["c", 1, 3],
    ]);
    expect(ranking?.results.scores).toEqual({ a: 5, b: 3, c: 3 });
    expect(ranking?.ballots.map((b) => ("optionIds" in b ? b.optionIds : null))).toEqual([["c", "a", "b"], ["a", "b"]]);
    // Scale: the settings, the mean and the values; no options.
    expect(scale).toMatchObject({ scale: { min: 1, max: 5, minLabel: "never", maxLabel: "always" }, options: [], results: { mean: 3.5 } });
    expect(scale?.ballots).toEqual([
      { value: 2, castAt: CAST_AT },
      { value: 5, castAt: CAST_AT },
    ]);
    // Open: every answer, hidden ones too (flagged), because the export is the facilitator's own record.
    expect(open?.ballots).toEqual([
      { text: "vertrouwen", hidden: false, castAt: CAST_AT },
      { text: "=rude word", hidden: true, castAt: CAST_AT },
      { text: "tijd", hidden: false, castAt: CAST_AT },
    ]);
    expect(open?.respondents).toBe(3);
  });
});

const CAST_AT = "2025-03-14T09:20:00.000Z";

function question(id: string, kind: ExportQuestion["question"]["kind"], options: string[], extra: Partial<ExportQuestion["question"]> = {}): ExportQuestion["question"] {
  return {
    id,
    kind,
    prompt: `Prompt of ${id}`,
    maxChoices: null,
    status: "open",
    resultsVisible: false,
    options: options.map((o) => ({ id: o, label: `Label ${o}`, description: "" })),
    template: null,
    position: 0,
    ...extra,
  };
}

/** A session with one question of each non-multiple kind, as the server would hand it to the export. */
function multiKindInput(): ExportInput {
  const ballot = (answer: ExportBallot["answer"], hidden?: boolean): ExportBallot => ({ answer, castAt: CAST_AT, ...(hidden === undefined ? {} : { hidden }) });
  const results = (questionId: string, rest: Partial<ExportQuestion["results"]>): ExportQuestion["results"] => ({ questionId, counts: {}, respondents: 0, participants: 5, ...rest });
  return {
    session: { ...SESSION, language: "en" },
    exportedAt: EXPORTED_AT,
    timeZone: "Europe/Brussels",
    questions: [
      {
        question: question("q_single", "single", ["yes", "no"]),
        results: results("q_single", { kind: "single", counts: { yes: 2, no: 1 }, respondents: 3 }),
        ballots: [ballot(["yes"]), ballot(["yes"]), ballot(["no"])],
      },
      {
        question: question("q_rank", "ranking", ["a", "b", "c"], { maxChoices: 3, position: 1 }),
        results: results("q_rank", { kind: "ranking", counts: { a: 2, b: 2, c: 1 }, scores: { a: 5, b: 3, c: 3 }, respondents: 2 }),
        ballots: [ballot(["c", "a", "b"]), ballot(["a", "b"])],
      },
      {
        question: question("q_scale", "scale", [], { position: 2, scale: { min: 1, max: 5, minLabel: "never", maxLabel: "always" } }),
        results: results("q_scale", { kind: "scale", counts: { "1": 0, "2": 1, "3": 0, "4": 0, "5": 1 }, mean: 3.5, respondents: 2 }),
        ballots: [ballot(2), ballot(5)],
      },
      {
        question: question("q_open", "open", [], { position: 3 }),
        results: results("q_open", { kind: "open", respondents: 3, answers: [] }),
        ballots: [ballot("vertrouwen", false), ballot("=rude word", true), ballot("tijd")],
      },
    ],
  };
}

describe("questionTable", () => {
  const [single, ranking, scale, open] = multiKindInput().questions as [ExportQuestion, ExportQuestion, ExportQuestion, ExportQuestion];

  it.each<[string, ExportQuestion, (string | number)[][]]>([
    [
      "single choice: count and share per option",
      single,
      [
        ["option_id", "option", "count", "share_of_respondents"],
        ["yes", "Label yes", 2, 0.667],
        ["no", "Label no", 1, 0.333],
        [],
        ["respondents", 3],
      ],
    ],
    [
      "ranking: how many ranked each option and its Borda points",
      ranking,
      [
        ["option_id", "option", "ranked_by", "borda_points"],
        ["a", "Label a", 2, 5],
        ["b", "Label b", 2, 3],
        ["c", "Label c", 1, 3],
        [],
        ["respondents", 2],
      ],
    ],
    [
      "scale: ballots per value, then the mean",
      scale,
      [["value", "count"], [1, 0], [2, 1], [3, 0], [4, 0], [5, 1], ["mean", 3.5], [], ["respondents", 2]],
    ],
    [
      "open: every answer with its hidden flag, as typed (the CSV writer guards formulas, an XLSX cell is typed text)",
      open,
      [["answer", "hidden_on_screen"], ["vertrouwen", 0], ["=rude word", 1], ["tijd", 0], [], ["respondents", 3]],
    ],
  ])("%s", (_name, q, rows) => {
    expect(questionTable("en", q)).toEqual(rows);
  });

  // Object.entries lists integer-like keys first ("0", "1", "2", then "-2", "-1"), so a scale through zero was
  // exported out of order, and its negative values, written as text, were quoted by the formula guard ("'-2").
  it("lists a scale through zero from its lowest value to its highest, negative values as plain values", () => {
    const { counts, mean, respondents } = scaleTally(-2, 2, [-2, -1, -1, 0, 2]);
    const q: ExportQuestion = {
      question: { ...scale.question, scale: { min: -2, max: 2, minLabel: "oneens", maxLabel: "eens" } },
      results: { ...scale.results, counts, mean, respondents },
      ballots: [],
    };
    const rows = questionTable("en", q);
    expect(rows[0]).toEqual(["value", "count"]);
    expect(rows.slice(1, 6)).toEqual([[-2, 1], [-1, 2], [0, 1], [1, 0], [2, 1]]);
    expect(rows[6]).toEqual(["mean", -0.4]);
  });

  it("writes an empty mean for a scale question nobody answered", () => {
    const empty: ExportQuestion = { ...scale, results: { ...scale.results, counts: { "1": 0, "2": 0 }, mean: null, respondents: 0 }, ballots: [] };
    expect(questionTable("fr", empty)).toEqual([["valeur", "nombre"], [1, 0], [2, 0], ["moyenne", ""], [], ["répondants", 0]]);
  });
});

describe("csvRows with several questions", () => {
  it("writes one block per question, two empty rows apart, each with its prompt, status and table", () => {
    const rows = csvRows(multiKindInput());
    const blocks: Cell[][][] = [];
    let current: Cell[][] = [];
    for (const row of rows.slice(2)) {
      if (row[0] === "Question") {
        if (current.length > 0) blocks.push(current);
        current = [];
      }
      current.push(row);
    }
    blocks.push(current);
    expect(blocks.map((b) => b[0])).toEqual([
      ["Question", "Prompt of q_single"],
      ["Question", "Prompt of q_rank"],
      ["Question", "Prompt of q_scale"],
      ["Question", "Prompt of q_open"],
    ]);
    const input = multiKindInput();
    blocks.forEach((block, i) => {
      const q = input.questions[i] as ExportQuestion;
      const trailing = i < blocks.length - 1 ? [[], []] : [];
      expect(block).toEqual([["Question", q.question.prompt], ["status", "open"], [], ...questionTable("en", q), ...trailing]);
    });
  });

  it("writes only the title and time for a session without questions", () => {
    expect(csvRows({ ...multiKindInput(), questions: [] })).toEqual([
      ["Session", "Jeugdhulp Gent"],
      ["Exported at", EXPORTED_AT_TEXT.en],
    ]);
  });
});

// A Dutch session's CSV said "closed" and "2025-03-14T09:26:53.589Z": status words and times were not in its language.
describe("words and times of the session's language", () => {
  it.each([
    ["nl", "Geëxporteerd op", "gesloten"],
    ["en", "Exported at", "closed"],
    ["fr", "Exporté le", "clos"],
  ] as const)("%s: the export time with its zone and the status as a word", (language, heading, closed) => {
    const rows = csvRows(exportInput({ language }));
    expect(rows[1]).toEqual([heading, EXPORTED_AT_TEXT[language]]);
    expect(rows[3]?.[1]).toBe(closed);
  });

  it("writes the time in the server's zone when none is given, and names that zone", () => {
    expect(exportTime("en", EXPORTED_AT, "UTC")).toBe("14 March 2025 at 09:26 UTC");
    expect(exportTime("nl", EXPORTED_AT)).toMatch(/^14 maart 2025 om \d\d:\d\d \S+$/);
  });
});

// A Dutch or Flemish Excel put the comma-separated file in one column: the list separator follows the region.
describe("the semicolon CSV (Excel in Dutch and French regions)", () => {
  it("separates cells with semicolons and writes decimals with a comma, unquoted so they read as numbers", () => {
    const csv = toCsv(exportInput({ language: "nl", counts: { "power-play": 1 }, respondents: 3 }), "semicolon");
    expect(csv.startsWith("\uFEFFSessie;Jeugdhulp Gent\r\n")).toBe(true);
    expect(csv).toContain("\r\noptie_id;optie;aantal;aandeel_respondenten\r\n");
    expect(csv).toContain("\r\npower-play;Machtsspel;1;0,333\r\n");
    expect(csv).toContain("\r\nrespondenten;3\r\n");
  });

  it("holds the same cells as the comma file", () => {
    const input = multiKindInput();
    const comma = readCsv(input, "comma");
    const semicolon = readCsv(input, "semicolon");
    expect(semicolon.map((row) => row.map((cell) => (/^-?\d+,\d+$/.test(cell) ? cell.replace(",", ".") : cell)))).toEqual(comma);
    expect(semicolon).toContainEqual(["mean", "3,5"]);
    expect(semicolon).toContainEqual(["yes", "Label yes", "2", "0,667"]);
  });

  it.each([
    ["a semicolon", "Zorg; welzijn"],
    ["a comma", "Zorg, welzijn"],
    ["quotes and a line break", 'De "warme"\noverdracht'],
  ])("keeps a title with %s in its cell", (_what, title) => {
    expect(readCsv(exportInput({ title }), "semicolon")[0]).toEqual(["Session", title]);
  });

  it.each(DANGEROUS_PREFIXES)("guards a title starting with %j like the comma file does", (prefix) => {
    const rows = readCsv(exportInput({ title: `${prefix}1+1` }), "semicolon");
    expect(rows[0]).toEqual(["Session", `'${prefix}1+1`]);
  });

  it("writes a negative number as a number and the text -1 as guarded text", () => {
    expect(csvFile([[-1.5, "-1"]], "semicolon")).toBe("\uFEFF-1,5;'-1\r\n");
    expect(csvFile([[-1.5, "-1"]], "comma")).toBe("\uFEFF-1.5,'-1\r\n");
  });
});

// Sheet names were cut at 31 characters mid-word: "1. Welke samenwerkingsvra".
describe("sheetName", () => {
  const q = (prompt: string, template: string | null = null) => ({ prompt, template });

  it.each([
    ["a short prompt as it is", "nl", 0, q("Welke rol speel je zelf?"), "1. Welke rol speel je zelf"],
    ["the nine challenges by their short name", "nl", 2, q("Welke samenwerkingsvraagstukken herken je in je eigen samenwerking?", "nine-challenges"), "3. Samenwerkingsvraagstukken"],
    ["the nine challenges in French", "fr", 0, q("Quels défis de collaboration reconnaissez-vous ?", "nine-challenges"), "1. Défis de collaboration"],
    ["a long prompt after its last whole word", "nl", 0, q("Bezint eer ge begint: hoe pak je deze opdracht het best aan?"), "1. Bezint eer ge begint hoe…"],
    ["a prompt of one long word, mid-word with an ellipsis", "nl", 9, q("Samenwerkingsvraagstukkenoverzicht van vandaag"), "10. Samenwerkingsvraagstukkeno…"],
    ["forbidden characters as spaces", "en", 0, q("A/B [test]*?"), "1. A B test"],
    ["no apostrophe at the end", "en", 0, q("Wat betekent 'netwerk'"), "1. Wat betekent 'netwerk"],
    // An action round's questions all start alike; cut at 31 characters they read the same.
    ["an action round's proposals by their challenge", "nl", 1, q("Welke concrete actie helpt ons met ‘Machtsspel’?", "action-prompt:power-play"), "2. Acties – Machtsspel"],
    ["an action round's proposals by their challenge in French", "fr", 1, q("Quelle action concrète nous aiderait face à « Jeux de pouvoir » ?", "action-prompt:power-play"), "2. Actions – Jeux de pouvoir"],
    ["the dot vote over the proposals", "en", 3, q("Spread your dots over the proposals: which actions do we take on?", "action-dots"), "4. Dots for actions"],
    ["a review question by its action", "nl", 0, q("Actie van vorige keer: ‘Gezamenlijke intake’ (Sofie, tegen 15 maart 2027). Hoe ver staat ze?", "action-review:a1"), "1. Stand – Gezamenlijke intake"],
    ["a review question's long action cut after a word", "fr", 0, q("Action de la dernière fois : « Un dossier partagé pour chaque famille » (An). Où en est-elle ?", "action-review:a2"), "1. Suivi – Un dossier partagé…"],
  ] as const)("gives %s", (_name, language, index, question, expected) => {
    expect(sheetName(language, index, question)).toBe(expected);
  });

  it("never exceeds Excel's 31 characters nor ends in an apostrophe", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 199 }), (prompt, index) => {
        const name = sheetName("nl", index, q(prompt));
        expect(name.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
        expect(name).not.toMatch(/[:\\/?*[\]]|'$/);
        expect(name.startsWith(`${index + 1}. `)).toBe(true);
      }),
    );
  });
});

describe("a question voted again", () => {
  const voted = (): ExportInput => {
    const input = exportInput({ language: "nl", counts: { "power-play": 1 }, respondents: 2 });
    const [q] = input.questions;
    if (!q) throw new Error("no question");
    return { ...input, questions: [{ ...q, rounds: [{ round: 1, respondents: 5, counts: { "power-play": 3, "enemy-image": 1 } }] }] };
  };

  it("carries the earlier round in the CSV under its own heading, with its own shares, after the current round", () => {
    const rows = csvRows(voted());
    const heading = rows.findIndex((r) => r[0] === "Eerdere ronde (nummer 1), van voor het opnieuw stemmen");
    expect(heading).toBeGreaterThan(rows.findIndex((r) => r[0] === "power-play"));
    const earlier = rows.slice(heading);
    expect(earlier.find((r) => r[0] === "power-play")).toEqual(["power-play", "Machtsspel", 3, 0.6]);
    expect(earlier.find((r) => r[0] === "respondenten")).toEqual(["respondenten", 5]);
    // The current round's table is untouched.
    expect(rows.find((r) => r[0] === "power-play")).toEqual(["power-play", "Machtsspel", 1, 0.5]);
  });

  it("carries every earlier round in the JSON, oldest first, and a withheld one without numbers", () => {
    const input = voted();
    const [q] = input.questions;
    if (!q) throw new Error("no question");
    const json = toJsonExport({ ...input, questions: [{ ...q, rounds: [...(q.rounds ?? []), { round: 3, respondents: 2, counts: {}, withheld: "too_few" }] }] });
    expect(onlyQuestion(json).rounds).toEqual([
      { round: 1, respondents: 5, counts: { "power-play": 3, "enemy-image": 1 } },
      { round: 3, respondents: 2, counts: {}, withheld: "too_few" },
    ]);
    expect(roundTable("nl", q, { round: 3, respondents: 2, counts: {}, withheld: "too_few" }).flat()).not.toContain("power-play");
  });
});

/** A question from the floor as the room's FloorBook gives it: shown, unanswered, no votes unless told. */
function floorQuestion(id: string, text: string, more: Partial<FloorQuestionView> = {}): FloorQuestionView {
  return { id, text, name: null, votes: 0, status: "shown", answered: false, askedAt: `2025-03-14T09:${id.slice(-2)}:00.000Z`, ...more };
}

/**
 * Four questions in the order asked, which is not the room's order: the answered one has the most votes but goes
 * last, the hidden and the waiting one are there (flagged), and a tie in votes keeps the first asked first.
 */
const FLOOR: FloorQuestionView[] = [
  floorQuestion("f_01", "Wie beslist over het budget?", { votes: 5, answered: true, name: "An" }),
  floorQuestion("f_02", "Hoe meten we vertrouwen?", { votes: 2 }),
  floorQuestion("f_03", "Een vraag die niet op het scherm hoort", { votes: 2, status: "hidden" }),
  floorQuestion("f_04", "Wat met de wachtlijsten?", { votes: 3, status: "pending", name: "Bart" }),
];

describe("questions from the floor in the exports", () => {
  it("rank every question as the room does, with name, votes, status in words, answered and the ISO time", () => {
    expect(floorTable("nl", FLOOR)).toEqual([
      ["vraag", "naam", "steun", "status", "beantwoord", "gesteld_op"],
      ["Wat met de wachtlijsten?", "Bart", 3, "wacht op goedkeuring", 0, "2025-03-14T09:04:00.000Z"],
      ["Hoe meten we vertrouwen?", "", 2, "getoond", 0, "2025-03-14T09:02:00.000Z"],
      ["Een vraag die niet op het scherm hoort", "", 2, "verborgen", 0, "2025-03-14T09:03:00.000Z"],
      ["Wie beslist over het budget?", "An", 5, "getoond", 1, "2025-03-14T09:01:00.000Z"],
    ]);
  });

  it.each<[Language, string[], string[]]>([
    ["nl", ["vraag", "naam", "steun", "status", "beantwoord", "gesteld_op"], ["getoond", "wacht op goedkeuring", "verborgen"]],
    ["en", ["question", "name", "upvotes", "status", "answered", "asked_at"], ["shown", "waiting for approval", "hidden"]],
    ["fr", ["question", "nom", "soutiens", "statut", "répondue", "posée_le"], ["affichée", "en attente d'approbation", "masquée"]],
  ])("writes the headings and statuses of a %s session in its language", (language, headings, statuses) => {
    const table = floorTable(language, [
      floorQuestion("f_01", "a", { votes: 3 }),
      floorQuestion("f_02", "b", { votes: 2, status: "pending" }),
      floorQuestion("f_03", "c", { votes: 1, status: "hidden" }),
    ]);
    expect(table[0]).toEqual(headings);
    expect(table.slice(1).map((row) => row[3])).toEqual(statuses);
  });

  it("put a section after the questions in the CSV, two empty rows apart, headed by its title", () => {
    const rows = readCsv({ ...exportInput({ language: "nl" }), floor: FLOOR });
    const title = rows.findIndex((row) => row[0] === "Vragen uit de zaal");
    expect(rows.slice(title - 3, title)).toEqual([["respondenten", "4"], [""], [""]]);
    expect(rows.slice(title)).toEqual([
      ["Vragen uit de zaal"],
      [""],
      ["vraag", "naam", "steun", "status", "beantwoord", "gesteld_op"],
      ["Wat met de wachtlijsten?", "Bart", "3", "wacht op goedkeuring", "0", "2025-03-14T09:04:00.000Z"],
      ["Hoe meten we vertrouwen?", "", "2", "getoond", "0", "2025-03-14T09:02:00.000Z"],
      ["Een vraag die niet op het scherm hoort", "", "2", "verborgen", "0", "2025-03-14T09:03:00.000Z"],
      ["Wie beslist over het budget?", "An", "5", "getoond", "1", "2025-03-14T09:01:00.000Z"],
    ]);
  });

  it("follow the title and time straight away in a session without questions", () => {
    expect(csvRows({ ...exportInput(), questions: [], floor: [floorQuestion("f_01", "Only this", { votes: 1 })] })).toEqual([
      ["Session", "Jeugdhulp Gent"],
      ["Exported at", EXPORTED_AT_TEXT.en],
      ["Questions from the floor"],
      [],
      ["question", "name", "upvotes", "status", "answered", "asked_at"],
      ["Only this", "", 1, "shown", 0, "2025-03-14T09:01:00.000Z"],
    ]);
  });

  it("leave no empty section and no floor key when nobody asked", () => {
    for (const floor of [undefined, []]) {
      const input = { ...exportInput(), ...(floor ? { floor } : {}) };
      expect(csvRows(input).flat()).not.toContain("Questions from the floor");
      expect(csvRows(input)).toEqual(csvRows(exportInput()));
      expect("floor" in toJsonExport(input)).toBe(false);
    }
  });

  it.each([
    ["a comma", "Budget, of tijd?"],
    ["double quotes", 'Wat is "warm" overdragen?'],
    ["a semicolon", "Eerst dit; dan dat?"],
  ])("keep a question with %s in its cell in both dialects", (_what, text) => {
    const input = { ...exportInput(), floor: [floorQuestion("f_01", text, { name: 'Jan "de Vraagsteller", Gent' })] };
    for (const dialect of ["comma", "semicolon"] as const) {
      expect(readCsv(input, dialect).at(-1)?.slice(0, 2)).toEqual([text, 'Jan "de Vraagsteller", Gent']);
    }
  });

  // A participant typed the text and the name: a question like =HYPERLINK(...) must not run in the facilitator's Excel.
  it.each(DANGEROUS_PREFIXES)("guard a question text and a name starting with %j in the CSV", (prefix) => {
    const input = { ...exportInput(), floor: [floorQuestion("f_01", `${prefix}HYPERLINK("https://evil.example")`, { name: `${prefix}1+1` })] };
    for (const dialect of ["comma", "semicolon"] as const) {
      const row = readCsv(input, dialect).at(-1);
      expect(row?.slice(0, 2)).toEqual([`'${prefix}HYPERLINK("https://evil.example")`, `'${prefix}1+1`]);
    }
  });

  it("write the semicolon dialect with semicolons and the votes as plain numbers", () => {
    const csv = toCsv({ ...exportInput({ language: "nl" }), floor: [floorQuestion("f_07", "=1+1", { votes: 12, name: "An" })] }, "semicolon");
    expect(csv).toContain("\r\nVragen uit de zaal\r\n\r\nvraag;naam;steun;status;beantwoord;gesteld_op\r\n'=1+1;An;12;getoond;0;2025-03-14T09:07:00.000Z\r\n");
    expect(csv.endsWith("2025-03-14T09:07:00.000Z\r\n")).toBe(true);
  });

  it("give the JSON a ranked top-level floor of views, hidden and waiting ones flagged, and never a participant key", () => {
    const stored = FLOOR.map((q) => ({ ...q, participantKey: `key-of-${q.id}`, voters: ["p1"] }));
    const json = toJsonExport({ ...exportInput(), floor: stored });
    expect(json.floor).toEqual([FLOOR[3], FLOOR[1], FLOOR[2], FLOOR[0]]);
    // The JSON is not a spreadsheet: the text goes out as typed.
    expect(toJsonExport({ ...exportInput(), floor: [floorQuestion("f_01", "=1+1")] }).floor?.[0]?.text).toBe("=1+1");
    const text = JSON.stringify(json);
    expect(text).not.toContain("key-of-");
    expect(text).not.toContain("participantKey");
    expect(text).not.toContain("voters");
  });
});

describe("a dot vote in the exports", () => {
  // Three ballots of a budget of 3: o2 twice and o1 once; o2 three times; nothing ("none of these").
  const dotsQuestion: ExportQuestion = {
    question: question("q_dots", "dots", ["o1", "o2", "o3"], { maxChoices: 3 }),
    results: { questionId: "q_dots", kind: "dots", counts: { o1: 1, o2: 5, o3: 0 }, respondents: 3, participants: 4 },
    ballots: [
      { answer: ["o1", "o2", "o2"], castAt: CAST_AT },
      { answer: ["o2", "o2", "o2"], castAt: CAST_AT },
      { answer: [], castAt: CAST_AT },
    ],
  };

  it.each<[Language, Cell[][]]>([
    ["en", [["option_id", "option", "dots", "share_of_dots"], ["o1", "Label o1", 1, 0.167], ["o2", "Label o2", 5, 0.833], ["o3", "Label o3", 0, 0], [], ["dots_total", 6], [], ["respondents", 3]]],
    ["nl", [["optie_id", "optie", "stippen", "aandeel_stippen"], ["o1", "Label o1", 1, 0.167], ["o2", "Label o2", 5, 0.833], ["o3", "Label o3", 0, 0], [], ["stippen_in_totaal", 6], [], ["respondenten", 3]]],
  ])("CSV and XLSX table in %s: dots per option in the question's order, their share of all dots, the total and the respondents", (language, rows) => {
    expect(questionTable(language, dotsQuestion)).toEqual(rows);
  });

  it("JSON: dots per option with their share of all dots, the total, and each anonymous ballot's dots as ids and as a spread", () => {
    const json = toJsonExport({ session: { ...SESSION, language: "en" }, exportedAt: EXPORTED_AT, questions: [dotsQuestion] });
    const [q] = json.questions;
    expect(q?.maxChoices).toBe(3);
    expect(q?.options.map((o) => [o.id, o.dots, o.dotsSharePercent, o.sharePercent])).toEqual([
      ["o1", 1, 17, undefined],
      ["o2", 5, 83, undefined],
      ["o3", 0, 0, undefined],
    ]);
    expect(q?.results).toMatchObject({ respondents: 3, counts: { o1: 1, o2: 5, o3: 0 }, totalDots: 6 });
    expect(q?.ballots).toEqual([
      { optionIds: ["o1", "o2", "o2"], dots: { o1: 1, o2: 2 }, castAt: CAST_AT },
      { optionIds: ["o2", "o2", "o2"], dots: { o2: 3 }, castAt: CAST_AT },
      { optionIds: [], dots: {}, castAt: CAST_AT },
    ]);
    expect(JSON.stringify(q?.ballots)).not.toMatch(/participant/i);
  });
});

/** An action of a plan as the API gives it: from a dot vote unless `dots` is null. */
function action(id: string, text: string, more: Partial<ActionView> = {}): ActionView {
  return { id, text, about: "power-play", owner: "An", due: "2027-03-15", from: more.dots === null ? null : { questionId: "q_dots", optionId: id }, dots: 4, createdAt: "2025-03-14T10:00:00.000Z", ...more };
}

const PLAN: ActionView[] = [
  action("a_1", "Samen op werkbezoek", { about: "enemy-image", owner: "Sofie (OCMW)" }),
  action("a_2", "Agenda een week vooraf rondsturen", { owner: "Jan", due: "2027-02-01", dots: 2 }),
  action("a_3", "Evaluatie in juni", { about: null, owner: "An en Piet", due: "2027-06-30", dots: null }),
];

describe("the action plan in the exports", () => {
  it.each<[Language, string[], string[]]>([
    ["nl", ["actie", "vraagstuk", "trekker", "tegen", "stippen"], ["Vijandbeeld", "Machtsspel", ""]],
    ["en", ["action", "challenge", "owner", "due", "dots"], ["Enemy image", "Power play", ""]],
    ["fr", ["action", "défi", "responsable", "échéance", "gommettes"], ["Image de l'ennemi", "Jeux de pouvoir", ""]],
  ])("lists every action of a %s session in the plan's order, its challenge in the session's language", (language, headings, challenges) => {
    const table = actionsTable(language, PLAN);
    expect(table[0]).toEqual(headings);
    expect(table.slice(1).map((row) => row[1])).toEqual(challenges);
  });

  it("writes text, owner, the due date as a calendar day and the dots, empty for an action of one's own", () => {
    expect(actionsTable("nl", PLAN).slice(1)).toEqual([
      ["Samen op werkbezoek", "Vijandbeeld", "Sofie (OCMW)", "2027-03-15", 4],
      ["Agenda een week vooraf rondsturen", "Machtsspel", "Jan", "2027-02-01", 2],
      ["Evaluatie in juni", "", "An en Piet", "2027-06-30", ""],
    ]);
  });

  it("is a section of the CSV after the questions, two empty rows apart, headed by its title, in both dialects", () => {
    for (const [dialect, sep] of [["comma", ","], ["semicolon", ";"]] as const) {
      const rows = readCsv({ ...exportInput({ language: "nl" }), actions: PLAN }, dialect);
      const title = rows.findIndex((row) => row[0] === "Actieplan");
      expect(rows.slice(title - 3, title), dialect).toEqual([["respondenten", "4"], [""], [""]]);
      expect(rows.slice(title), dialect).toEqual([
        ["Actieplan"],
        [""],
        ["actie", "vraagstuk", "trekker", "tegen", "stippen"],
        ["Samen op werkbezoek", "Vijandbeeld", "Sofie (OCMW)", "2027-03-15", "4"],
        ["Agenda een week vooraf rondsturen", "Machtsspel", "Jan", "2027-02-01", "2"],
        ["Evaluatie in juni", "", "An en Piet", "2027-06-30", ""],
      ]);
      expect(toCsv({ ...exportInput({ language: "nl" }), actions: PLAN }, dialect)).toContain(`\r\nSamen op werkbezoek${sep}Vijandbeeld${sep}Sofie (OCMW)${sep}2027-03-15${sep}4\r\n`);
    }
  });

  // The facilitator typed text and owner as the room said them: "=..." must not run in a spreadsheet.
  it.each(DANGEROUS_PREFIXES)("guards an action text and an owner starting with %j in the CSV", (prefix) => {
    const input = { ...exportInput(), actions: [action("a_1", `${prefix}HYPERLINK("https://evil.example")`, { owner: `${prefix}1+1; Jan, "An"` })] };
    for (const dialect of ["comma", "semicolon"] as const) {
      expect(readCsv(input, dialect).at(-1)?.slice(0, 3), dialect).toEqual([`'${prefix}HYPERLINK("https://evil.example")`, "Power play", `'${prefix}1+1; Jan, "An"`]);
    }
  });

  it("gives the JSON a top-level actions array of views (challenges by id) and no other field", () => {
    const json = toJsonExport({ ...exportInput(), actions: PLAN.map((a) => ({ ...a, sessionId: "sess_1", position: 3 })) });
    expect(json.actions).toEqual(PLAN);
    expect(JSON.stringify(json)).not.toContain("position");
  });

  it("leaves no section, title or key when the session made no plan", () => {
    for (const actions of [undefined, []]) {
      const input = { ...exportInput(), ...(actions ? { actions } : {}) };
      expect(csvRows(input)).toEqual(csvRows(exportInput()));
      expect("actions" in toJsonExport(input)).toBe(false);
    }
  });
});

/** The previous plan as a room of five reviewed it: one done, one split (under way or not started), one withheld, one unanswered. */
const REVIEW: PlanReview = {
  reviews: [
    { questionId: "q_r1", actionId: "a_1", prompt: "Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie, tegen 15 maart 2027). Hoe ver staat ze?", counts: { done: 4, "under-way": 1, "not-started": 0 }, respondents: 5, verdict: "done" },
    { questionId: "q_r2", actionId: "a_2", prompt: "Actie van vorige keer: ‘Agenda rondsturen’ (Jan). Hoe ver staat ze?", counts: { done: 0, "under-way": 2, "not-started": 2 }, respondents: 4, verdict: "not-started" },
    { questionId: "q_r3", actionId: "a_3", prompt: "Actie van vorige keer: ‘Evaluatie’ (An). Hoe ver staat ze?", counts: null, respondents: 2, verdict: null },
    { questionId: "q_r4", actionId: "a_4", prompt: "Actie van vorige keer: ‘Nieuwsbrief’ (Piet). Hoe ver staat ze?", counts: {}, respondents: 0, verdict: null },
  ],
  progress: { total: 4, done: 1, underWay: 0, notStarted: 1, unreviewed: 2 },
};

describe("the previous plan's review in the exports", () => {
  it("gives per action the question, answers per state, respondents and the verdict in words, then the progress", () => {
    expect(planReviewTable("nl", REVIEW)).toEqual([
      ["Vraag", "Gedaan", "Onderweg", "Nog niet gestart", "respondenten", "oordeel"],
      [REVIEW.reviews[0]!.prompt, 4, 1, 0, 5, "Gedaan"],
      [REVIEW.reviews[1]!.prompt, 0, 2, 2, 4, "Nog niet gestart"],
      // Below the threshold: its respondents, never its numbers.
      [REVIEW.reviews[2]!.prompt, "", "", "", 2, "te weinig antwoorden om te tonen"],
      [REVIEW.reviews[3]!.prompt, 0, 0, 0, 0, "nog geen antwoord"],
      [],
      ["Voortgang"],
      ["acties", "Gedaan", "Onderweg", "Nog niet gestart", "zonder oordeel"],
      [4, 1, 0, 1, 2],
    ]);
  });

  it.each<[Language, string, string[]]>([
    ["en", "Progress of the previous plan", ["Question", "Done", "Under way", "Not started", "respondents", "verdict"]],
    ["fr", "Avancement du plan précédent", ["Question", "Réalisée", "En cours", "Pas commencée", "répondants", "verdict"]],
  ])("is a section of a %s session's CSV under its title, verdicts in the session's language", (language, title, headings) => {
    const rows = readCsv({ ...exportInput({ language }), planReview: REVIEW });
    const at = rows.findIndex((row) => row[0] === title);
    expect(at).toBeGreaterThan(2);
    expect(rows[at + 2]).toEqual(headings);
    expect(rows[at + 3]?.at(-1)).toBe(language === "en" ? "Done" : "Réalisée");
    expect(rows.at(-1)).toEqual(["4", "1", "0", "1", "2"]);
  });

  it("gives the JSON the review as the report has it, and nothing without one", () => {
    expect(toJsonExport({ ...exportInput(), planReview: REVIEW }).planReview).toEqual(REVIEW);
    expect("planReview" in toJsonExport(exportInput())).toBe(false);
    expect(csvRows({ ...exportInput(), planReview: { reviews: [], progress: { total: 0, done: 0, underWay: 0, notStarted: 0, unreviewed: 0 } } })).toEqual(csvRows(exportInput()));
  });
});

describe("a measurement's network trend in the exports", () => {
  const counts = (picked: Record<string, number>) => Object.fromEntries(CHALLENGE_IDS.map((id) => [id, picked[id] ?? 0]));
  const trend = networkTrend(
    { id: "n_1", name: "Zorgnetwerk Gent" },
    [
      { sessionId: "s_1", title: "Meting één", createdAt: "2026-01-01T10:00:00.000Z", respondents: 8, counts: counts({ "power-play": 6 }), measurement: 1 },
      { sessionId: "s_2", title: "Meting twee", createdAt: "2026-02-01T10:00:00.000Z", respondents: 2, counts: counts({ "power-play": 1 }), measurement: 2 },
      { sessionId: "s_3", title: "=Meting drie", createdAt: "2026-03-01T10:00:00.000Z", respondents: 10, counts: counts({ "power-play": 3 }), measurement: 3 },
    ],
    5,
  );

  it("gives per challenge the share at each measurement with its n, the withheld one in words, and the change", () => {
    const table = trendTable("en", trend);
    expect(table[0]).toEqual(["option_id", "option", "Measurement 1: Meting één (n = 8)", "Measurement 2: Meting twee (n = 2)", "Measurement 3: =Meting drie (n = 10)", "Change measurement 1 → 3 (percentage points)"]);
    expect(table.find((row) => row[0] === "power-play")).toEqual(["power-play", "Power play", 75, "too few answers", 30, -45]);
    expect(table).toHaveLength(10);
  });

  it("is the last section of the CSV, after the plan and its review, titled with the network's name, the change a plain number", () => {
    const rows = readCsv({ ...exportInput({ language: "nl" }), actions: PLAN, planReview: REVIEW, trend }, "semicolon");
    const titles = rows.filter((row) => ["Actieplan", "Voortgang vorig actieplan", "Verloop van het netwerk: Zorgnetwerk Gent"].includes(row[0] ?? "")).map((row) => row[0]);
    expect(titles).toEqual(["Actieplan", "Voortgang vorig actieplan", "Verloop van het netwerk: Zorgnetwerk Gent"]);
    const at = rows.findIndex((row) => row[0] === "Verloop van het netwerk: Zorgnetwerk Gent");
    expect(rows[at + 2]?.[4]).toBe("Meting 3: =Meting drie (n = 10)");
    expect(rows.find((row) => row[0] === "power-play" && row.length === 6)).toEqual(["power-play", "Machtsspel", "75", "te weinig antwoorden", "30", "-45"]);
  });

  it("gives the JSON the trend as the report has it", () => {
    expect(toJsonExport({ ...exportInput(), trend }).trend).toEqual(trend);
    expect("trend" in toJsonExport(exportInput())).toBe(false);
  });
});
