import { mkdirSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { CreatedSession, SessionState } from "../lib/protocol";

export const CHALLENGE_IDS = [
  "shared-ambition",
  "fading-perspective",
  "staff-instability",
  "pseudo-collaboration",
  "under-organisation",
  "power-play",
  "enemy-image",
  "different-hats",
  "unbridgeable-diversity",
] as const;

/** A phone: touch, 390x844, its own context (own localStorage, so its own participant id). */
export async function newPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  return { context, page: await context.newPage() };
}

export class HomePage {
  constructor(readonly page: Page) {}
  async goto() {
    await this.page.goto("/");
  }
  async createSession(title: string) {
    await this.page.getByLabel(/Titel van de sessie|Session title/).fill(title);
    await this.page.getByRole("button", { name: /Sessie starten|Start session/ }).click();
    await this.page.waitForURL(/\/s\/[^/]+\/host/);
  }
  async join(code: string) {
    await this.page.getByLabel(/^Code$/).fill(code);
    await this.page.getByRole("button", { name: /^(Deelnemen|Join)$/ }).click();
    await this.page.waitForURL(/\/j\//);
  }
}

export class ConsolePage {
  constructor(readonly page: Page) {}
  joinCode() {
    return this.page.getByTestId("join-code").textContent().then((t) => (t ?? "").trim());
  }
  joinLink() {
    return this.page.getByTestId("join-link").getAttribute("href").then((h) => h ?? "");
  }
  respondents() {
    return this.page.getByTestId("respondents-count");
  }
  count(optionId: string) {
    return this.page.getByTestId(`count-${optionId}`);
  }
  async openScreen(): Promise<Page> {
    const [screen] = await Promise.all([this.page.context().waitForEvent("page"), this.page.getByTestId("open-screen").click()]);
    return screen;
  }
  async closeVoting() {
    await this.page.getByRole("switch", { name: /Stemmen open|Voting open/ }).click();
    await expect(this.page.getByTestId("voting-status")).toHaveText(/gesloten|closed/);
  }
  async showResults() {
    await this.page.getByRole("switch", { name: /Resultaten tonen|Show results/ }).click();
    await expect(this.page.getByTestId("results-visibility")).toHaveText(/zien de resultaten$|see the results$/);
  }
}

export class PhonePage {
  constructor(readonly page: Page) {}
  option(id: string) {
    return this.page.getByTestId(`option-${id}`);
  }
  /** Tick `ids` and send; no ids is "none of these", which is ticked on purpose like any answer. */
  async vote(ids: readonly string[]) {
    for (const id of ids) await this.option(id).check();
    if (ids.length === 0) await this.option("none").check();
    await this.page.getByRole("button", { name: /Antwoord versturen|Antwoord aanpassen|Send answer|Update answer/ }).click();
    await expect(this.page.getByTestId("receipt")).toBeVisible();
  }
}

/** Screenshots land in test-results/screenshots (a CI artifact); UPDATE_DOCS=1 writes the README's copies. */
export const SHOTS = process.env.UPDATE_DOCS ? "docs" : "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

/** The path and fragment of a link the server made, so the test's own base URL is used. */
export const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

/** A room of 37, with shares in the spirit of figure 1 of the article (illustrative figures). */
export const ROOM: Record<string, number> = {
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

/** 37 participants vote the ROOM figures on the session's nine-challenges question. */
export async function fillRoom(baseURL: string, session: CreatedSession): Promise<void> {
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

/** The page is no wider than the window (see the phone specs for what mobile emulation hides). */
export async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}
