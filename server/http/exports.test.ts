/**
 * The export route's formats as a spreadsheet user meets them: the semicolon CSV, words of the session's language,
 * XLSX cells, and the questions from the floor, the action plan, the previous plan's review and the network's trend
 * in every format.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionView, CreatedMeasurement, CreatedSession, FloorQuestionView, PlanReview, ReportData } from "../../lib/protocol";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { addQuestion, command, emitRaw, joinAsParticipant, openSession, readDatabase } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { minGroupSize: 3 } });
});
afterAll(async () => h?.close());

function exportOf(created: CreatedSession, format: string): Promise<Response> {
  return fetch(`${h.url}/api/sessions/${created.id}/export?format=${format}`, { headers: { authorization: `Bearer ${created.hostKey}` } });
}

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type, which @types/node's generic Buffer does not match.
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/**
 * A Dutch nine-challenges session in which three phones voted (power-play by all, enemy-image by one), and
 * whose voting was then closed.
 */
async function votedAndClosed(title: string, language = "nl") {
  const { created, host, questionId } = await openSession(h, { title, language });
  const phones = await Promise.all([0, 1, 2].map(() => joinAsParticipant(h, created)));
  const counted = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && r.respondents === 3);
  for (const [i, phone] of phones.entries()) {
    const optionIds = i === 0 ? ["power-play", "enemy-image"] : ["power-play"];
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds })).ok).toBe(true);
  }
  await counted;
  await command(host.socket, "question:close", { questionId });
  return { created, host };
}

describe("GET /api/sessions/{id}/export?format=csv-semicolon", () => {
  // A Flemish or Dutch Excel opened the only CSV there was in one column: it expects semicolons and a decimal comma.
  it("is a .csv with semicolons and decimal commas beside the standard one, with the same cells", async () => {
    const { created } = await votedAndClosed("Puntkomma");
    const semicolonRes = await exportOf(created, "csv-semicolon");
    expect(semicolonRes.status).toBe(200);
    expect(semicolonRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(semicolonRes.headers.get("content-disposition")).toBe('attachment; filename="Puntkomma-semicolon.csv"');
    const semicolon = (await semicolonRes.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(semicolon).toContain("power-play;Machtsspel;3;1");
    expect(semicolon.find((l) => l.startsWith("enemy-image;"))).toMatch(/;1;0,333$/);

    const commaRes = await exportOf(created, "csv");
    expect(commaRes.headers.get("content-disposition")).toBe('attachment; filename="Puntkomma.csv"');
    const comma = (await commaRes.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(comma.find((l) => l.startsWith("enemy-image,"))).toMatch(/,1,0\.333$/);
    // Same rows, only the separators differ (the export time can differ by a minute between the two requests).
    const cells = (lines: string[], sep: string) => lines.slice(2).map((l) => l.split(sep).map((c) => c.replace(/^(\d+),(\d+)$/, "$1.$2")));
    expect(cells(semicolon, ";")).toEqual(cells(comma, ","));
  });

  it("writes status words, time and headings in the session's language", async () => {
    const { created } = await votedAndClosed("Taal", "fr");
    const lines = (await (await exportOf(created, "csv-semicolon")).text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Session;Taal");
    // e.g. "6 décembre 2026 à 14:05 UTC": a date in words, a time and its zone.
    expect(lines[1]).toMatch(/^Exporté le;\d{1,2} [a-zéû]+\.? \d{4} à \d\d:\d\d \S+$/);
    expect(lines).toContain("statut;clos");
    expect(lines).toContain("option_id;option;nombre;part_des_répondants");
  });

  it("names every format in its refusal of an unknown one", async () => {
    const { created } = await openSession(h, { title: "Formaat" });
    const res = await exportOf(created, "ods");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_payload", message: "format must be one of csv, csv-semicolon, json, xlsx" } });
  });

  it("is refused without the host key", async () => {
    const { created } = await openSession(h, { title: "Geheim" });
    const res = await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv-semicolon`, { headers: { authorization: `Bearer ${created.screenKey}` } });
    expect(res.status).toBe(403);
  });
});

describe("GET /api/sessions/{id}/export?format=xlsx as a spreadsheet shows it", () => {
  // Shares were bare fractions (0.333) in a General cell, and the status the protocol's "closed" in a Dutch workbook.
  it("has shares as numbers with a percent format, and the status and time in the session's language", async () => {
    const { created } = await votedAndClosed("Procent");
    const workbook = await workbookOf(await exportOf(created, "xlsx"));
    const [summary, sheet] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(summary.getCell("A5").value).toMatch(/^Welke samenwerkingsvraagstukken/);
    expect(summary.getCell("C5").value).toBe("gesloten");
    expect(summary.getCell("B2").value).toMatch(/^\d{1,2} [a-z]+ \d{4} om \d\d:\d\d \S+$/);

    const row = (id: string) => sheet.getRows(1, sheet.rowCount)?.find((r) => r.getCell(1).value === id);
    const enemy = row("enemy-image")?.getCell(4);
    expect(enemy?.type).toBe(ExcelJS.ValueType.Number);
    expect(enemy?.value).toBe(0.333);
    expect(enemy?.numFmt).toBe("0.0%");
    expect(row("power-play")?.getCell(4).value).toBe(1);
    expect(row("power-play")?.getCell(4).numFmt).toBe("0.0%");
    // The count beside it stays a plain number.
    expect(row("power-play")?.getCell(3).numFmt ?? "").not.toMatch(/%/);
  });

  // "1. Welke samenwerkingsvra": the sheet name was the prompt cut at 31 characters, mid-word.
  it("names sheets readably: a short name for the nine challenges, other prompts after a whole word", async () => {
    const { created, host } = await openSession(h, { title: "Bladnamen" });
    await addQuestion(host.socket, { kind: "open", prompt: "Bezint eer ge begint: hoe pak je deze opdracht het best aan?" });
    await addQuestion(host.socket, { kind: "open", prompt: "Wat neem je mee?" });
    const workbook = await workbookOf(await exportOf(created, "xlsx"));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Overzicht", "1. Samenwerkingsvraagstukken", "2. Bezint eer ge begint hoe…", "3. Wat neem je mee"]);
  });

  it("keeps text that a spreadsheet would run as typed text, exactly as written: no apostrophe, no formula", async () => {
    const { created, host } = await openSession(h, { title: "=1+1", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "single", prompt: "@vraag", options: ["-5 punten", "+ meer"] });
    await command(host.socket, "question:activate", { questionId: question.id });
    const phone = await joinAsParticipant(h, created);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId: question.id, optionIds: [question.options[0]?.id ?? ""] })).ok).toBe(true);
    const workbook = await workbookOf(await exportOf(created, "xlsx"));
    const texts: string[] = [];
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.type === ExcelJS.ValueType.String) texts.push(String(cell.value));
        }),
      );
    }
    expect(texts).toEqual(expect.arrayContaining(["=1+1", "@vraag", "-5 punten", "+ meer"]));
    expect(texts.filter((t) => t.startsWith("'"))).toEqual([]);
  });
});

type AckLike = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

/** A floor command or question that must be acknowledged: what the server stored is what the export then holds. */
async function floorEmit(socket: ClientSocket, event: string, payload: unknown): Promise<Record<string, unknown>> {
  const ack = (await emitRaw(socket, event, payload)) as AckLike;
  if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
  return ack.data ?? {};
}

async function ask(socket: ClientSocket, text: string, name?: string): Promise<FloorQuestionView> {
  return (await floorEmit(socket, "floor:ask", { text, ...(name ? { name } : {}) })).question as FloorQuestionView;
}

/**
 * A session with approval on, in which three phones asked four questions from the floor: a formula (named "An",
 * 2 upvotes), one answered after 2 upvotes, one upvoted once and then hidden, and one still waiting ("Bart").
 * The room's order: the formula, the hidden one, the waiting one, the answered one last.
 */
async function askedFromTheFloor(title: string, language = "nl") {
  const { created, host } = await openSession(h, { title, language });
  await floorEmit(host.socket, "floor:configure", { open: true, approval: true });
  const [a, b, c] = (await Promise.all([0, 1, 2].map(() => joinAsParticipant(h, created)))) as [Awaited<ReturnType<typeof joinAsParticipant>>, Awaited<ReturnType<typeof joinAsParticipant>>, Awaited<ReturnType<typeof joinAsParticipant>>];
  const formula = await ask(a.socket, '=HYPERLINK("https://evil.example","klik")', "An");
  const answered = await ask(b.socket, "Wie beslist, en wanneer?");
  const hidden = await ask(c.socket, "Een vraag die niet op het scherm hoort");
  const waiting = await ask(c.socket, "Wat met de wachtlijsten?", "Bart");
  for (const q of [formula, answered, hidden]) await floorEmit(host.socket, "floor:approve", { floorId: q.id });
  for (const [voter, q] of [[b, formula], [c, formula], [a, answered], [c, answered], [a, hidden]] as const) {
    await floorEmit(voter.socket, "floor:upvote", { floorId: q.id, up: true });
  }
  await floorEmit(host.socket, "floor:hide", { floorId: hidden.id });
  await floorEmit(host.socket, "floor:answer", { floorId: answered.id, answered: true });
  const participantKeys = readDatabase(h.databasePath, (db) =>
    db.prepare(`SELECT DISTINCT participant_key AS k FROM floor_questions WHERE session_id = ?`).all(created.id).map((r) => (r as { k: string }).k),
  );
  expect(participantKeys).toHaveLength(3);
  return { created, ids: { formula: formula.id, answered: answered.id, hidden: hidden.id, waiting: waiting.id }, secrets: [...participantKeys, a.participantId, b.participantId, c.participantId] };
}

const FLOOR_HEADINGS_NL = ["vraag", "naam", "steun", "status", "beantwoord", "gesteld_op"];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("questions from the floor in the exports", () => {
  it("are a section of the CSV, ranked, with votes, names, statuses in words and answered flags, the formula guarded", async () => {
    const { created, secrets } = await askedFromTheFloor("Vragen in CSV");
    for (const [format, sep] of [["csv", ","], ["csv-semicolon", ";"]] as const) {
      const text = await (await exportOf(created, format)).text();
      for (const secret of secrets) expect(text).not.toContain(secret);
      const lines = text.replace(/^\uFEFF/, "").split("\r\n");
      const title = lines.indexOf("Vragen uit de zaal");
      expect(title, format).toBeGreaterThan(2);
      expect(lines.slice(title + 1, title + 3)).toEqual(["", FLOOR_HEADINGS_NL.join(sep)]);
      // Each row without its last cell, the time it was asked, which is checked below.
      const rows = lines.slice(title + 3, -1).map((l) => l.slice(0, l.lastIndexOf(sep)));
      expect(rows).toEqual([
        // Quoted for its comma and quotes, and led by an apostrophe so no spreadsheet runs it.
        `"'=HYPERLINK(""https://evil.example"",""klik"")"${sep}An${sep}2${sep}getoond${sep}0`,
        `Een vraag die niet op het scherm hoort${sep}${sep}1${sep}verborgen${sep}0`,
        `Wat met de wachtlijsten?${sep}Bart${sep}0${sep}wacht op goedkeuring${sep}0`,
        `"Wie beslist, en wanneer?"${sep}${sep}2${sep}getoond${sep}1`,
      ]);
      for (const line of lines.slice(title + 3, -1)) expect(line.split(sep).at(-1)).toMatch(ISO);
      expect(lines.at(-1)).toBe("");
    }
  });

  it("are a top-level floor array of views in the JSON, ranked, hidden and waiting ones flagged", async () => {
    const { created, ids, secrets } = await askedFromTheFloor("Vragen in JSON");
    const text = await (await exportOf(created, "json")).text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const json = JSON.parse(text) as { floor: FloorQuestionView[] };
    expect(json.floor).toEqual([
      { id: ids.formula, text: '=HYPERLINK("https://evil.example","klik")', name: "An", votes: 2, status: "shown", answered: false, askedAt: expect.stringMatching(ISO) },
      { id: ids.hidden, text: "Een vraag die niet op het scherm hoort", name: null, votes: 1, status: "hidden", answered: false, askedAt: expect.stringMatching(ISO) },
      { id: ids.waiting, text: "Wat met de wachtlijsten?", name: "Bart", votes: 0, status: "pending", answered: false, askedAt: expect.stringMatching(ISO) },
      { id: ids.answered, text: "Wie beslist, en wanneer?", name: null, votes: 2, status: "shown", answered: true, askedAt: expect.stringMatching(ISO) },
    ]);
  });

  it("are a sheet of their own in the XLSX, the formula as typed text and never a formula", async () => {
    const { created, secrets } = await askedFromTheFloor("Vragen in XLSX", "en");
    const workbook = await workbookOf(await exportOf(created, "xlsx"));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "1. Collaboration challenges", "Questions from the floor"]);
    const sheet = workbook.getWorksheet("Questions from the floor") as ExcelJS.Worksheet;
    const rows = sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ["question", "name", "upvotes", "status", "answered"],
      ['=HYPERLINK("https://evil.example","klik")', "An", 2, "shown", 0],
      ["Een vraag die niet op het scherm hoort", "", 1, "hidden", 0],
      ["Wat met de wachtlijsten?", "Bart", 0, "waiting for approval", 0],
      ["Wie beslist, en wanneer?", "", 2, "shown", 1],
    ]);
    expect(rows[0]?.[5]).toBe("asked_at");
    for (const row of rows.slice(1)) expect(row[5]).toMatch(ISO);
    expect(sheet.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("C2").type).toBe(ExcelJS.ValueType.Number);
    // Its heading row is bold and stays in view while a long list scrolls.
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const cells: string[] = [];
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          cells.push(String(cell.value));
        }),
      );
    }
    for (const secret of secrets) expect(cells.join("\n")).not.toContain(secret);
  });

  it("add no section, sheet or key to a session where nobody asked one, even with the floor open", async () => {
    const { created, host } = await openSession(h, { title: "Stille zaal" });
    await floorEmit(host.socket, "floor:configure", { open: true });
    expect(await (await exportOf(created, "csv")).text()).not.toContain("Vragen uit de zaal");
    expect("floor" in ((await (await exportOf(created, "json")).json()) as object)).toBe(false);
    expect((await workbookOf(await exportOf(created, "xlsx"))).worksheets.map((s) => s.name)).toEqual(["Overzicht", "1. Samenwerkingsvraagstukken"]);
  });
});

const bearerJson = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

async function addPlanAction(created: CreatedSession, body: Record<string, unknown>): Promise<ActionView> {
  const res = await fetch(`${h.url}/api/sessions/${created.id}/actions`, { method: "POST", headers: bearerJson(created.hostKey), body: JSON.stringify(body) });
  expect(res.status, JSON.stringify(body)).toBe(201);
  return (await res.json()) as ActionView;
}

/** Three phones each cast one answer on the question, acknowledged. */
async function castThree(created: CreatedSession, questionId: string, answers: readonly string[][]): Promise<void> {
  const phones = await Promise.all(answers.map(() => joinAsParticipant(h, created)));
  for (const [i, optionIds] of answers.entries()) {
    expect((await phones[i]!.socket.emitWithAck("vote:cast", { questionId, optionIds })).ok).toBe(true);
  }
}

/**
 * A measurement (`language`) whose room chose power play, made a plan of two actions (one typed as a formula by its
 * owner's name), and a next measurement whose room said the first is done (3×) and left the second alone, and chose
 * power play less: its exports carry the review and the trend; the first one's carry the plan.
 */
async function plannedAndReviewed(title: string, language = "nl") {
  const first = await openSession(h, { title, language, template: "challenges" });
  await castThree(first.created, first.questionId, [["power-play", "enemy-image"], ["power-play"], ["power-play"]]);
  const visit = await addPlanAction(first.created, { text: "Samen op werkbezoek", about: "enemy-image", owner: "Sofie (OCMW)", due: "2027-03-15" });
  const formula = await addPlanAction(first.created, { text: '=HYPERLINK("https://evil.example","klik")', about: null, owner: "@Jan, An", due: "2027-02-01" });
  const res = await fetch(`${h.url}/api/sessions/${first.created.id}/measurements`, { method: "POST", headers: bearerJson(first.created.hostKey) });
  const next = (await res.json()) as CreatedMeasurement;
  const host = await h.connectAs({ sessionId: next.id, hostKey: next.hostKey });
  const [reviewVisit, , challenges] = (host.state.questions ?? []).map((q) => q.id) as [string, string, string];
  await castThree(next, reviewVisit, [["done"], ["done"], ["done"]]);
  await command(host.socket, "question:activate", { questionId: challenges });
  await castThree(next, challenges, [["power-play"], ["enemy-image"], ["shared-ambition"]]);
  return { first: first.created, next, actions: [visit, formula] };
}

describe("the action plan, its review and the trend in the exports", () => {
  it("are sections of both CSV dialects, the plan's challenge in words and its formula guarded, the review's verdicts and progress, the trend's shares and change", async () => {
    const { first, next } = await plannedAndReviewed("Plan in CSV");
    for (const [format, sep] of [["csv", ","], ["csv-semicolon", ";"]] as const) {
      const plan = (await (await exportOf(first, format)).text()).replace(/^\uFEFF/, "").split("\r\n");
      const at = plan.indexOf("Actieplan");
      expect(at, format).toBeGreaterThan(2);
      expect(plan.slice(at - 2, at + 6)).toEqual([
        "",
        "",
        "Actieplan",
        "",
        ["actie", "vraagstuk", "trekker", "tegen", "stippen"].join(sep),
        ["Samen op werkbezoek", "Vijandbeeld", "Sofie (OCMW)", "2027-03-15", ""].join(sep),
        // Quoted for its comma and quotes, and led by an apostrophe so no spreadsheet runs it.
        [`"'=HYPERLINK(""https://evil.example"",""klik"")"`, "", `"'@Jan, An"`, "2027-02-01", ""].join(sep),
        "",
      ]);
      // The first measurement reviewed nothing and has no earlier measurement to compare with... but it has a trend.
      expect(plan).not.toContain("Voortgang vorig actieplan");

      const reviewed = (await (await exportOf(next, format)).text()).replace(/^\uFEFF/, "").split("\r\n");
      expect(reviewed).not.toContain("Actieplan");
      const review = reviewed.indexOf("Voortgang vorig actieplan");
      expect(review, format).toBeGreaterThan(2);
      expect(reviewed.slice(review + 2, review + 4)).toEqual([
        ["Vraag", "Gedaan", "Onderweg", "Nog niet gestart", "respondenten", "oordeel"].join(sep),
        [`"Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?"`, 3, 0, 0, 3, "Gedaan"].join(sep),
      ]);
      expect(reviewed[review + 4]?.split(sep).slice(-2)).toEqual(["0", "nog geen antwoord"]);
      expect(reviewed.slice(review + 6, review + 9)).toEqual(["Voortgang", ["acties", "Gedaan", "Onderweg", "Nog niet gestart", "zonder oordeel"].join(sep), ["2", "1", "0", "0", "1"].join(sep)]);
      const trend = reviewed.findIndex((l) => l.startsWith("Verloop van het netwerk: "));
      expect(trend, format).toBeGreaterThan(review);
      expect(reviewed[trend + 2]).toMatch(new RegExp(`^optie_id${sep}optie${sep}Meting 1: Plan in CSV \\(n = 3\\)${sep}Meting 2: .+ \\(n = 3\\)${sep}Verschil meting 1 → 2 \\(procentpunt\\)$`));
      // Power play: all three the first time, one of three the second.
      expect(reviewed.slice(trend).find((l) => l.startsWith(`power-play${sep}`))).toBe(["power-play", "Machtsspel", 100, 33, -67].join(sep));
    }
  });

  it("are the report's plan, review and trend in the JSON, and absent from a session without them", async () => {
    const { first, next, actions } = await plannedAndReviewed("Plan in JSON");
    const plan = (await (await exportOf(first, "json")).json()) as { actions?: ActionView[]; planReview?: PlanReview; trend?: unknown };
    expect(plan.actions).toEqual(actions);
    expect(plan.actions?.[1]?.text).toBe('=HYPERLINK("https://evil.example","klik")');
    expect("planReview" in plan).toBe(false);
    const reviewed = (await (await exportOf(next, "json")).json()) as { actions?: ActionView[]; planReview?: PlanReview; trend?: unknown };
    const report = (await (await fetch(`${h.url}/api/sessions/${next.id}/report`, { headers: bearerJson(next.hostKey) })).json()) as ReportData;
    expect("actions" in reviewed).toBe(false);
    expect(reviewed.planReview).toEqual(report.planReview);
    expect(reviewed.planReview?.progress).toEqual({ total: 2, done: 1, underWay: 0, notStarted: 0, unreviewed: 1 });
    expect(reviewed.trend).toEqual(report.trend);
    const { created } = await openSession(h, { title: "Zonder plan" });
    const alone = (await (await exportOf(created, "json")).json()) as object;
    expect(["actions", "planReview", "trend"].filter((key) => key in alone)).toEqual([]);
  });

  it("are sheets of their own in the XLSX, typed cells in the session's language, the formula as text", async () => {
    const { first, next } = await plannedAndReviewed("Plan in XLSX", "en");
    const planBook = await workbookOf(await exportOf(first, "xlsx"));
    expect(planBook.worksheets.map((s) => s.name)).toEqual(["Summary", "1. Collaboration challenges", "Action plan", "The network over time"]);
    // An empty row is a hole in exceljs's sparse array: read it as an empty row.
    const values = (sheet: ExcelJS.Worksheet) => Array.from(sheet.getSheetValues().slice(1), (row) => (Array.isArray(row) ? row.slice(1) : []));
    const plan = planBook.getWorksheet("Action plan") as ExcelJS.Worksheet;
    expect(values(plan)).toEqual([
      ["action", "challenge", "owner", "due", "dots"],
      // No dots: neither came from a dot vote.
      ["Samen op werkbezoek", "Enemy image", "Sofie (OCMW)", "2027-03-15", ""],
      ['=HYPERLINK("https://evil.example","klik")', "", "@Jan, An", "2027-02-01", ""],
    ]);
    expect(plan.getCell("A3").type).toBe(ExcelJS.ValueType.String);

    const reviewBook = await workbookOf(await exportOf(next, "xlsx"));
    expect(reviewBook.worksheets.map((s) => s.name)).toEqual(["Summary", "1. Status – Samen op werkbezoek", '2. Status – =HYPERLINK("https…', "3. Collaboration challenges", "Progress of the previous plan", "The network over time"]);
    const review = values(reviewBook.getWorksheet("Progress of the previous plan") as ExcelJS.Worksheet);
    expect(review[0]).toEqual(["Question", "Done", "Under way", "Not started", "respondents", "verdict"]);
    expect(review[1]?.slice(1)).toEqual([3, 0, 0, 3, "Done"]);
    expect(review[2]?.slice(4)).toEqual([0, "no answers yet"]);
    expect(review.slice(-2)).toEqual([
      ["actions", "Done", "Under way", "Not started", "no verdict"],
      [2, 1, 0, 0, 1],
    ]);
    const trend = values(reviewBook.getWorksheet("The network over time") as ExcelJS.Worksheet);
    expect(trend[0]?.[0]).toBe("The network over time");
    expect(trend.find((row) => row[0] === "power-play")).toEqual(["power-play", "Power play", 100, 33, -67]);
    for (const ws of [...planBook.worksheets, ...reviewBook.worksheets]) {
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });
});
