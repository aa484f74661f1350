/**
 * A network over time in the browser: "new measurement" on the console opens the next measurement's console, and the
 * trend page shows the nine challenges at each measurement, the threshold and the change, on a laptop and a phone.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { REPORT_MESSAGES } from "../lib/messages/report";
import type { CreatedMeasurement, CreatedSession } from "../lib/protocol";
import { local } from "./pages";
import { createSession, rememberSessions, vote } from "./views-data";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function axeProblems(page: Page, where: string): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const keys = Object.keys(REPORT_MESSAGES.nl).filter((key) => key.startsWith("trend") && text.includes(key)).map((key) => `${where}: untranslated key ${key}`);
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze();
  return [...keys, ...result.violations.map((v) => `${where}: ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)];
}

test("the console makes the next measurement, and the trend shows each measurement with its n and the change", async ({ page, request, baseURL }) => {
  const first = await createSession(request, { title: "Lokaal gezondheidsoverleg Gent" });
  await rememberSessions(page, [{ session: first, title: "Lokaal gezondheidsoverleg Gent" }]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(local(first.links.host));
  await page.getByTestId("new-measurement").click();
  // The next measurement's console opens in its place: its own title, numbered, with the same question.
  await expect(page.getByTestId("session-title")).toHaveText("Lokaal gezondheidsoverleg Gent · meting 2");
  await expect(page.getByTestId("measurement-of")).toHaveText("Meting 2 van een netwerk");
  await expect(page.getByTestId("active-prompt")).toHaveText("Welke samenwerkingsvraagstukken herken je in je eigen samenwerking?");
  const secondId = /\/s\/([^/]+)\/host/.exec(page.url())?.[1] ?? "";
  const second = { id: secondId, code: "", hostKey: await page.evaluate((id) => localStorage.getItem(`tafelronde:host-key:${id}`) ?? "", secondId) } as CreatedSession;
  const res = await request.post(`/api/sessions/${first.id}/measurements`, { headers: { authorization: `Bearer ${first.hostKey}` } });
  const third = (await res.json()) as CreatedMeasurement;
  expect(third.measurement).toBe(3);

  // Six answer at the first measurement, three at the second (below the threshold), five at the third.
  const summary = await request.get(`/api/sessions/${second.id}/summary`, { headers: { authorization: `Bearer ${second.hostKey}` } });
  second.code = ((await summary.json()) as { session: { code: string } }).session.code;
  await vote(baseURL ?? "", first, [["power-play"], ["power-play"], ["power-play", "enemy-image"], ["enemy-image"], [], ["power-play"]], "m1");
  await vote(baseURL ?? "", second, [["power-play"], ["power-play"], ["enemy-image"]], "m2");
  await vote(baseURL ?? "", third, [["power-play"], ["enemy-image"], ["enemy-image"], [], ["different-hats"]], "m3");

  const [trendPage] = await Promise.all([page.context().waitForEvent("page"), page.getByTestId("trend-link").click()]);
  await trendPage.setViewportSize({ width: 1280, height: 720 });
  await expect(trendPage.getByRole("heading", { level: 1 })).toHaveText("Lokaal gezondheidsoverleg Gent");
  const header = trendPage.locator("thead th");
  await expect(header).toHaveText(["Aandeel van de respondenten dat het vraagstuk herkent", "Meting 1 (n = 6)", "Meting 2 (n = 3)", "Meting 3 (n = 5)", "Verschil meting 1 → 3"]);
  const row = trendPage.locator("tbody tr", { has: trendPage.getByRole("rowheader", { name: "Machtsspel" }) });
  await expect(row.locator("td")).toHaveText(["67%", "–", "20%", "−47 pp"]);
  await expect(trendPage.getByTestId("withheld")).toHaveText("Meting 2: 3 respondenten, minder dan 5: niet getoond");
  const problems = await axeProblems(trendPage, "trend 1280");
  await trendPage.setViewportSize({ width: 320, height: 640 });
  // The chart follows the new width once its ResizeObserver has fired: until then it is as wide as the laptop's.
  await expect.poll(() => trendPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: "sideways scrolling at 320 px" }).toBeLessThanOrEqual(0);
  for (const language of ["en", "fr"] as const) {
    await trendPage.getByRole("button", { name: language === "en" ? "English" : "Français" }).click();
    await expect(trendPage.locator("html")).toHaveAttribute("lang", language);
    problems.push(...(await axeProblems(trendPage, `trend ${language}`)));
  }
  expect(problems).toEqual([]);
  await trendPage.getByRole("button", { name: "Nederlands" }).click();
  await expect(trendPage.locator("html")).toHaveAttribute("lang", "nl");
  // The first measurement's report (in Dutch again) carries the trend too.
  const report = await page.context().newPage();
  await report.goto(`/s/${first.id}/report`);
  const reportTrend = report.getByTestId("report-trend");
  await expect(reportTrend.locator("tbody tr", { has: report.getByRole("rowheader", { name: "Machtsspel" }) }).locator("td")).toHaveText(["67%", "–", "20%", "−47 pp"]);
  await report.close();
  await trendPage.setViewportSize({ width: 1280, height: 720 });
  await trendPage.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(trendPage).toHaveScreenshot("trend-1280x720.png", { fullPage: true });
});
