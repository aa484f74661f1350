/** The report: a one-page summary, a chart-table per answered question, exports, print and screenshots. */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { SHOTS } from "./pages";
import { createSession, facilitator, rememberSessions, vote } from "./views-data";

/**
 * An article session (12 questions) in which 6 were answered: the approach (3), the nine challenges (6, so the
 * co-occurrence is shown), the role (5 participants) and the participants' first self-assessment (the same 5: a
 * question for one group, shown from 5 on), a ranking of three (one ballot ranks only one option) and an open
 * question (2). Six questions nobody answered.
 */
async function reportSession(request: APIRequestContext, baseURL: string): Promise<CreatedSession> {
  const session = await createSession(request, { title: "Studiedag jeugdhulp", template: "article" });
  const host = await facilitator(baseURL, session);
  const [, , challenges, role, scale] = host.questions;
  await vote(baseURL, session, [["alone"], ["network"], ["network"]], "approach");
  await host.activate(challenges?.id ?? "");
  await vote(
    baseURL,
    session,
    [["power-play", "enemy-image"], ["power-play", "enemy-image", "staff-instability"], ["power-play"], ["staff-instability", "under-organisation"], ["power-play", "under-organisation"], []],
    "challenges",
  );
  await host.activate(role?.id ?? "");
  await vote(baseURL, session, Array.from({ length: 5 }, () => ["participant"]), "participant");
  await host.activate(scale?.id ?? "");
  await vote(baseURL, session, [4, 5, 2, 4, 3], "participant");
  const ranking = await host.add({ kind: "ranking", prompt: "Wat pakken we eerst aan?", options: ["Mandaat", "Planning", "Budget"], maxChoices: 3 });
  await host.activate(ranking.id);
  const [mandate, planning, budget] = ranking.options.map((o) => o.id);
  await vote(baseURL, session, [[mandate ?? "", planning ?? "", budget ?? ""], [planning ?? ""]], "ranking");
  const open = await host.add({ kind: "open", prompt: "Wat neem je mee naar huis?" });
  await host.activate(open.id);
  await vote(baseURL, session, ["Meer overleg", "Een duidelijke trekker"], "open");
  host.close();
  return session;
}

let session: CreatedSession;
test.beforeAll(async ({ playwright, baseURL }) => {
  // One session for every test of this file (per worker): the report only reads it.
  const request = await playwright.request.newContext({ baseURL });
  session = await reportSession(request, baseURL ?? "");
  await request.dispose();
});

async function openReport(page: Page, language?: string) {
  await rememberSessions(page, [{ session, title: "Studiedag jeugdhulp" }], language);
  await page.goto(`/s/${session.id}/report`);
  await expect(page.getByTestId("report-summary")).toBeVisible();
}

const question = (page: Page, prompt: string | RegExp) => page.locator("section.report__question", { has: page.getByRole("heading", { level: 3, name: prompt }) });

// The report repeated every figure in a chart and a table, listed questions nobody answered in full, and had no summary.
test("starts with a summary of the answered questions, then one chart-table per question; unanswered ones are folded", async ({ page }) => {
  await openReport(page);
  const main = page.getByTestId("report");
  await expect(main.locator(":scope > section").first()).toHaveAttribute("data-testid", "report-summary");
  const summary = page.getByTestId("report-summary");
  await expect(summary.locator(".report__facts")).toContainText("Respondenten6 (bij de vraag met de meeste antwoorden)");
  await expect(summary.locator(".report__facts")).toContainText("Vragen6 van 12 beantwoord");
  const rows = summary.locator("tbody tr");
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(0)).toContainText("1. Bezint eer ge begint: hoe pak je deze opdracht het best aan?3In een netwerk van minstens drie partners: 67% (2)");
  // The three most chosen challenges, and every challenge tied with the third.
  await expect(rows.nth(1).locator("td").last()).toHaveText("Machtsspel: 67% (4) · Personele instabiliteit: 33% (2) · Onderorganisatie: 33% (2) · Vijandbeeld: 33% (2)");
  await expect(rows.nth(2).locator("td").last()).toHaveText("Deelnemer: 100% (5)");
  await expect(rows.nth(3).locator("td").last()).toHaveText("gemiddelde 3,6 op 1 tot 5");
  await expect(rows.nth(4).locator("td").last()).toHaveText("Planning: 5 · Mandaat: 3 · Budget: 1 (Bordapunten)");
  await expect(rows.nth(5).locator("td").last()).toHaveText("2 antwoorden");

  // One section per answered question, each with its figures once.
  await expect(page.locator("section.report__question")).toHaveCount(6);
  const challenges = question(page, /^3\. Welke samenwerkingsvraagstukken/);
  await expect(challenges.locator("table.bars")).toHaveCount(1);
  await expect(challenges.locator("table.bars tr", { hasText: "Machtsspel" })).toContainText("67% (4)");
  await expect(challenges.getByText("67% (4)", { exact: true })).toHaveCount(1);
  await expect(question(page, /^1\. Bezint/).locator("table")).toHaveCount(1);
  // The co-occurrence: power play and enemy image were picked together by 2 respondents.
  await expect(challenges.getByTestId("cooccurrence").locator("tbody tr", { hasText: "Machtsspel" }).locator("td").nth(6)).toHaveText("2");
  const self = question(page, /^5\. /);
  await expect(self.locator("table.bars").first().locator("tbody tr").first()).toContainText("1 · Doe ik nog niet");
  // The participants' self-assessment says whom it asked, and is split by role; no other question is, since
  // nobody who answered them gave a role.
  await expect(self.getByTestId("report-audience")).toHaveText("Alleen voor: Deelnemer");
  await expect(self.getByTestId("report-split-legend")).toHaveText("Deelnemer n = 5 · gem. 3,6");
  await expect(self.getByTestId("report-split-note")).toHaveText("Nog niemand uit: Netwerkmanager.");
  await expect(page.getByTestId("report-split")).toHaveCount(1);

  // Questions nobody answered: folded into one line at the end.
  const unanswered = page.getByTestId("unanswered");
  await expect(unanswered.locator("summary")).toHaveText("Niet beantwoord (6)");
  await expect(unanswered.getByText("2. Is de subsidie de belangrijkste reden om samen te werken?")).toBeHidden();
  await unanswered.locator("summary").click();
  await expect(unanswered.getByText("2. Is de subsidie de belangrijkste reden om samen te werken?")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^2\. Is de subsidie/ })).toHaveCount(0);
});

// The report said "whoever ranks 3 options gives the first 3 points" while a ballot that ranked one option also gave it 3.
test("explains Borda points as they are counted: k for the first of any ballot, where k is how many a ballot may rank", async ({ page }) => {
  await openReport(page);
  const ranking = question(page, "11. Wat pakken we eerst aan?");
  await expect(ranking.locator("p.hint")).toHaveText(
    "Bordapunten: een stembrief mag tot 3 opties rangschikken. De eerste krijgt 3 punten, de volgende 2, enzovoort, ook op een stembrief die er minder rangschikt. Hoe meer punten, hoe meer prioriteit.",
  );
  // Planning: 2 (second on the full ballot) + 3 (first and only on the other) = 5.
  const bars = ranking.locator("table.bars tbody tr");
  await expect(bars).toHaveText([/^Planning\s*5$/, /^Mandaat\s*3$/, /^Budget\s*1$/]);
  await expect(ranking.locator("thead")).toContainText("Bordapunten");
});

test("offers the semicolon CSV for Excel beside the standard CSV and the workbook, each saying what it is for", async ({ page }) => {
  await openReport(page);
  const exports = page.locator("#exports");
  await expect(exports.locator("li", { hasText: "CSV voor Excel (puntkomma)" })).toContainText("zo opent een Belgische, Nederlandse of Franse Excel het bestand meteen in kolommen");
  await expect(exports.locator("li", { hasText: "CSV (komma)" })).toContainText("voor R, Python, Google Sheets of een Engelstalige Excel");

  const download = async (testId: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
    return { name: file.suggestedFilename(), body: await readFile(await file.path()) };
  };
  const semicolon = await download("report-csv-semicolon");
  expect(semicolon.name).toBe("Studiedag-jeugdhulp-semicolon.csv");
  const semicolonLines = semicolon.body.toString("utf8").split("\r\n");
  expect(semicolonLines).toContain("power-play;Machtsspel;4;0,667");
  expect(semicolonLines).toContain("status;open");
  const comma = await download("report-csv");
  expect(comma.name).toBe("Studiedag-jeugdhulp.csv");
  expect(comma.body.toString("utf8").split("\r\n")).toContain("power-play,Machtsspel,4,0.667");

  const xlsx = await download("report-xlsx");
  const workbook = new ExcelJS.Workbook();
  // exceljs types predate Node 20's Buffer generics.
  await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((s) => s.name).slice(0, 4)).toEqual(["Overzicht", "1. Bezint eer ge begint hoe…", "2. Is de subsidie de…", "3. Samenwerkingsvraagstukken"]);
  const sheet = workbook.worksheets[3];
  const powerPlay = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.getCell(1).value === "power-play");
  expect([powerPlay?.getCell(3).value, powerPlay?.getCell(4).value, powerPlay?.getCell(4).numFmt]).toEqual([4, 0.667, "0.0%"]);

  // A chart for slides, as SVG and PNG.
  const challenges = question(page, /^3\. Welke/);
  const [svg] = await Promise.all([page.waitForEvent("download"), challenges.getByRole("button", { name: "Grafiek als SVG" }).click()]);
  expect(await readFile(await svg.path(), "utf8")).toContain(">Machtsspel</text>");
  const [png] = await Promise.all([page.waitForEvent("download"), challenges.getByRole("button", { name: "Grafiek als PNG" }).click()]);
  expect((await readFile(await png.path())).subarray(1, 4).toString()).toBe("PNG");
});

test("prints at a legible size on A4: the summary on a page of its own, no buttons", async ({ page }) => {
  // 180 mm of A4 between 15 mm margins, at 96 px per inch.
  await page.setViewportSize({ width: 680, height: 1009 });
  await openReport(page);
  await page.emulateMedia({ media: "print" });
  const sizes = await page.evaluate(() => {
    const px = (selector: string) => [...document.querySelectorAll(selector)].map((el) => parseFloat(getComputedStyle(el).fontSize));
    return { bars: Math.min(...px(".bars td, .bars th")), text: Math.min(...px(".report p, .report li")), overview: Math.min(...px(".report__overview td")) };
  });
  // 10 pt is 13.3 px: nothing that carries a figure or a sentence is smaller.
  expect(sizes.bars).toBeGreaterThanOrEqual(13.3);
  expect(sizes.overview).toBeGreaterThanOrEqual(13.3);
  expect(sizes.text).toBeGreaterThanOrEqual(13.3);
  const summary = await page.getByTestId("report-summary").evaluate((el) => ({ bottom: el.getBoundingClientRect().bottom, breakAfter: getComputedStyle(el).breakAfter }));
  expect(summary.breakAfter).toBe("page");
  expect(summary.bottom, "title and summary fit on the first A4 page").toBeLessThanOrEqual(1009);
  await expect(page.locator("button:visible")).toHaveCount(0);
  await expect(page.locator("#exports")).toBeHidden();

  const pdf = await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  // The summary, then the six answered questions (each kept whole), not the six nobody answered.
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(6);
});

for (const c of [
  { name: "report-1280x720", media: "screen" as const },
  { name: "report-print-1280x720", media: "print" as const },
]) {
  test(`screenshot ${c.name}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openReport(page);
    await page.emulateMedia({ media: c.media });
    // A line with a date is masked whole: the time of day changes the date's width and where the words after it fall.
    await expect(page).toHaveScreenshot(`${c.name}.png`, { fullPage: true, mask: [page.locator(":is(p, li, dd):has(> time)")] });
    // The README's picture (UPDATE_DOCS=1 writes it to docs/).
    if (c.media === "screen") await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
  });
}

for (const language of ["nl", "en", "fr"] as const) {
  test(`the report passes axe at WCAG 2.2 AA in ${language}`, async ({ page }) => {
    await openReport(page, language);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await page.getByTestId("unanswered").locator("summary").click();
    const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("below the privacy threshold the report withholds who picked what together", async ({ page, request, baseURL }) => {
  const small = await createSession(request, { title: "Lokaal gezondheidsoverleg" });
  await vote(baseURL ?? "", small, [["different-hats"], ["different-hats", "power-play"]]);
  await rememberSessions(page, [{ session: small, title: "Lokaal gezondheidsoverleg" }]);
  await page.goto(`/s/${small.id}/report`);
  await expect(page.getByTestId("too-few")).toHaveText("Te weinig antwoorden om te tonen (minder dan 5).");
  await expect(page.getByTestId("cooccurrence")).toHaveCount(0);
});

test("reads on a 390 px phone without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await openReport(page);
  // Measured as the phone has it: a too-wide page would widen the layout viewport and zoom out.
  const layout = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth, scale: window.visualViewport?.scale }));
  expect(layout).toEqual({ inner: 390, scroll: 390, scale: 1 });
  await context.close();
});
