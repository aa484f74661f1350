/**
 * Every page passes axe (WCAG 2.2 AA) in nl, en and fr, and no message key shows instead of its text. Each view in
 * each state is scanned in every language: switched with the view's own buttons, the screen (which has none)
 * reloaded with the stored choice changed. Each test first loads its views in a language of its own.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import { PHONE_MESSAGES } from "../lib/messages/phone";
import { REPORT_MESSAGES } from "../lib/messages/report";
import { SCREEN_MESSAGES } from "../lib/messages/screen";
import { LANGUAGES, axeProblems, inEachLanguage, messageKeys, receiptInView, screenControlsShown, type Language } from "./axe-helpers";
import { CHALLENGE_IDS, PhonePage, local, newPhone } from "./pages";

const KEYS = messageKeys(CORE_MESSAGES, PHONE_MESSAGES, CONSOLE_MESSAGES, REPORT_MESSAGES, SCREEN_MESSAGES);

/** The language this browser chose, as the language buttons store it: read on every page's first load. */
const choose = (page: Page, language: Language) => page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);

async function newSession(request: APIRequestContext, title: string, language: Language): Promise<CreatedSession> {
  const res = await request.post("/api/sessions", { data: { title, language } });
  expect(res.status(), "session created").toBe(201);
  return (await res.json()) as CreatedSession;
}

/** Scans a view in every language; `ready`, before each scan, brings the state back where a language switch moved it. */
function scanner(problems: string[]) {
  return (view: Page, state: string, ready?: () => Promise<void>) =>
    inEachLanguage(view, async (language) => {
      await ready?.();
      problems.push(...(await axeProblems(view, `${state} in ${language}`, KEYS)));
    });
}

test("the home page, the console and the screen pass axe at WCAG 2.2 AA in nl, en and fr", async ({ page, request }) => {
  const problems: string[] = [];
  const scan = scanner(problems);
  await choose(page, "nl");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await scan(page, "home");

  const session = await newSession(request, "Toegankelijkheid", "nl");
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("join-code")).toHaveText(session.code);
  await scan(page, "console");

  // The screen has no language buttons: it follows the choice this browser stored, read when it loads.
  const screen = await page.context().newPage();
  for (const [i, language] of LANGUAGES.entries()) {
    await page.evaluate((l) => localStorage.setItem("tafelronde:language", l), language);
    // Reloaded, since the screen takes its key out of the address: going to the link again only changes the fragment.
    await (i === 0 ? screen.goto(local(session.links.screen)) : screen.reload());
    await expect(screen.locator("html")).toHaveAttribute("lang", language);
    await expect(screen.getByTestId("screen-view")).toBeVisible();
    await screenControlsShown(screen);
    problems.push(...(await axeProblems(screen, `screen in ${language}`, KEYS)));
  }
  expect(problems).toEqual([]);
});

test("the phone and the report pass axe at WCAG 2.2 AA in nl, en and fr", async ({ page, browser, request }) => {
  const problems: string[] = [];
  const scan = scanner(problems);
  const session = await newSession(request, "Toegankelijkheid", "en");
  await choose(page, "en");
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("join-code")).toHaveText(session.code);

  const phone = await newPhone(browser);
  await choose(phone.page, "fr");
  await phone.page.goto(local(session.links.join));
  const p = new PhonePage(phone.page);
  await expect(p.option(CHALLENGE_IDS[0])).toBeVisible();
  await expect(phone.page.locator("html")).toHaveAttribute("lang", "fr");
  const explanation = phone.page.locator("details").first();
  await explanation.locator("summary").click();
  await scan(phone.page, "phone ballot", () => expect(explanation).toHaveAttribute("open", ""));

  await p.option("power-play").check();
  await phone.page.locator("form button[type=submit]").click();
  await expect(phone.page.getByTestId("receipt")).toBeVisible();
  await page.locator("button", { hasText: /tonen|Show results|Afficher les résultats/ }).click();
  await expect(phone.page.getByTestId("results-chart")).toBeVisible();
  await scan(phone.page, "phone results", () => receiptInView(phone.page));
  await phone.context.close();

  // The report opens with the host key this browser took from the console link.
  await page.goto(`/s/${session.id}/report`);
  await expect(page.getByTestId("report")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await scan(page, "report");
  expect(problems).toEqual([]);
});
