/** What the projector shows, at the sizes projectors have. */
import { expect, test } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { fillRoom, local, noHorizontalScroll, SHOTS } from "./pages";

test("screen view at 1920x1080 and 1280x720, light and dark", async ({ browser, request, baseURL }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "Lokaal gezondheidsoverleg" } })).json()) as CreatedSession;
  await fillRoom(baseURL ?? "", session);
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
    const screen = await context.newPage();
    await screen.goto(local(session.links.screen));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 37");
    await expect(screen.getByTestId("qr-code")).toBeVisible();
    await noHorizontalScroll(screen);
    // The whole chart fits the window: nine bars, the last one above the bottom edge, none squashed.
    const bars = screen.locator(".recharts-bar-rectangle");
    await expect(bars).toHaveCount(9);
    const last = await bars.nth(8).boundingBox();
    expect((last?.y ?? Infinity) + (last?.height ?? 0), "last bar inside the window").toBeLessThanOrEqual(height);
    expect(last?.height ?? 0, "bar thickness").toBeGreaterThanOrEqual(height / 60);
    await screen.screenshot({ path: `${SHOTS}/screen-${width}x${height}.png` });
    if (width === 1920) {
      await screen.keyboard.press("t");
      await expect(screen.locator("html")).toHaveAttribute("data-theme", "dark");
      await screen.screenshot({ path: `${SHOTS}/screen-dark-${width}x${height}.png` });
      await screen.keyboard.press("j");
      await expect(screen.getByTestId("qr-code")).toHaveCount(0);
      await screen.keyboard.press("l");
      await expect(screen.getByTestId("results-table")).toContainText("Machtsspel · Power play");
    }
    await context.close();
  }
});
