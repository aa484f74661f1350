import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { SessionState } from "../lib/protocol";
import { ConsolePage, HomePage } from "./pages";

/** Votes cast by `n` phones simulated with socket.io clients (the phone UI is tested elsewhere). */
async function vote(baseURL: string, code: string, ballots: string[][]) {
  await Promise.all(
    ballots.map(async (optionIds, i) => {
      const socket = io(baseURL, { auth: { code, participantId: `report-${code}-${i}` }, transports: ["websocket"], forceNew: true });
      const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
      const ack = (await socket.emitWithAck("vote:cast", { questionId: state.question?.id ?? "", optionIds })) as { ok: boolean };
      expect(ack.ok).toBe(true);
      socket.disconnect();
    }),
  );
}

async function createInUi(page: Page, title: string): Promise<string> {
  const home = new HomePage(page);
  await home.goto();
  await home.createSession(title);
  return new ConsolePage(page).joinCode();
}

test("home lists my sessions; the report shows charts, tables and the co-occurrence heatmap; compare puts sessions side by side", async ({ page, baseURL }) => {
  const big = await createInUi(page, "Jeugdhulp Gent");
  await vote(baseURL ?? "", big, [
    ["power-play", "enemy-image"],
    ["power-play", "enemy-image", "staff-instability"],
    ["power-play"],
    ["staff-instability", "under-organisation"],
    ["power-play", "under-organisation"],
    [],
  ]);
  const small = await createInUi(page, "Lokaal gezondheidsoverleg");
  await vote(baseURL ?? "", small, [["different-hats"], ["different-hats", "power-play"]]);

  await page.goto("/");
  const list = page.getByTestId("my-sessions");
  await expect(list.locator("li")).toHaveCount(2);
  await expect(list.locator("li", { hasText: "Jeugdhulp Gent" })).toContainText("6 respondenten");
  await expect(list.locator("li", { hasText: "Lokaal gezondheidsoverleg" })).toContainText("2 respondenten");

  // Duplicate: a fresh session with the same questions and no votes.
  await list.locator("li", { hasText: "Lokaal gezondheidsoverleg" }).getByRole("button", { name: "Dupliceren" }).click();
  await expect(list.locator("li")).toHaveCount(3);
  await expect(list.locator("li", { hasText: "0 respondenten" })).toHaveCount(1);

  // Report of the big session.
  await list.locator("li", { hasText: "Jeugdhulp Gent" }).getByRole("link", { name: "Rapport" }).click();
  const report = page.getByTestId("report");
  await expect(report.getByRole("heading", { level: 1 })).toHaveText("Jeugdhulp Gent");
  await expect(report).toContainText("n = 6");
  await expect(report.locator("svg.report-chart")).toHaveCount(1);
  await expect(report.locator("tr", { hasText: "Machtsspel" }).first()).toContainText("67% (4)");
  const heatmap = page.getByTestId("cooccurrence");
  await expect(heatmap).toBeVisible();
  // Power play and enemy image were picked together by 2 respondents.
  const powerRow = heatmap.locator("tbody tr", { hasText: "Machtsspel" });
  await expect(powerRow.locator("td").nth(6)).toHaveText("2");
  await page.screenshot({ path: "test-results/screenshots/report.png", fullPage: true });

  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Grafiek als SVG" }).click()]);
  expect(await readFile(await svgDownload.path(), "utf8")).toContain("Machtsspel");
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Grafiek als PNG" }).click()]);
  const png = await readFile(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe("PNG");

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx").click()]);
  const workbook = new ExcelJS.Workbook();
  // exceljs types predate Node 20's Buffer generics.
  await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.length).toBe(2);
  const sheet = workbook.worksheets[1];
  const powerPlay = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.getCell(1).value === "power-play");
  expect(powerPlay?.getCell(3).value).toBe(4);

  // The small session is below the privacy threshold (5): no breakdown.
  await page.goto("/");
  await page.getByTestId("my-sessions").locator("li", { hasText: "Lokaal gezondheidsoverleg" }).first().getByRole("link", { name: "Rapport" }).click();
  await expect(page.getByTestId("too-few")).toHaveText(/Te weinig antwoorden/);
  await expect(page.getByTestId("cooccurrence")).toHaveCount(0);

  // Compare the two sessions.
  await page.goto("/compare");
  await page.getByLabel(/Jeugdhulp Gent/).check();
  await page.getByLabel(/Lokaal gezondheidsoverleg/).first().check();
  await page.getByRole("button", { name: "Vergelijken" }).click();
  await expect(page.locator("th", { hasText: "Jeugdhulp Gent (n = 6)" })).toBeVisible();
  await expect(page.getByTestId("withheld")).toContainText("Te weinig antwoorden");
  await page.screenshot({ path: "test-results/screenshots/compare.png", fullPage: true });
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("compare-csv").click()]);
  const lines = (await readFile(await csv.path(), "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toContain("Jeugdhulp Gent (n = 6)");
  expect(lines.find((l) => l.startsWith("power-play,"))).toMatch(/^power-play,Machtsspel,67,$/);
});
