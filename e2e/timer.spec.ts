/** A countdown as the room sees it: started on the console, drawn on the projector and on a 320 px phone, closed by the server. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { CreatedSession } from "../lib/protocol";
import { createSession } from "./console-helpers";
import { fillRoom, local, SHOTS } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

/** The clock's drawn text as m:ss, read as seconds. */
async function secondsShown(clock: Locator): Promise<number> {
  const text = (await clock.innerText()).trim();
  const match = /^(\d+):(\d\d)$/.exec(text);
  if (!match) throw new Error(`not a clock: "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The page is no wider than the phone, measured as mobile emulation has it (a wider page would zoom out). */
async function fitsThePhone(page: Page, width: number) {
  const layout = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.documentElement.scrollWidth, scale: window.visualViewport?.scale }));
  expect(layout).toEqual({ inner: width, scroll: width, scale: 1 });
}

test("a countdown started on the console runs on the screen and a 320 px phone, is extended and stopped, and closes voting at 0:00", async ({ browser, request }) => {
  const session = await createSession(request, { title: "Met de klok", template: "challenges" });
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await expect(phone.getByTestId("option-power-play")).toBeVisible();

  // One click on "1 min": voting is open with a minute on every clock.
  const timer = consolePage.getByTestId("timer-controls");
  await timer.getByRole("button", { name: "1 min" }).click();
  const consoleClock = consolePage.getByTestId("console-countdown-time");
  const screenClock = screen.getByTestId("screen-countdown-time");
  const phoneClock = phone.getByTestId("phone-countdown-time");
  for (const clock of [consoleClock, screenClock, phoneClock]) {
    await expect(clock).toBeVisible();
    const shown = await secondsShown(clock);
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThanOrEqual(60);
  }
  await expect(screen.getByTestId("screen-countdown")).toContainText("Stemmen sluit over");
  await expect(phone.getByTestId("phone-countdown")).toContainText("Stemmen sluit over");
  await fitsThePhone(phone, 320);
  // The phone's clock stays at the top of the window while the long ballot scrolls.
  await phone.getByTestId("option-unbridgeable-diversity").scrollIntoViewIfNeeded();
  expect(await phone.getByTestId("phone-countdown").evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBe(0);
  expect(await new AxeBuilder({ page: phone }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze().then((r) => r.violations)).toEqual([]);

  // "+30 s": half a minute more everywhere.
  await timer.getByRole("button", { name: "30 seconden erbij" }).click();
  await expect.poll(() => secondsShown(screenClock)).toBeGreaterThan(80);
  await expect.poll(() => secondsShown(phoneClock)).toBeGreaterThan(80);

  // Stop: the clocks go, voting stays open.
  await timer.getByRole("button", { name: "Timer stoppen" }).click();
  for (const page of [consolePage, screen, phone]) await expect(page.locator("[role=timer]")).toHaveCount(0);
  await expect(screen.getByTestId("screen-voting-status")).toHaveText("Stemmen is open");

  // A length of one's own: 4 seconds. The phone votes in time; at 0:00 the server closes voting everywhere.
  await timer.getByLabel("Eigen duur (s)").fill("4");
  await timer.getByRole("button", { name: "Starten" }).click();
  await expect(phoneClock).toBeVisible();
  await phone.getByTestId("option-power-play").check();
  await phone.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await expect(phone.getByTestId("closed-message")).toBeVisible();
  await expect(screen.getByTestId("screen-voting-status")).toHaveText("Stemmen is gesloten");
  await expect(consolePage.getByTestId("voting-status")).toHaveText("Stemmen is gesloten");
  await expect(consolePage.getByTestId("respondents-count")).toHaveText("1");
  await fitsThePhone(phone, 320);

  // A length the server would refuse is caught in the form, with the reason.
  await consolePage.getByTestId("toggle-voting").click();
  await timer.getByLabel("Eigen duur (s)").fill("0");
  await timer.getByRole("button", { name: "Starten" }).click();
  await expect(consolePage.getByTestId("timer-custom-invalid")).toHaveText("Kies een duur van 1 tot 7200 seconden.");
  await expect(consolePage.locator("[role=timer]")).toHaveCount(0);

  for (const context of [consoleContext, screenContext, phoneContext]) await context.close();
});

/** A two-minute countdown started over the API's socket, as another tool driving the session would. */
async function startTimer(baseURL: string, session: CreatedSession, seconds: number) {
  const socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  const state = await new Promise<{ question?: { id: string } }>((resolve) => socket.once("session:state", resolve));
  const ack = await socket.emitWithAck("timer:start", { questionId: state.question?.id ?? "", seconds });
  socket.disconnect();
  if (!ack.ok) throw new Error(`timer:start refused: ${ack.error.message}`);
}

test("screenshots of a running countdown: the projector at 1920x1080 and 1280x720, a 320 px phone and the console", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Lokaal gezondheidsoverleg", template: "challenges" });
  await fillRoom(baseURL ?? "", session);
  await startTimer(baseURL ?? "", session, 120);
  // The digits change every second: they are masked, the rest of each view is compared with its baseline.
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
    const screen = await context.newPage();
    await screen.goto(local(session.links.screen));
    await expect(screen.getByTestId("respondents")).toHaveText("n = 37");
    await expect(screen.getByTestId("screen-countdown-time")).toBeVisible();
    // The clock is part of the headline's line, not on top of the code or the chart.
    const clock = await screen.getByTestId("screen-countdown").boundingBox();
    const prompt = await screen.getByTestId("screen-prompt").boundingBox();
    expect((clock?.y ?? 0) + (clock?.height ?? 0)).toBeLessThanOrEqual(prompt?.y ?? 0);
    expect(await screen.getByTestId("screen-countdown-time").evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(height >= 1080 ? 40 : 28);
    await calmScreen(screen);
    await expect(screen).toHaveScreenshot(`timer-screen-${width}x${height}.png`, { mask: [...joinMasks(screen), screen.locator("[role=timer]")] });
    if (width === 1920) await screen.screenshot({ path: `${SHOTS}/timer-screen-1920x1080.png` });
    await context.close();
  }
  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, reducedMotion: "reduce" });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await expect(phone.getByTestId("phone-countdown-time")).toBeVisible();
  await fitsThePhone(phone, 320);
  await phone.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(phone).toHaveScreenshot("timer-phone-320.png", { mask: [phone.locator("[role=timer]")] });
  await phoneContext.close();
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  await expect(consolePage.getByTestId("console-countdown-time")).toBeVisible();
  await expect(consolePage.getByTestId("respondents-count")).toHaveText("37");
  await consolePage.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(consolePage.getByTestId("timer-controls")).toHaveScreenshot("timer-console-1280x720.png", { mask: [consolePage.locator("[role=timer]")] });
  await consoleContext.close();
});

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

for (const language of ["nl", "en", "fr"] as const) {
  test(`a running countdown passes axe at WCAG 2.2 AA on the console, the screen (light and dark) and the phone in ${language}`, async ({ browser, request, baseURL }) => {
    const session = (await (await request.post("/api/sessions", { data: { title: "Klok", language } })).json()) as CreatedSession;
    await startTimer(baseURL ?? "", session, 120);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(local(session.links.host));
    await expect(page.getByTestId("console-countdown-time")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await page.goto(local(session.links.screen));
    await expect(page.getByTestId("screen-countdown-time")).toBeVisible();
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await page.keyboard.press("t");
    await expect(page.locator("html")).toHaveAttribute("data-theme", /dark|light/);
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await context.close();
    const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    await phone.goto(local(session.links.join));
    await expect(phone.getByTestId("phone-countdown-time")).toBeVisible();
    await expect(phone.getByTestId("phone-countdown")).toContainText({ nl: "Stemmen sluit over", en: "Voting closes in", fr: "Le vote se ferme dans" }[language]);
    expect((await new AxeBuilder({ page: phone }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await phoneContext.close();
  });
}
