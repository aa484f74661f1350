/** The split chart as the room sees it, at projector sizes, light and dark, and on the console; compared with committed baselines. */
import { expect, test } from "@playwright/test";
import { drawnSplit, sectorRoom } from "./groups-helpers";
import { local, noHorizontalScroll, SHOTS } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

const SIZES = [
  [1920, 1080],
  [1280, 720],
] as const;

for (const [width, height] of SIZES) {
  test(`the nine challenges split by sector on the screen at ${width}x${height}, light and dark`, async ({ browser, request, baseURL }) => {
    const room = await sectorRoom(baseURL ?? "", request, { title: "Lokaal gezondheidsoverleg", splitBy: "sector" });
    const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
    const screen = await context.newPage();
    await screen.goto(local(room.session.links.screen));
    await expect(screen.getByTestId("split-legend-item")).toHaveText(["Welzijn n = 6", "Overige samen n = 7"]);
    await expect(screen.getByTestId("qr-code")).toBeVisible();
    await noHorizontalScroll(screen);
    // Everything fits the window: both columns of nine bars, each with its figure, and the notes under them.
    const { columns } = await drawnSplit(screen);
    expect(columns.map((c) => c.length)).toEqual([9, 9]);
    const bottom = await screen.getByTestId("split-note").last().evaluate((el) => el.getBoundingClientRect().bottom);
    expect(bottom, "the last note inside the window").toBeLessThanOrEqual(height);
    const figures = await screen.locator(".split-bars__plot text.results-bar__value").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
    const thinnest = await screen.locator(".split-bars__plot .results-bar__track").evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().height)));
    expect(thinnest, "bar thickness").toBeGreaterThanOrEqual(height / 60);
    // Figures are as large as the labels (19 px at 720p, 28 px at 1080p) and never overlap one another.
    expect(Math.min(...figures.map((f) => f.height)), "figure height").toBeGreaterThanOrEqual(height / 45);
    for (const [i, a] of figures.entries()) {
      for (const b of figures.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, "two figures overlap").toBe(false);
      }
    }
    for (const theme of ["light", "dark"] as const) {
      if (theme === "dark") {
        await screen.keyboard.press("t");
        await expect(screen.locator("html")).toHaveAttribute("data-theme", "dark");
      }
      await calmScreen(screen);
      await expect(screen).toHaveScreenshot(`screen-split-${width}x${height}-${theme}.png`, { mask: joinMasks(screen) });
      if (width === 1920) await screen.screenshot({ path: `${SHOTS}/screen-split-${theme === "dark" ? "dark-" : ""}${width}x${height}.png` });
    }
    room.close();
    await context.close();
  });
}

test("the nine challenges split by role on the console at 1280x720", async ({ browser, request, baseURL }) => {
  const room = await sectorRoom(baseURL ?? "", request, { title: "Lokaal gezondheidsoverleg", splitBy: "role" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce", timezoneId: "Europe/Brussels" });
  const page = await context.newPage();
  await page.goto(local(room.session.links.host));
  await expect(page.getByTestId("split-legend-item")).toHaveText(["Deelnemer n = 8", "Netwerkmanager n = 5"]);
  await expect(page.getByTestId("qr-code")).toBeVisible();
  await expect(page.getByTestId("session-date")).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const changing = [page.getByTestId("join-code"), page.getByTestId("join-link"), page.getByTestId("qr-code"), page.getByTestId("session-date")];
  await expect(page).toHaveScreenshot("console-split-1280x720.png", { mask: changing });
  // The README's picture (UPDATE_DOCS=1 writes it to docs/), on a common laptop size.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/console-split.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  // The chart itself, scrolled into the panel's view.
  await page.getByTestId("split-chart").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("split-chart")).toHaveScreenshot("console-split-chart-1280x720.png");
  room.close();
  await context.close();
});
