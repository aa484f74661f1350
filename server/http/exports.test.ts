/** The export route's formats as a spreadsheet user meets them: the semicolon CSV, words of the session's language, XLSX cells. */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../lib/protocol";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { addQuestion, command, joinAsParticipant, openSession } from "../testing/helpers";

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
