/** Comparing sessions: what is shown is what is exported, and the privacy threshold is explained. */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { REPORT_MESSAGES } from "../lib/messages/report";
import type { CreatedSession } from "../lib/protocol";
import { SHOTS } from "./pages";
import { createSession, facilitator, rememberSessions, vote } from "./views-data";

/** Two sessions above the threshold (5), one below it, one that did not ask the nine challenges. */
async function fourSessions(request: APIRequestContext, baseURL: string) {
  const [gent, brugge, lokaal, welzijn] = await Promise.all([
    createSession(request, { title: "Jeugdhulp Gent" }),
    createSession(request, { title: "Jeugdhulp Brugge" }),
    createSession(request, { title: "Lokaal gezondheidsoverleg" }),
    createSession(request, { title: "Welzijnsraad", template: "empty" }),
  ]);
  await Promise.all([
    vote(baseURL, gent, [["power-play", "enemy-image"], ["power-play"], ["power-play", "staff-instability"], ["power-play"], ["under-organisation"], []]),
    vote(baseURL, brugge, [["power-play"], ["power-play", "different-hats"], ["different-hats"], ["shared-ambition"], ["power-play", "shared-ambition", "different-hats"]]),
    vote(baseURL, lokaal, [["different-hats"], ["different-hats", "power-play"]]),
  ]);
  const list = [
    { session: welzijn, title: "Welzijnsraad" },
    { session: lokaal, title: "Lokaal gezondheidsoverleg" },
    { session: brugge, title: "Jeugdhulp Brugge" },
    { session: gent, title: "Jeugdhulp Gent" },
  ];
  return list as { session: CreatedSession; title: string }[];
}

let sessions: { session: CreatedSession; title: string }[];
test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  sessions = await fourSessions(request, baseURL ?? "");
  await request.dispose();
});

async function compareThree(page: Page, language?: string) {
  await rememberSessions(page, sessions, language);
  await page.goto("/compare");
  // The picker shows the server's figures: respondents on the nine challenges, or that the session did not ask them.
  await expect(page.locator(".compare__pick li", { hasText: "Jeugdhulp Gent" })).toContainText(/6 (respondenten|respondents|répondants)/);
  const m = REPORT_MESSAGES[(language ?? "nl") as "nl"];
  await expect(page.locator(".compare__pick li", { hasText: "Welzijnsraad" })).toContainText(m.notAsked);
  for (const title of ["Jeugdhulp Gent", "Jeugdhulp Brugge", "Lokaal gezondheidsoverleg"]) await page.getByRole("checkbox", { name: new RegExp(title) }).check();
  await page.getByRole("button", { name: m.compareRun, exact: true }).click();
  await expect(page.locator(".compare__table tbody tr")).toHaveCount(9);
}

/** The comparison table as drawn: heading cells, then each challenge's row. */
async function tableOnScreen(page: Page): Promise<string[][]> {
  return page.locator(".compare__table tr").evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));
}

// The CSV export sent the sessions ticked now instead of the comparison shown: with one left ticked it got a 400 and did nothing.
test("exports the comparison on the page, in both CSV dialects, whatever is ticked afterwards", async ({ page }) => {
  await compareThree(page);
  const shown = await tableOnScreen(page);
  expect(shown[0]).toEqual(["Aandeel van de respondenten dat het vraagstuk herkent", "Jeugdhulp Gent (n = 6)", "Jeugdhulp Brugge (n = 5)", "Lokaal gezondheidsoverleg (n = 2)"]);
  expect(shown.find((row) => row[0] === "Machtsspel")).toEqual(["Machtsspel", "67%", "60%", "–"]);

  // Untick two: one session stays ticked, which is no comparison at all.
  await page.getByRole("checkbox", { name: /Jeugdhulp Brugge/ }).uncheck();
  await page.getByRole("checkbox", { name: /Lokaal gezondheidsoverleg/ }).uncheck();

  const download = async (testId: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
    const text = await readFile(await file.path(), "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    return { name: file.suggestedFilename(), rows: text.slice(1).split("\r\n").filter(Boolean) };
  };
  const semicolon = await download("compare-csv-semicolon");
  expect(semicolon.name).toBe("tafelronde-compare-semicolon.csv");
  expect(semicolon.rows[0]).toBe("optie_id;optie;Jeugdhulp Gent (n = 6);Jeugdhulp Brugge (n = 5);Lokaal gezondheidsoverleg (n = 2)");
  // Every row holds the figures of the table on the page, the withheld session empty.
  const asOnScreen = shown.slice(1).map((row) => [row[0], ...row.slice(1).map((cell) => cell.replace(/%$/, "").replace("–", ""))]);
  expect(semicolon.rows.slice(1).map((row) => row.split(";").slice(1))).toEqual(asOnScreen);
  const comma = await download("compare-csv");
  expect(comma.name).toBe("tafelronde-compare.csv");
  expect(comma.rows.slice(1).map((row) => row.split(",").slice(1))).toEqual(asOnScreen);
  expect(comma.rows).toContain("power-play,Machtsspel,67,60,");
});

test("says how the privacy threshold works and why a session is not shown", async ({ page }) => {
  await compareThree(page);
  const privacy = page.getByTestId("privacy-threshold");
  await expect(privacy.locator("p")).toHaveText(
    "Privacydrempel: een sessie met minder dan 5 respondenten op de negen vraagstukken tonen we niet, ook niet in de export. In zo'n kleine groep zou je uit de aandelen kunnen afleiden wie wat aanduidde.",
  );
  await expect(page.getByTestId("withheld")).toHaveText(["Lokaal gezondheidsoverleg: 2 respondenten, minder dan 5: niet getoond"]);
  // The chart draws only the sessions that are shown.
  await expect(page.locator(".recharts-legend-item-text")).toHaveText(["Jeugdhulp Gent (n = 6)", "Jeugdhulp Brugge (n = 5)"]);
});

test("screenshot compare-1280x720", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await compareThree(page);
  // Each session's line is masked from its date on: the time of day it was made changes the width of the date,
  // and with it where the words after it fall (the respondents are in the table below).
  await expect(page).toHaveScreenshot("compare-1280x720.png", { fullPage: true, mask: [page.locator(".compare__pick .hint")] });
  // The README's picture (UPDATE_DOCS=1 writes it to docs/).
  await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });
});

for (const language of ["nl", "en", "fr"] as const) {
  test(`compare passes axe at WCAG 2.2 AA in ${language}`, async ({ page }) => {
    await compareThree(page, language);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

/** A session whose phones first answer a sector question (grouping), then the nine challenges with the same phones. */
async function sectorSession(request: APIRequestContext, baseURL: string, title: string, sectors: string[], picks: string[][]) {
  const session = await createSession(request, { title });
  const host = await facilitator(baseURL, session);
  const challenges = host.state.question?.id ?? "";
  const sector = await host.add({ kind: "single", prompt: "Vanuit welke sector kom je?", options: ["Welzijn", "Zorg", "Lokaal bestuur"], grouping: true });
  await host.activate(sector.id);
  await vote(baseURL, session, sectors.map((label) => [sector.options.find((o) => o.label === label)?.id ?? label]), "sector");
  await host.activate(challenges);
  await vote(baseURL, session, sectors.map((_, i) => picks[i % picks.length] ?? []), "sector");
  host.close();
  return { session, title };
}

test("compares per group as well on a 320 px phone, with small groups only together and the same figures in the CSV", async ({ browser, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const pair = [
    await sectorSession(request, baseURL ?? "", "Netwerk Aalst", [...Array<string>(5).fill("Welzijn"), ...Array<string>(5).fill("Zorg")], [["power-play"], ["enemy-image"]]),
    await sectorSession(request, baseURL ?? "", "Netwerk Lier", [...Array<string>(5).fill("Zorg"), "Lokaal bestuur", "Lokaal bestuur"], [["power-play"]]),
  ];
  await request.dispose();
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await rememberSessions(page, pair);
  await page.goto("/compare");
  const m = REPORT_MESSAGES.nl;
  for (const { title } of pair) await page.getByRole("checkbox", { name: new RegExp(title) }).check();
  await page.getByLabel(m.compareGroupBy).selectOption({ label: "Vanuit welke sector kom je?" });
  await page.getByRole("button", { name: m.compareRun, exact: true }).click();
  const byGroup = page.getByTestId("compare-by-group");
  // Aalst shows both sectors. In Lier only Zorg is large enough: apart, it would give away the two from local government.
  await expect(byGroup.locator("thead th")).toHaveText([/herkent$/, "Netwerk Aalst · Welzijn (n = 5)", "Netwerk Aalst · Zorg (n = 5)"]);
  await expect(byGroup.getByTestId("compare-withheld-groups")).toHaveText(["Netwerk Lier: niet apart getoond: Zorg, Lokaal bestuur."]);
  const cells = async (challenge: string) => byGroup.locator("tr", { hasText: challenge }).locator("td").allInnerTexts();
  expect(await cells("Machtsspel")).toEqual(["60%", "40%"]);
  expect(await cells("Vijandbeeld")).toEqual(["40%", "60%"]);
  // Measured as the phone has it: a too-wide page would widen the layout viewport and zoom out.
  const layout = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth, scale: window.visualViewport?.scale }));
  expect(layout).toEqual({ inner: 320, scroll: 320, scale: 1 });
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("compare-csv").click()]);
  const csv = await readFile(await file.path(), "utf8");
  // The CSV holds the sessions and the groups shown, nothing of Lier's sectors.
  const lines = csv.slice(1).split("\r\n");
  expect(lines[0]).toBe("optie_id,optie,Netwerk Aalst (n = 10),Netwerk Aalst · Welzijn (n = 5),Netwerk Aalst · Zorg (n = 5),Netwerk Lier (n = 7)");
  expect(lines).toContain("power-play,Machtsspel,50,60,40,100");
  await context.close();
});

