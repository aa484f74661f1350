import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { CreatedSession, SessionState } from "../lib/protocol";
import { CHALLENGE_IDS } from "./pages";

/** Screenshots land in test-results/screenshots (a CI artifact); UPDATE_DOCS=1 writes the README's copies. */
const SHOTS = process.env.UPDATE_DOCS ? "docs" : "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

/** A room of 37, with shares in the spirit of figure 1 of the article (illustrative figures). */
const ROOM: Record<string, number> = {
  "shared-ambition": 14,
  "fading-perspective": 11,
  "staff-instability": 22,
  "pseudo-collaboration": 9,
  "under-organisation": 24,
  "power-play": 12,
  "enemy-image": 8,
  "different-hats": 19,
  "unbridgeable-diversity": 2,
};

async function fillRoom(baseURL: string, session: CreatedSession): Promise<void> {
  const n = 37;
  const ballots: string[][] = Array.from({ length: n }, () => []);
  let k = 0;
  for (const id of CHALLENGE_IDS) for (let i = 0; i < (ROOM[id] ?? 0); i++) ballots[k++ % n]!.push(id);
  await Promise.all(
    ballots.map(async (optionIds, i) => {
      const socket = io(baseURL, { auth: { code: session.code, participantId: `visual-participant-${i}` }, transports: ["websocket"], forceNew: true });
      const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
      await socket.emitWithAck("vote:cast", { questionId: state.question?.id ?? "", optionIds });
      socket.disconnect();
    }),
  );
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

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

test("phone ballot at 390x844 and 320x640, landscape, 200% text and dark mode", async ({ browser, request }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "Studiedag jeugdhulp" } })).json()) as CreatedSession;
  const cases = [
    { name: "phone-390x844", viewport: { width: 390, height: 844 } },
    { name: "phone-320x640", viewport: { width: 320, height: 640 } },
    { name: "phone-landscape-844x390", viewport: { width: 844, height: 390 } },
    { name: "phone-dark-390x844", viewport: { width: 390, height: 844 }, colorScheme: "dark" as const },
    { name: "phone-large-text-320x640", viewport: { width: 320, height: 640 }, largeText: true },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ viewport: c.viewport, hasTouch: true, isMobile: true, colorScheme: c.colorScheme ?? "light" });
    const phone = await context.newPage();
    await phone.goto(local(session.links.join));
    if (c.largeText) await phone.addStyleTag({ content: "html { font-size: 200% }" });
    await expect(phone.getByTestId("option-power-play")).toBeVisible();
    await noHorizontalScroll(phone);
    // Tap targets of at least 44x44 px.
    for (const id of ["power-play", "unbridgeable-diversity"]) {
      const box = await phone.locator(`label:has([data-testid="option-${id}"])`).boundingBox();
      expect(box?.height ?? 0, `${c.name}: tap target height`).toBeGreaterThanOrEqual(44);
    }
    await phone.getByTestId("option-power-play").check();
    await phone.locator("details").nth(1).locator("summary").click();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: `${SHOTS}/${c.name}.png` });
    await context.close();
  }
});
