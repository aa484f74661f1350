import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

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
    await this.page.getByRole("button", { name: /Stemmen sluiten|Close voting/ }).click();
    await expect(this.page.getByTestId("voting-status")).toHaveText(/gesloten|closed/);
  }
  async showResults() {
    await this.page.getByRole("button", { name: /Resultaten tonen|Show results/ }).click();
    await expect(this.page.getByTestId("results-visibility")).toHaveText(/zien de resultaten$|see the results$/);
  }
}

export class PhonePage {
  constructor(readonly page: Page) {}
  option(id: string) {
    return this.page.getByTestId(`option-${id}`);
  }
  async vote(ids: readonly string[]) {
    for (const id of ids) await this.option(id).check();
    await this.page.getByRole("button", { name: /Antwoord versturen|Antwoord aanpassen|Send answer|Update answer/ }).click();
    await expect(this.page.getByTestId("receipt")).toBeVisible();
  }
}
