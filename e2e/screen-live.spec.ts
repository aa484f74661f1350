/** The figures stay on the wall while votes stream in: every bar keeps its share and count in every frame. */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { CHALLENGE_IDS, local } from "./pages";
import { sampleDrawnLabels, streamVotes, type LabelSamples } from "./screen-helpers";

/**
 * Per look: 40 frames with 10 different results in them (about 1.5 s on a quiet machine), or what 8 s give on a
 * loaded one; at least 15 frames and 6 results, or the look proves too little.
 */
const SAMPLES = { frames: 40, updates: 10, maxMs: 8000 };
const ENOUGH = { frames: 15, updates: 6 };

/** Seven challenges get votes; the last two never do, so their bars must read 0 %. */
const VOTED = CHALLENGE_IDS.slice(0, 7);

function expectAllFramesLabelled(name: string, result: LabelSamples) {
  console.log(`${name}: ${result.samples} frames, ${result.updates} different results, ${result.failedSamples} frames with a missing or wrong label`);
  expect(result.failures, `${name}: frames with a missing or wrong label`).toEqual([]);
  // Enough frames and enough updates that the check means something (the sampler stops once it has them).
  expect(result.samples, `${name}: frames sampled`).toBeGreaterThanOrEqual(ENOUGH.frames);
  expect(result.updates, `${name}: results drawn`).toBeGreaterThanOrEqual(ENOUGH.updates);
}

async function openChart(page: Page, link: string) {
  await page.goto(local(link));
  await expect(page.getByTestId("results-chart")).toBeVisible();
  await expect(page.locator('[data-testid="results-chart"] svg.recharts-surface')).toBeVisible();
}

/** A session, its screen at 1920x1080 with motion on, and 30 participants voting several times a second. */
async function busyScreen(browser: Browser, request: APIRequestContext, baseURL: string, title: string) {
  const session = (await (await request.post("/api/sessions", { data: { title } })).json()) as CreatedSession;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await context.newPage();
  await openChart(screen, session.links.screen);
  const stream = await streamVotes(baseURL, session, { optionIds: VOTED });
  await expect(screen.getByTestId("respondents")).toHaveText("n = 30");
  return {
    screen,
    async close() {
      await stream.stop();
      await context.close();
    },
  };
}

// Regression: recharts drew its LabelList only after a bar animation ended and every update restarted it, so
// during a stream the labels were missing in nearly every look at the screen (all nine in 1 of 44 samples).
test("the screen keeps a label on every bar while 30 participants vote several times a second, in the article's order and sorted", async ({ browser, request, baseURL }) => {
  const { screen, close } = await busyScreen(browser, request, baseURL ?? "", "Stroom van stemmen");
  try {
    expectAllFramesLabelled("article order", await sampleDrawnLabels(screen, SAMPLES));
    await screen.keyboard.press("s");
    await expect(screen.getByTestId("sort-toggle")).toHaveAttribute("aria-pressed", "true");
    expectAllFramesLabelled("sorted by share", await sampleDrawnLabels(screen, SAMPLES));
  } finally {
    await close();
  }
});

test("the screen keeps a label on every bar while votes stream in, dark and with a second language", async ({ browser, request, baseURL }) => {
  const { screen, close } = await busyScreen(browser, request, baseURL ?? "", "Stroom in het donker");
  try {
    await screen.keyboard.press("t");
    await expect(screen.locator("html")).toHaveAttribute("data-theme", "dark");
    expectAllFramesLabelled("dark", await sampleDrawnLabels(screen, SAMPLES));
    await screen.keyboard.press("l");
    await expect(screen.getByTestId("second-language")).toContainText("en");
    expectAllFramesLabelled("dark and bilingual", await sampleDrawnLabels(screen, SAMPLES));
  } finally {
    await close();
  }
});

// Regression: the console's compact chart showed empty tracks 1.4 s after six votes.
test("the console's compact chart keeps a bar and a label on every option while votes stream in", async ({ browser, request, baseURL }) => {
  const session = (await (await request.post("/api/sessions", { data: { title: "Stroom op de console" } })).json()) as CreatedSession;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const console_ = await context.newPage();
  await openChart(console_, session.links.host);
  const stream = await streamVotes(baseURL ?? "", session, { optionIds: VOTED, participants: 20 });
  try {
    await expect(console_.getByTestId("respondents")).toHaveText("n = 20");
    expectAllFramesLabelled("console", await sampleDrawnLabels(console_, SAMPLES));
  } finally {
    await stream.stop();
  }
  await context.close();
});
