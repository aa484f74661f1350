/** What the projector shows, at the sizes projectors have, light and dark, compared with committed baselines. */
import { expect, test } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { fillRoom, local, noHorizontalScroll, SHOTS } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

const SIZES = [
  [1920, 1080],
  [1280, 720],
] as const;

for (const [width, height] of SIZES) {
  for (const theme of ["light", "dark"] as const) {
    test(`the nine challenges on the screen at ${width}x${height}, ${theme}`, async ({ browser, request, baseURL }) => {
      const session = (await (await request.post("/api/sessions", { data: { title: "Lokaal gezondheidsoverleg" } })).json()) as CreatedSession;
      await fillRoom(baseURL ?? "", session);
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
      const screen = await context.newPage();
      await screen.goto(local(session.links.screen));
      await expect(screen.getByTestId("respondents")).toHaveText("n = 37");
      await expect(screen.getByTestId("qr-code")).toBeVisible();
      if (theme === "dark") {
        await screen.keyboard.press("t");
        await expect(screen.locator("html")).toHaveAttribute("data-theme", "dark");
      }
      await noHorizontalScroll(screen);
      // The whole chart fits the window: nine bars, the lowest above the bottom edge, none squashed.
      const bars = () =>
        screen.locator(".results-bar__fill").evaluateAll((els) => {
          const boxes = els.map((e) => e.getBoundingClientRect());
          return { count: boxes.length, bottom: Math.max(...boxes.map((b) => b.bottom)), thinnest: Math.min(...boxes.map((b) => b.height)) };
        });
      await expect.poll(async () => (await bars()).count).toBe(9);
      const { bottom, thinnest } = await bars();
      expect(bottom, "lowest bar inside the window").toBeLessThanOrEqual(height);
      expect(thinnest, "bar thickness").toBeGreaterThanOrEqual(height / 60);
      await calmScreen(screen);
      await expect(screen).toHaveScreenshot(`screen-${width}x${height}-${theme}.png`, { mask: joinMasks(screen) });
      // The README's pictures, with a real join code.
      if (theme === "light" || width === 1920) await screen.screenshot({ path: `${SHOTS}/screen-${theme === "dark" ? "dark-" : ""}${width}x${height}.png` });
      await context.close();
    });
  }
}
