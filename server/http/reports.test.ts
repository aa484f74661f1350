/** Reports, exports (CSV, JSON, XLSX), duplicates and comparisons over HTTP. */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import type { CreatedSession, FloorQuestionView, QuestionSummary, QuestionView, ReportData } from "../../lib/protocol";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { addQuestion, command, emitRaw, facilitatorView, joinAsParticipant, openSession, readDatabase } from "../testing/helpers";

/** Small, so a breakdown can be shown and withheld with a handful of phones. */
const MIN_GROUP_SIZE = 3;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { minGroupSize: MIN_GROUP_SIZE } });
});
afterAll(async () => h?.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function get(created: CreatedSession, route: string, key = created.hostKey): Promise<Response> {
  return fetch(`${h.url}/api/sessions/${created.id}/${route}`, { headers: key ? bearer(key) : {} });
}

/**
 * An article session (Dutch) in which `voters` phones answered the first question and the nine challenges:
 * everyone picked power-play, the first also enemy-image.
 */
async function votedArticleSession(voters: number, title = "Rapport") {
  const { created, host } = await openSession(h, { title, template: "article" });
  const questions = host.state.questions ?? [];
  const [approach, , challenges] = questions as [QuestionSummary, QuestionSummary, QuestionSummary];
  const phones = [];
  for (let i = 0; i < voters; i++) phones.push(await joinAsParticipant(h, created));
  const sockets = phones.map((p) => p.socket);
  for (const [i, phone] of phones.entries()) {
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: approach.id, optionIds: [i === 0 ? "alone" : "network"] })).ok).toBe(true);
  }
  await command(host.socket, "question:activate", { questionId: challenges.id }, sockets);
  const counted = eventMatching(host.socket, "results:updated", (r) => r.questionId === challenges.id && r.respondents === voters);
  for (const [i, phone] of phones.entries()) {
    const optionIds = i === 0 ? ["power-play", "enemy-image"] : ["power-play"];
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: challenges.id, optionIds })).ok).toBe(true);
  }
  if (voters > 0) await counted;
  return { created, host, questions, approach, challenges, sockets };
}

/** A sheet as rows of cell values, without exceljs's empty first column and with empty rows as []. */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  return sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []));
}

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type, which @types/node's generic Buffer does not match.
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

describe("GET /api/sessions/{id}/export?format=xlsx", () => {
  it("is a workbook with a summary sheet and one sheet per question whose counts match the votes", async () => {
    const { created, questions, challenges } = await votedArticleSession(3, "Werkboek");
    const res = await get(created, "export?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Werkboek.xlsx"');

    const workbook = await workbookOf(res);
    expect(workbook.worksheets).toHaveLength(1 + questions.length);
    const [summary, ...sheets] = workbook.worksheets as [ExcelJS.Worksheet, ...ExcelJS.Worksheet[]];
    expect(summary.name).toBe("Overzicht");
    const summaryRows = rowsOf(summary);
    expect(summaryRows[0]).toEqual(["Sessie", "Werkboek"]);
    expect(summaryRows[3]).toEqual(["Vraag", "respondenten", "status"]);
    expect(summaryRows.slice(4)).toEqual(questions.map((q) => [q.prompt, q.id === questions[0]?.id || q.id === challenges.id ? 3 : 0, "open"]));

    // One sheet per question, in order, each headed by its prompt.
    sheets.forEach((sheet, i) => {
      expect(sheet.name.startsWith(`${i + 1}. `)).toBe(true);
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(rowsOf(sheet)[0]).toEqual(["Vraag", questions[i]?.prompt]);
    });
    const challengeRows = rowsOf(sheets[2] as ExcelJS.Worksheet);
    expect(challengeRows[2]).toEqual(["optie_id", "optie", "aantal", "aandeel_respondenten"]);
    const counts = Object.fromEntries(challengeRows.slice(3, 3 + CHALLENGE_IDS.length).map((row) => [row[0], row[2]]));
    expect(Object.keys(counts)).toEqual(CHALLENGE_IDS);
    expect(counts).toMatchObject({ "power-play": 3, "enemy-image": 1, "shared-ambition": 0 });
    expect(challengeRows[3 + CHALLENGE_IDS.length + 1]).toEqual(["respondenten", 3]);
    // The article's role question sorts the room: below the table, the nine challenges split by it. Nobody here
    // answered the role question, so all three respondents are in "geen antwoord".
    const split = challengeRows.slice(3 + CHALLENGE_IDS.length + 3);
    expect(split[0]).toEqual(["Opgesplitst volgens", "Welke rol speel je zelf in het netwerk?"]);
    expect(split[1]?.slice(0, 3)).toEqual(["groep", "respondenten", "Gebrek aan gedeelde ambitie"]);
    expect(split.slice(2).map((row) => row.slice(0, 2))).toEqual([
      ["Deelnemer", 0],
      ["Netwerkmanager", 0],
      ["geen antwoord", 3],
    ]);
    const approachRows = rowsOf(sheets[0] as ExcelJS.Worksheet);
    expect(approachRows.slice(3, 6)).toEqual([
      ["alone", expect.any(String), 1, 0.333],
      ["bilateral", expect.any(String), 0, 0],
      ["network", expect.any(String), 2, 0.667],
    ]);
  });

  // The XLSX cells carried the CSV's guard: a visible apostrophe before a title like "=1+1", which a typed cell never needs.
  it("writes a title and prompt starting with = as typed text cells, exactly as written and never a formula", async () => {
    const { created, host } = await openSession(h, { title: '=HYPERLINK("http://evil.example","klik")', template: "empty" });
    await addQuestion(host.socket, { kind: "open", prompt: "=1+1" });
    const res = await get(created, "export?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w-]+\.xlsx"$/);
    const workbook = await workbookOf(res);
    const summary = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(summary.getCell("B1").value).toBe(`=HYPERLINK("http://evil.example","klik")`);
    expect(summary.getCell("B1").type).toBe(ExcelJS.ValueType.String);
    expect(summary.getCell("A5").value).toBe("=1+1");
    const sheet = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(sheet.getCell("B1").value).toBe("=1+1");
    expect(sheet.getCell("B1").type).toBe(ExcelJS.ValueType.String);
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  // Excel refuses a sheet name that ends in an apostrophe, and exceljs throws on one: the export answered 500.
  it.each([
    ["ends in a quoted word", "Wat betekent 'netwerk'"],
    ["has an apostrophe where the sheet name is cut off", `${"x".repeat(27)}'s en de rest`],
  ])("exports a question whose prompt %s", async (_name, prompt) => {
    const { created, host } = await openSession(h, { title: "Aanhalingstekens", template: "empty" });
    await addQuestion(host.socket, { kind: "open", prompt });
    const res = await get(created, "export?format=xlsx");
    expect(res.status).toBe(200);
    const workbook = await workbookOf(res);
    expect(workbook.worksheets).toHaveLength(2);
    expect(rowsOf(workbook.worksheets[1] as ExcelJS.Worksheet)[0]).toEqual(["Vraag", prompt]);
  });

  it("is refused without the host key", async () => {
    const { created } = await openSession(h, { title: "Geheim" });
    expect((await get(created, "export?format=xlsx", "")).status).toBe(401);
    expect((await get(created, "export?format=xlsx", created.screenKey)).status).toBe(403);
  });
});

describe("GET /api/sessions/{id}/export (json and csv) with several questions", () => {
  it("json holds every question in order, each with its own results", async () => {
    const { created, questions, challenges } = await votedArticleSession(2, "Alles");
    const json = (await (await get(created, "export?format=json")).json()) as {
      questions: { id: string; kind: string; prompt: string; respondents: number; ballots: unknown[] }[];
    };
    expect(json.questions.map((q) => [q.id, q.kind, q.prompt])).toEqual(questions.map((q) => [q.id, q.kind, q.prompt]));
    expect(json.questions.map((q) => q.respondents)).toEqual(questions.map((q) => (q.id === questions[0]?.id || q.id === challenges.id ? 2 : 0)));
    expect(json.questions.find((q) => q.id === challenges.id)?.ballots).toHaveLength(2);
  });

  it("csv has a block per question, headed by its prompt, in order", async () => {
    const { created, questions } = await votedArticleSession(1, "Alles als CSV");
    const text = await (await get(created, "export?format=csv")).text();
    const headings = text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter((line) => line.startsWith("Vraag,"))
      .map((line) => line.slice("Vraag,".length).replace(/^"|"$/g, ""));
    expect(headings).toEqual(questions.map((q) => q.prompt));
    expect(text.split("\r\n")).toContain("power-play,Machtsspel,1,1");
  });
});

describe("GET /api/sessions/{id}/report", () => {
  type Report = { minGroupSize: number; questions: { question: QuestionView; results: { respondents: number }; cooccurrence: number[][] | null }[] };

  it(`gives the co-occurrence of the multiple-choice question from ${MIN_GROUP_SIZE} respondents on, and for no other question`, async () => {
    const { created, questions, challenges } = await votedArticleSession(MIN_GROUP_SIZE);
    const res = await get(created, "report");
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.minGroupSize).toBe(MIN_GROUP_SIZE);
    expect(report.questions.map((q) => q.question.id)).toEqual(questions.map((q) => q.id));
    for (const q of report.questions) {
      if (q.question.id !== challenges.id) expect(q.cooccurrence, q.question.kind).toBeNull();
    }
    const matrix = report.questions.find((q) => q.question.id === challenges.id)?.cooccurrence;
    const at = (id: string) => CHALLENGE_IDS.indexOf(id as never);
    expect(matrix).toHaveLength(CHALLENGE_IDS.length);
    expect(matrix?.[at("power-play")]?.[at("power-play")]).toBe(MIN_GROUP_SIZE);
    expect(matrix?.[at("power-play")]?.[at("enemy-image")]).toBe(1);
    expect(matrix?.[at("enemy-image")]?.[at("power-play")]).toBe(1);
    expect(matrix?.[at("shared-ambition")]?.[at("power-play")]).toBe(0);
  });

  it(`withholds the co-occurrence below ${MIN_GROUP_SIZE} respondents`, async () => {
    const { created, challenges } = await votedArticleSession(MIN_GROUP_SIZE - 1);
    const report = (await (await get(created, "report")).json()) as Report;
    const q = report.questions.find((x) => x.question.id === challenges.id);
    expect(q?.results.respondents).toBe(MIN_GROUP_SIZE - 1);
    expect(q?.cooccurrence).toBeNull();
  });

  /** A floor command or question that must be acknowledged, so the report read after it holds it. */
  async function floorEmit(socket: ClientSocket, event: string, payload: unknown): Promise<Record<string, unknown>> {
    const ack = (await emitRaw(socket, event, payload)) as { ok: boolean; data?: Record<string, unknown>; error?: unknown };
    if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
    return ack.data ?? {};
  }
  const ask = async (socket: ClientSocket, text: string, name?: string) =>
    (await floorEmit(socket, "floor:ask", { text, ...(name ? { name } : {}) })).question as FloorQuestionView;

  it("lists every question from the floor, ranked with its votes, hidden and waiting ones flagged, and nobody's key", async () => {
    const { created, host } = await openSession(h, { title: "Vragen uit de zaal" });
    await floorEmit(host.socket, "floor:configure", { open: true, approval: true });
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => joinAsParticipant(h, created)));
    if (!a || !b || !c) throw new Error("three phones expected");
    const late = await ask(a.socket, "Gesteld als eerste, beantwoord als laatste", "An");
    const top = await ask(b.socket, "Wie trekt het netwerk?");
    const rude = await ask(c.socket, "Een vraag die niet op het scherm hoort");
    const waiting = await ask(c.socket, "Wat met de wachtlijsten?");
    for (const q of [late, top, rude]) await floorEmit(host.socket, "floor:approve", { floorId: q.id });
    // Three upvotes for the one answered later, two for the top one, one for the one hidden later.
    for (const [voter, q] of [[b, late], [c, late], [c, top], [a, top], [a, rude]] as const) await floorEmit(voter.socket, "floor:upvote", { floorId: q.id, up: true });
    await floorEmit(host.socket, "floor:hide", { floorId: rude.id });
    await floorEmit(host.socket, "floor:answer", { floorId: late.id, answered: true });

    const res = await get(created, "report");
    expect(res.status).toBe(200);
    const text = await res.text();
    const report = JSON.parse(text) as ReportData;
    const askedAt = expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(report.floor).toEqual([
      { id: top.id, text: "Wie trekt het netwerk?", name: null, votes: 2, status: "shown", answered: false, askedAt },
      { id: rude.id, text: "Een vraag die niet op het scherm hoort", name: null, votes: 1, status: "hidden", answered: false, askedAt },
      { id: waiting.id, text: "Wat met de wachtlijsten?", name: null, votes: 0, status: "pending", answered: false, askedAt },
      { id: late.id, text: "Gesteld als eerste, beantwoord als laatste", name: "An", votes: 2, status: "shown", answered: true, askedAt },
    ]);
    const keys = readDatabase(h.databasePath, (db) => db.prepare(`SELECT participant_key AS k FROM floor_questions WHERE session_id = ?`).all(created.id)) as { k: string }[];
    expect(keys).toHaveLength(4);
    for (const secret of [...keys.map((r) => r.k), a.participantId, b.participantId, c.participantId]) expect(text).not.toContain(secret);
  });

  it("has no floor when nobody asked a question from the floor", async () => {
    const { created, host } = await openSession(h, { title: "Stil" });
    await floorEmit(host.socket, "floor:configure", { open: true });
    const report = (await (await get(created, "report")).json()) as ReportData;
    expect(report.questions).toHaveLength(1);
    expect("floor" in report).toBe(false);
  });

  it("is refused without the host key", async () => {
    const { created } = await openSession(h);
    expect((await get(created, "report", "")).status).toBe(401);
    expect((await get(created, "report", created.screenKey)).status).toBe(403);
  });
});

describe("GET /api/sessions/{id}/summary", () => {
  it("gives the question list and the respondents of the busiest question", async () => {
    const { created, questions } = await votedArticleSession(2, "Samenvatting");
    const res = await get(created, "summary");
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { session: { id: string; title: string }; createdAt: string; questions: QuestionSummary[]; respondents: number };
    expect(summary.session).toMatchObject({ id: created.id, title: "Samenvatting", code: created.code });
    expect(new Date(summary.createdAt).getTime()).not.toBeNaN();
    expect(summary.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    expect(summary.questions[0]).toMatchObject({ respondents: 2, locked: true });
    expect(summary.respondents).toBe(2);
  });

  it("is refused without the host key or with another session's", async () => {
    const { created } = await openSession(h);
    const other = await h.createSession({ title: "Ander" });
    expect((await get(created, "summary", "")).status).toBe(401);
    expect((await get(created, "summary", other.hostKey)).status).toBe(403);
  });
});

describe("POST /api/sessions/{id}/duplicate", () => {
  function duplicate(created: CreatedSession, key = created.hostKey): Promise<Response> {
    return fetch(`${h.url}/api/sessions/${created.id}/duplicate`, { method: "POST", headers: key ? bearer(key) : {} });
  }

  it("makes a new session with the same questions in the same order, without any ballot, under new keys", async () => {
    const { created, host, challenges, sockets } = await votedArticleSession(2, "Origineel");
    await command(host.socket, "followup:create", { questionId: challenges.id, topN: 2 }, sockets);
    await addQuestion(host.socket, { kind: "open", prompt: "Nog iets?" }, sockets);
    const original = await facilitatorView(h, created);

    const res = await duplicate(created);
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CreatedSession;
    expect(copy.id).not.toBe(created.id);
    expect(copy.code).not.toBe(created.code);
    expect(copy.hostKey).not.toBe(created.hostKey);
    expect(copy.screenKey).not.toBe(created.screenKey);
    expect(copy.links.host).toContain(copy.id);

    const view = await facilitatorView(h, copy);
    expect(view.session).toMatchObject({ title: "Origineel (kopie)", language: "nl", code: copy.code });
    const shape = (qs: QuestionSummary[] | undefined) => (qs ?? []).map((q) => [q.kind, q.prompt, q.template]);
    expect(shape(view.questions)).toEqual(shape(original.questions));
    expect(view.questions?.map((q) => q.id)).not.toEqual(original.questions?.map((q) => q.id));
    for (const q of view.questions ?? []) expect(q).toMatchObject({ respondents: 0, locked: false, status: "open" });
    expect(view.results?.respondents).toBe(0);

    // The original is untouched.
    expect((await facilitatorView(h, created)).questions?.[0]?.respondents).toBe(2);
  });

  it("cannot be controlled with the original's host key", async () => {
    const { created } = await openSession(h, { title: "Sleutels" });
    const copy = (await (await duplicate(created)).json()) as CreatedSession;
    await expect(h.connectAs({ sessionId: copy.id, hostKey: created.hostKey })).rejects.toThrow(/^unauthorized/);
    expect((await get(copy, "export?format=json", created.hostKey)).status).toBe(403);
    expect((await get(copy, "export?format=json")).status).toBe(200);
  });

  it("is refused without the host key and makes no copy", async () => {
    const { created } = await openSession(h, { title: "Niet kopiëren" });
    expect((await duplicate(created, "")).status).toBe(401);
    expect((await duplicate(created, created.screenKey)).status).toBe(403);
    const get = await fetch(`${h.url}/api/sessions/${created.id}/duplicate`, { headers: bearer(created.hostKey) });
    expect(get.status).toBe(405);
  });
});

describe("POST /api/compare", () => {
  function compare(body: unknown): Promise<Response> {
    return fetch(`${h.url}/api/compare`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  type Comparison = {
    minGroupSize: number;
    options: string[];
    groups: { sessionId: string; title: string; respondents: number; shares: Record<string, number> | null; withheld?: string }[];
  };

  it("puts sessions side by side on the nine challenges, withholding a group below the threshold and one that did not ask", async () => {
    const big = await votedArticleSession(MIN_GROUP_SIZE, "Groot");
    const small = await votedArticleSession(MIN_GROUP_SIZE - 1, "Klein");
    const empty = await openSession(h, { title: "Zonder", template: "empty" });
    const sessions = [big, small, empty].map(({ created }) => ({ id: created.id, hostKey: created.hostKey }));

    const res = await compare({ sessions });
    expect(res.status).toBe(200);
    const comparison = (await res.json()) as Comparison;
    expect(comparison.minGroupSize).toBe(MIN_GROUP_SIZE);
    expect(comparison.options).toEqual(CHALLENGE_IDS);
    const [g1, g2, g3] = comparison.groups;
    expect(g1).toMatchObject({ sessionId: big.created.id, title: "Groot", respondents: MIN_GROUP_SIZE });
    expect(g1?.withheld).toBeUndefined();
    expect(g1?.shares).toMatchObject({ "power-play": 100, "enemy-image": 33, "shared-ambition": 0 });
    expect(g2).toMatchObject({ sessionId: small.created.id, respondents: MIN_GROUP_SIZE - 1, shares: null, withheld: "too_few_answers" });
    expect(g3).toMatchObject({ sessionId: empty.created.id, shares: null, withheld: "not_asked" });
  });

  it("answers CSV with n in each heading", async () => {
    const a = await votedArticleSession(MIN_GROUP_SIZE, "Gent");
    const b = await votedArticleSession(1, "Brugge");
    const res = await compare({ sessions: [a, b].map(({ created }) => ({ id: created.id, hostKey: created.hostKey })), format: "csv", language: "en" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(`option_id,option,Gent (n = ${MIN_GROUP_SIZE}),Brugge (n = 1)`);
    expect(lines).toContain("power-play,Power play,100,");
  });

  it("refuses a wrong host key for any session with 403 and gives nothing away", async () => {
    const a = await votedArticleSession(MIN_GROUP_SIZE, "Vertrouwelijk A");
    const b = await openSession(h, { title: "Vertrouwelijk B" });
    const res = await compare({
      sessions: [
        { id: a.created.id, hostKey: a.created.hostKey },
        { id: b.created.id, hostKey: a.created.hostKey },
      ],
    });
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    expect(text).not.toContain("Vertrouwelijk");
  });

  it.each([
    ["one session", (s: { id: string; hostKey: string }) => ({ sessions: [s] })],
    ["an unknown format", (s: { id: string; hostKey: string }) => ({ sessions: [s, s], format: "xlsx" })],
    ["an extra field", (s: { id: string; hostKey: string }) => ({ sessions: [s, s], minGroupSize: 1 })],
  ])("refuses %s with 400", async (_name, body) => {
    const { created } = await openSession(h);
    const res = await compare(body({ id: created.id, hostKey: created.hostKey }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_payload" } });
  });
});
