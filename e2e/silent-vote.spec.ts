/** The silent vote as the room sees it: votes come in on the projector without a number, until the reveal. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { CreatedSession } from "../lib/protocol";
import { createSession } from "./console-helpers";
import { local } from "./pages";
import { calmScreen, joinMasks } from "./screen-helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

test("a silent vote: the projector counts the votes without showing one result, the console sees them, and the reveal shows the chart", async ({ browser, request }) => {
  const session = await createSession(request, { title: "Stille stemming", template: "challenges" });
  const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(local(session.links.host));
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("results-chart")).toBeVisible();

  // The key does what the switch does.
  await consolePage.keyboard.press("h");
  await expect(consolePage.getByTestId("silent-status")).toHaveText("Scherm en gsm's tonen alleen hoeveel er stemden");
  await expect(consolePage.getByTestId("silent-banner")).toBeVisible();
  await expect(screen.getByTestId("silent-count")).toHaveText("0 stemmen binnen");
  await expect(screen.getByTestId("results-chart")).toHaveCount(0);

  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(local(session.links.join));
  await phone.getByTestId("option-power-play").check();
  await phone.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(phone.getByTestId("receipt")).toBeVisible();
  await expect(screen.getByTestId("silent-count")).toHaveText("1 stem binnen");
  // Not one figure of the results is drawn on the projector; the console has them.
  expect(await screen.getByTestId("screen-view").innerText()).not.toMatch(/\d+\s?%/);
  await expect(consolePage.getByTestId("respondents-count")).toHaveText("1");
  await expect(consolePage.getByTestId("results-chart")).toContainText("100%");
  expect((await new AxeBuilder({ page: screen }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  expect((await new AxeBuilder({ page: consolePage }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  await calmScreen(screen);
  await expect(screen).toHaveScreenshot("silent-screen-1280x720.png", { mask: joinMasks(screen) });

  await consolePage.getByRole("button", { name: "Resultaten onthullen" }).click();
  await expect(screen.getByTestId("respondents")).toHaveText("n = 1");
  await expect(screen.getByTestId("silent-results")).toHaveCount(0);
  await expect(consolePage.getByTestId("silent-banner")).toHaveCount(0);
  for (const context of [consoleContext, screenContext, phoneContext]) await context.close();
});

for (const language of ["en", "fr"] as const) {
  test(`the silent vote's screen and console pass axe in ${language}`, async ({ browser, request, baseURL }) => {
    const session = (await (await request.post("/api/sessions", { data: { title: "Silent", language } })).json()) as CreatedSession;
    const socket = io(baseURL ?? "", { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
    const state = await new Promise<{ question?: { id: string } }>((resolve) => socket.once("session:state", resolve));
    expect((await socket.emitWithAck("results:conceal", { questionId: state.question?.id ?? "" })).ok).toBe(true);
    socket.disconnect();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(local(session.links.screen));
    await expect(page.getByTestId("silent-count")).toHaveText({ en: "0 votes in", fr: "0 votes reçus" }[language]);
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await page.goto(local(session.links.host));
    await expect(page.getByTestId("silent-banner")).toBeVisible();
    expect((await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
    await context.close();
  });
}
