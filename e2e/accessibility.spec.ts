import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { CreatedSession } from "../lib/protocol";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import { PHONE_MESSAGES } from "../lib/messages/phone";
import { REPORT_MESSAGES } from "../lib/messages/report";
import { SCREEN_MESSAGES } from "../lib/messages/screen";
import { CHALLENGE_IDS, PhonePage, newPhone } from "./pages";

const LANGUAGES = ["nl", "en", "fr"] as const;

/** Message keys (camelCase, so no ordinary word) that would show if a view forgot to load its catalogue. */
const KEYS = [CORE_MESSAGES, PHONE_MESSAGES, CONSOLE_MESSAGES, REPORT_MESSAGES, SCREEN_MESSAGES]
  .flatMap((catalogue) => Object.keys(catalogue.nl))
  .filter((key) => /[a-z][A-Z]/.test(key));

async function expectNoViolations(page: Page, name: string) {
  const text = await page.locator("body").innerText();
  expect(KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text)), `${name}: untranslated message keys`).toEqual([]);
  // Options before the tags: options() replaces them all, the tags included.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name}: axe violations`).toEqual([]);
}

/** Path and fragment of a link the API made absolute with the LAN address. */
const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

for (const language of LANGUAGES) {
  test(`every page passes axe at WCAG 2.2 AA in ${language}`, async ({ page, browser, request }) => {
    await page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expectNoViolations(page, "home");

    const res = await request.post("/api/sessions", { data: { title: `Toegankelijkheid ${language}`, language } });
    const session = (await res.json()) as CreatedSession;

    await page.goto(local(session.links.host));
    await expect(page.getByTestId("join-code")).toHaveText(session.code);
    await expectNoViolations(page, "console");

    const screen = await page.context().newPage();
    await screen.goto(local(session.links.screen));
    await expect(screen.getByTestId("screen-view")).toBeVisible();
    await expectNoViolations(screen, "screen");

    const phone = await newPhone(browser);
    await phone.page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);
    await phone.page.goto(local(session.links.join));
    const p = new PhonePage(phone.page);
    await expect(p.option(CHALLENGE_IDS[0])).toBeVisible();
    await phone.page.locator("details").first().locator("summary").click();
    await expectNoViolations(phone.page, "phone ballot");

    await p.option("power-play").check();
    await phone.page.locator("form button[type=submit]").click();
    await expect(phone.page.getByTestId("receipt")).toBeVisible();
    await page.locator("button", { hasText: /tonen|Show results|Afficher les résultats/ }).click();
    await expect(phone.page.getByTestId("results-chart")).toBeVisible();
    await expectNoViolations(phone.page, "phone results");
    await phone.context.close();

    // The report opens with the host key this browser took from the console link.
    await page.goto(`/s/${session.id}/report`);
    await expect(page.getByTestId("report")).toBeVisible();
    await expectNoViolations(page, "report");
  });
}
