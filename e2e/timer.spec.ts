/** A countdown as the room sees it: started on the console, drawn on the projector and on a 320 px phone, closed by the server. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createSession } from "./console-helpers";
import { local } from "./pages";

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
  expect(await new AxeBuilder({ page: phone }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze().then((r) => r.violations)).toEqual([]);

  // "+30 s": half a minute more everywhere.
  await timer.getByRole("button", { name: "30 seconden erbij" }).click();
  await expect.poll(() => secondsShown(screenClock)).toBeGreaterThan(80);
  await expect.poll(() => secondsShown(phoneClock)).toBeGreaterThan(80);

  // Stop: the clocks go, voting stays open.
  await timer.getByRole("button", { name: "Timer stoppen" }).click();
  for (const page of [consolePage, screen, phone]) await expect(page.locator("[role=timer]")).toHaveCount(0);
  await expect(screen.getByTestId("screen-voting-status")).toHaveText("Stemmen is open");

  // A length of one's own: 4 seconds. The phone votes in time; at 0:00 the server closes voting everywhere.
  await timer.getByLabel("Eigen duur (seconden)").fill("4");
  await timer.getByRole("button", { name: "Timer starten" }).click();
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
  await timer.getByLabel("Eigen duur (seconden)").fill("0");
  await timer.getByRole("button", { name: "Timer starten" }).click();
  await expect(consolePage.getByTestId("timer-custom-invalid")).toHaveText("Kies een duur van 1 tot 7200 seconden.");
  await expect(consolePage.locator("[role=timer]")).toHaveCount(0);

  for (const context of [consoleContext, screenContext, phoneContext]) await context.close();
});
