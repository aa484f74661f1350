/** The report's groups: every question split by every grouping question, small groups protected, withheld questions said so. */
import { expect, test, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { PEOPLE, sectorRoom } from "./groups-helpers";
import { SHOTS } from "./pages";
import { rememberSessions } from "./views-data";

let session: CreatedSession;
test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const room = await sectorRoom(baseURL ?? "", request, { title: "Rapport per groep" });
  // Three of the five network managers answer their first self-assessment: too few to show.
  const mandate = room.host.byTemplate("check3-manager-mandate");
  await room.host.activate(mandate);
  const managers = PEOPLE.flatMap((p, i) => (p.role === "network-manager" ? [room.phones[i]] : [])).slice(0, 3);
  await Promise.all(managers.map((m) => m?.vote(mandate, { value: 4 })));
  session = room.session;
  room.close();
  await request.dispose();
});

async function openReport(page: Page) {
  await rememberSessions(page, [{ session, title: "Rapport per groep" }]);
  await page.goto(`/s/${session.id}/report`);
  await expect(page.getByTestId("report-summary")).toBeVisible();
}

const question = (page: Page, prompt: RegExp) => page.locator("section.report__question", { has: page.getByRole("heading", { level: 3, name: prompt }) });

test("the report splits the nine challenges by role and by sector, with the legend, the figures and why a group is not shown", async ({ page }) => {
  await openReport(page);
  const challenges = question(page, /^3\. Welke samenwerkingsvraagstukken/);
  const splits = challenges.getByTestId("report-split");
  await expect(splits.locator("h4")).toHaveText(["Per groep: Welke rol speel je zelf in het netwerk?", "Per groep: Vanuit welke sector kom je?"]);

  const byRole = splits.nth(0);
  await expect(byRole.getByTestId("report-split-legend").locator("li")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5"]);
  await expect(byRole.locator('tbody[data-row-id="under-organisation"] tr')).toHaveText([/^Onderorganisatie\s*Deelnemer\s*0% \(0\)$/, /^Netwerkmanager\s*80% \(4\)$/]);
  await expect(byRole.getByTestId("report-split-note")).toHaveCount(0);

  const bySector = splits.nth(1);
  await expect(bySector.getByTestId("report-split-legend").locator("li")).toHaveText(["Welzijn n = 6", "Overige samen n = 7"]);
  await expect(bySector.locator('tbody[data-row-id="power-play"] tr')).toHaveText([/^Machtsspel\s*Welzijn\s*67% \(4\)$/, /^Overige samen\s*14% \(1\)$/]);
  await expect(bySector.getByTestId("report-split-note")).toHaveText([
    "Samen in ‘Overige samen’: Zorg en Lokaal bestuur. Een groep met minder dan 5 respondenten tonen we nooit apart, ook niet zo dat je ze uit de andere kan terugrekenen.",
    "Nog niemand uit: Andere.",
  ]);
  // The small groups are named in the note only: no row, no legend entry, no size of their own.
  await expect(bySector.locator("table")).not.toContainText(/Zorg|Lokaal bestuur/);
  await expect(bySector.getByTestId("report-split-legend")).not.toContainText(/Zorg|Lokaal bestuur|n = 2\b|n = 5\b/);

  // The grouping questions are split by each other, never by themselves.
  await expect(question(page, /^4\. /).getByTestId("report-split").locator("h4")).toHaveText(["Per groep: Vanuit welke sector kom je?"]);
  await expect(question(page, /^11\. /).getByTestId("report-split").locator("h4")).toHaveText(["Per groep: Welke rol speel je zelf in het netwerk?"]);
});

test("a question of one group below the threshold says so instead of showing numbers, in the summary and its section", async ({ page }) => {
  await openReport(page);
  const mandate = question(page, /^8\. Als netwerkmanager/);
  await expect(mandate.getByTestId("report-audience")).toHaveText("Alleen voor: Netwerkmanager");
  await expect(mandate.getByTestId("report-withheld").locator("p")).toHaveText([
    "Te weinig antwoorden om te tonen",
    "3 van de minstens 5 antwoorden die nodig zijn. Zo blijft het antwoord van wie in een kleine groep zit anoniem.",
  ]);
  await expect(mandate.locator("table")).toHaveCount(0);
  await expect(mandate.getByTestId("report-split")).toHaveCount(0);
  await expect(page.getByTestId("report-summary").locator("tbody tr", { hasText: /^8\. / }).locator("td").last()).toHaveText("Te weinig antwoorden om te tonen");
});

test("the splits print at a legible size, in black and white as in colour: every group named beside its bar", async ({ page }) => {
  await page.setViewportSize({ width: 680, height: 1009 });
  await openReport(page);
  await page.emulateMedia({ media: "print" });
  const sizes = await page.locator(".report-split td, .report-split th, .report-split li, .report-split p").evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  // 10 pt is 13.3 px.
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(13.3);
  // Each bar's row names its group in text, not only by colour.
  const rows = await page.locator(".report-split tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelector(".report-split__group")?.textContent ?? ""));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((g) => g.trim() === "")).toEqual([]);
  // The README's picture of a split in the report (UPDATE_DOCS=1 writes it to docs/).
  await question(page, /^3\. Welke samenwerkingsvraagstukken/).getByTestId("report-split").nth(1).screenshot({ path: `${SHOTS}/report-split.png` });
});
