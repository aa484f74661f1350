/**
 * Every question kind from the phones to the screen: each test makes its own session and drives the
 * facilitator over a socket (the console's UI is tested elsewhere), so they run side by side and each stays
 * well under half its timeout. The phone's accessibility in every kind and language is e2e/phone-axe.spec.ts.
 */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { DISCUSSION_PROMPTS } from "../lib/templates";
import { newPhone } from "./pages";
import { createSession, facilitator, local, othersVote, type Facilitator } from "./phone-room";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

async function expectNoViolations(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name}: axe violations`).toEqual([]);
}

/** The projector shows everything at once: no scrollbar in either direction. */
async function fitsWindow(screen: Page) {
  const overflow = await screen.evaluate(() => ({
    x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }));
  expect(overflow, "screen overflow in px").toEqual({ x: 0, y: 0 });
}

/** Check the screen at 1280x720 too, then go back to 1920x1080. */
async function fitsBothProjectors(screen: Page) {
  await fitsWindow(screen);
  await screen.setViewportSize({ width: 1280, height: 720 });
  await fitsWindow(screen);
  await screen.setViewportSize({ width: 1920, height: 1080 });
}

const send = (phone: Page) => phone.locator("form button[type=submit]").click();

interface Room {
  session: CreatedSession;
  host: Facilitator;
  screen: Page;
  a: Page;
  b: Page;
  close(): Promise<void>;
}

/** A session of the article's three checks with a facilitator, a 1920x1080 screen and two phones on its join link. */
async function room(browser: Browser, baseURL: string, title: string): Promise<Room> {
  const session = await createSession(baseURL, title, "article");
  const host = await facilitator(baseURL, session);
  const screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  const phones = await Promise.all([newPhone(browser), newPhone(browser)]);
  await Promise.all([screen.goto(local(session.links.screen)), ...phones.map((p) => p.page.goto(local(session.links.join)))]);
  await expect(screen.getByTestId("screen-view")).toBeVisible();
  const [a, b] = phones.map((p) => p.page) as [Page, Page];
  return {
    session,
    host,
    screen,
    a,
    b,
    close: async () => {
      host.close();
      await Promise.all([...phones.map((p) => p.context.close()), screenContext.close()]);
    },
  };
}

const byTemplate = (host: Facilitator, id: string) => {
  const q = host.questions.find((x) => x.template === id);
  if (!q) throw new Error(`no question from template ${id}`);
  return q.id;
};

test("phones answer a single choice as a radio group; the screen counts it", async ({ browser, baseURL }) => {
  const { session, screen, a, b, close } = await room(browser, baseURL ?? "", "Drie checks: keuze");
  await expect(screen.getByTestId("join-code")).toHaveText(session.code);
  await expect(screen.getByTestId("qr-code")).toBeVisible();
  // The session starts on the article's first check.
  for (const phone of [a, b]) await expect(phone.getByRole("radio", { name: /netwerk van minstens drie/ })).toBeVisible();
  await a.getByTestId("option-network").check();
  await send(a);
  await expect(a.getByTestId("receipt")).toBeVisible();
  await b.getByTestId("option-bilateral").check();
  await b.getByTestId("option-network").check();
  await expect(b.getByTestId("option-bilateral")).not.toBeChecked();
  await send(b);
  await expect(b.getByTestId("receipt")).toBeVisible();
  await expect(screen.getByTestId("respondents")).toHaveText("n = 2");
  await expect(screen.getByTestId("count-network")).toHaveText("2");
  await expect(screen.getByTestId("share-network")).toHaveText("100");
  await close();
});

test("phones answer a scale; the screen shows the distribution, the mean and a second language; phones see the mean", async ({ browser, baseURL }) => {
  const { session, host, screen, a, b, close } = await room(browser, baseURL ?? "", "Drie checks: schaal");
  // The self-assessment is asked of participants: both phones and three others say they are one, so five answer it
  // (below five, a question of one group shows no numbers).
  await host.activate(byTemplate(host, "check3-role"));
  for (const phone of [a, b]) {
    await phone.getByTestId("option-participant").check();
    await send(phone);
    await expect(phone.getByTestId("receipt")).toBeVisible();
  }
  await othersVote(baseURL ?? "", session, [0, 1, 2].map(() => ({ optionIds: ["participant"] })), "scale");
  const scaleId = byTemplate(host, "check3-participant-represent");
  await host.activate(scaleId);
  // The phones follow the facilitator at once, with a fresh draft.
  for (const phone of [a, b]) {
    await expect(phone.getByTestId("scale-value-1")).toBeVisible();
    await expect(phone.getByTestId("receipt")).toHaveCount(0);
    await expect(phone.locator(".scale-ends")).toContainText("Doe ik nog niet");
  }
  // A question of one group shows no numbers until five of them answered.
  await expect(screen.getByTestId("withheld-results")).toContainText("Te weinig antwoorden om te tonen");
  await a.getByRole("radio", { name: /^4$/ }).check();
  await send(a);
  await expect(a.getByTestId("receipt")).toBeVisible();
  await b.getByRole("radio", { name: /^5/ }).check();
  await send(b);
  await expect(b.getByTestId("receipt")).toBeVisible();
  await othersVote(baseURL ?? "", session, [{ value: 4 }, { value: 5 }, { value: 5 }], "scale");
  await expect(screen.getByTestId("respondents")).toHaveText("n = 5");
  await expect(screen.getByTestId("mean")).toHaveText(/gemiddelde\s*4,6/);
  await expect(screen.getByTestId("scale-count-4")).toHaveText("2");
  await expect(screen.getByTestId("scale-share-5")).toHaveText("60");
  await expect(screen.getByText("5 = Doe ik altijd")).toBeVisible();
  await fitsBothProjectors(screen);
  await screen.screenshot({ path: `${SHOTS}/screen-scale.png` });
  await expectNoViolations(screen, "screen scale");
  // A bilingual room: the template's wording in the second language under the first.
  await screen.keyboard.press("l");
  await expect(screen.getByTestId("screen-prompt")).toContainText("As a participant: I report back to my organisation");
  await fitsWindow(screen);
  await screen.keyboard.press("l");
  await screen.keyboard.press("l");
  await expect(screen.getByTestId("second-language")).toHaveText(/geen tweede taal/);

  await host.showResults(scaleId);
  await expect(a.getByTestId("mean")).toHaveText(/gemiddelde\s*4,6\s*op een schaal van 1 tot 5/);
  await expect(a.getByTestId("scale-share-5")).toHaveText("60%");
  await expect(a.getByTestId("scale-count-4")).toHaveText("2");
  await a.screenshot({ path: `${SHOTS}/phone-scale-results.png`, fullPage: true });
  await close();
});

test("phones rank options with buttons, not dragging; screen and phones show Borda points and how they count", async ({ browser, baseURL }) => {
  const { host, screen, a, b, close } = await room(browser, baseURL ?? "", "Drie checks: rangschikking");
  const ranking = await host.add({ kind: "ranking", prompt: "Wat pakken we eerst aan?", options: ["Budget", "Tijd", "Mandaat", "Vertrouwen"], maxChoices: 3 });
  const rankingId = ranking.question.id;
  await host.activate(rankingId);
  await expect(a.getByText("Telling: de eerste plaats krijgt 3 punten, de tweede 2, enzovoort; wat je niet kiest, krijgt 0.")).toBeVisible();
  await a.getByRole("button", { name: "Mandaat toevoegen" }).click();
  await a.getByRole("button", { name: "Budget toevoegen" }).click();
  await a.getByRole("button", { name: "Tijd toevoegen" }).click();
  // Three of three: nothing more can be added.
  await expect(a.getByRole("button", { name: "Vertrouwen toevoegen" })).toBeDisabled();
  await a.getByRole("button", { name: "Tijd een plaats hoger" }).click();
  // Focus stays with the option that moved, so a keyboard user can keep moving it.
  await expect(a.getByRole("button", { name: "Tijd een plaats hoger" })).toBeFocused();
  await expect(a.getByTestId("ranking-chosen").getByRole("listitem")).toHaveText([/Mandaat/, /Tijd/, /Budget/]);
  await a.screenshot({ path: `${SHOTS}/phone-ranking.png`, fullPage: true });
  await send(a);
  await expect(a.getByTestId("receipt")).toBeVisible();
  await b.getByTestId("rank-add-o1").click();
  await b.getByTestId("rank-add-o3").click();
  await b.getByTestId("rank-add-o4").click();
  await b.getByTestId("rank-remove-o4").click();
  await send(b);
  await expect(b.getByTestId("receipt")).toBeVisible();
  // Mandaat 3 + 2, Budget 1 + 3, Tijd 2, Vertrouwen 0.
  await expect(screen.getByTestId("respondents")).toHaveText("n = 2");
  await expect(screen.getByTestId("score-o3")).toHaveText("5");
  await expect(screen.getByTestId("score-o1")).toHaveText("4");
  await expect(screen.getByTestId("score-o2")).toHaveText("2");
  await expect(screen.locator('[data-testid="results-table"] tbody tr').first()).toHaveAttribute("data-option-id", "o3");
  await expect(screen.getByTestId("borda-explanation")).toHaveText("Borda: 1e plaats = 3 punten, 2e = 2, enzovoort.");
  await fitsBothProjectors(screen);
  await screen.screenshot({ path: `${SHOTS}/screen-ranking.png` });
  await expectNoViolations(screen, "screen ranking");

  await host.showResults(rankingId);
  // The phone lists the options best first, each with its points and how many ranked it.
  await expect(b.locator(".phone-bar")).toHaveText([/^1\. Mandaat.*door 2 gerangschikt.*5 ptn/, /^2\. Budget.*4 ptn/, /^3\. Tijd.*2 ptn/, /^4\. Vertrouwen.*door 0 gerangschikt.*0 ptn/]);
  await expect(b.getByTestId("borda-explanation")).toHaveText("Borda: 1e plaats = 3 punten, 2e = 2, enzovoort.");
  await b.screenshot({ path: `${SHOTS}/phone-ranking-results.png`, fullPage: true });
  await close();
});

test("phones answer an open question; an answer the facilitator takes off the screen never reaches a phone", async ({ browser, baseURL }) => {
  const { host, screen, a, b, close } = await room(browser, baseURL ?? "", "Drie checks: open");
  const openQ = await host.add({ kind: "open", prompt: "Wat neem je mee uit vandaag?" });
  await host.activate(openQ.question.id);
  await a.getByLabel("Jouw antwoord").fill("Meer samen beslissen");
  await expect(a.getByTestId("open-counter")).toHaveText("20 van 280 tekens");
  await send(a);
  await expect(a.getByTestId("receipt")).toBeVisible();
  await b.getByLabel("Jouw antwoord").fill("Afspraken op papier, niet enkel in hoofden");
  await send(b);
  await expect(b.getByTestId("receipt")).toBeVisible();
  const cards = screen.getByTestId("open-answer-card");
  // Newest first.
  await expect(cards).toHaveText(["Afspraken op papier, niet enkel in hoofden", "Meer samen beslissen"]);
  await expect(screen.getByTestId("respondents")).toHaveText("n = 2");
  const hiddenId = await cards.filter({ hasText: "Meer samen beslissen" }).getAttribute("data-answer-id");
  await host.hideAnswer(openQ.question.id, hiddenId ?? "");
  await expect(cards).toHaveText(["Afspraken op papier, niet enkel in hoofden"]);
  await expect(screen.getByText("Meer samen beslissen")).toHaveCount(0);
  await fitsBothProjectors(screen);
  await screen.screenshot({ path: `${SHOTS}/screen-open.png` });
  await expectNoViolations(screen, "screen open");
  await host.showResults(openQ.question.id);
  // Phones never receive a hidden answer.
  await expect(a.getByTestId("open-answer-card")).toHaveText(["Afspraken op papier, niet enkel in hoofden"]);
  await a.screenshot({ path: `${SHOTS}/phone-open-results.png`, fullPage: true });
  await close();
});

test("the screen opens a discussion card from the Discuss list and with the number keys", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Drie checks: bespreken", "article");
  const host = await facilitator(baseURL ?? "", session);
  await host.activate(byTemplate(host, "nine-challenges"));
  const screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
  const screen = await screenContext.newPage();
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("sort-toggle")).toBeVisible();
  await screen.getByTestId("discuss").click();
  await screen.getByTestId("discuss-power-play").click();
  const card = screen.getByTestId("discussion-card");
  await expect(card.getByRole("heading", { name: "Machtsspel" })).toBeVisible();
  await expect(card.getByTestId("discussion-prompts")).toHaveText((DISCUSSION_PROMPTS["power-play"] ?? []).map((p) => p.nl));
  await screen.keyboard.press("Escape");
  await expect(card).toBeHidden();
  await screen.keyboard.press("1");
  await expect(card.getByRole("heading", { name: "Gebrek aan gedeelde ambitie" })).toBeVisible();
  await expect(card.getByTestId("discussion-prompts").getByRole("listitem")).toHaveCount(2);
  await screen.keyboard.press("3");
  await expect(card.getByRole("heading", { name: "Personele instabiliteit" })).toBeVisible();
  await screen.screenshot({ path: `${SHOTS}/screen-discussion.png` });
  await expectNoViolations(screen, "screen discussion card");
  await screen.keyboard.press("Escape");
  await expect(card).toBeHidden();
  await screen.keyboard.press("?");
  await expect(screen.getByTestId("shortcut-help")).toContainText("Bespreekkaart");
  host.close();
  await screenContext.close();
});

test("a phone in a session without questions waits, then follows the first question at once", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Lege sessie", "empty");
  const host = await facilitator(baseURL ?? "", session);
  const phone = await newPhone(browser);
  await phone.page.goto(local(session.links.join));
  await expect(phone.page.getByTestId("waiting")).toContainText("De begeleider start zo een vraag.");
  const screen = await phone.context.newPage();
  await screen.setViewportSize({ width: 1280, height: 720 });
  await screen.goto(local(session.links.screen));
  await expect(screen.getByTestId("waiting")).toBeVisible();
  await expect(screen.getByTestId("join-code")).toHaveText(session.code);

  // The first question added to an empty session becomes the active one.
  await host.add({ kind: "single", prompt: "Koffie of thee?", options: ["Koffie", "Thee"] });
  await expect(phone.page.getByTestId("waiting")).toHaveCount(0);
  await phone.page.getByRole("radio", { name: "Thee" }).check();
  await send(phone.page);
  await expect(phone.page.getByTestId("receipt")).toBeVisible();
  await expect(screen.getByTestId("count-o2")).toHaveText("1");
  await expect(screen.getByTestId("respondents")).toHaveText("n = 1");
  host.close();
  await phone.context.close();
});
