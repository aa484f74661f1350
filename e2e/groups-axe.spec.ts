/** The groups views pass axe (WCAG 2.2 AA) in nl, en and fr: the split on the console, the screen and the report, the editor's groups, withheld numbers. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import { SCREEN_MESSAGES } from "../lib/messages/screen";
import { PEOPLE, sectorRoom } from "./groups-helpers";
import { local } from "./pages";
import { rememberSessions } from "./views-data";

/** Message keys (camelCase, so no ordinary word) that would show if a view forgot to load its catalogue. */
const KEYS = [CORE_MESSAGES, CONSOLE_MESSAGES, SCREEN_MESSAGES].flatMap((catalogue) => Object.keys(catalogue.nl)).filter((key) => /[a-z][A-Z]/.test(key));

async function expectNoViolations(page: Page, name: string) {
  const text = await page.locator("body").innerText();
  expect(KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text)), `${name}: untranslated message keys`).toEqual([]);
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name}: axe violations`).toEqual([]);
}

const WORDS = {
  nl: { legend: "Welzijn n = 6", groups: "Groepen: groepsvraag en voor wie", audience: "Voor wie is deze vraag?", role: /Welke rol/, other: "Overige samen n = 7" },
  en: { legend: "Welfare n = 6", groups: "Groups: grouping question and who is asked", audience: "Who is this question for?", role: /Which role/, other: "Others together n = 7" },
  fr: { legend: "Social n = 6", groups: "Groupes : question de groupe et destinataires", audience: "À qui s'adresse cette question ?", role: /Quel rôle/, other: "Autres réunis n = 7" },
} as const;

for (const language of ["nl", "en", "fr"] as const) {
  const w = WORDS[language];

  test(`the console's split, its editor of groups and a withheld question pass axe in ${language}`, async ({ browser, request, baseURL }) => {
    const room = await sectorRoom(baseURL ?? "", request, { title: `Groepen ${language}`, language, splitBy: "sector" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(local(room.session.links.host));
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByTestId("split-legend-item")).toHaveText([w.legend, w.other]);
    await expect(page.getByTestId("split-note")).toHaveCount(2);
    // The editor with a question for some groups: its grouping question chosen, its answers to tick.
    await page.getByTestId("add-question").click();
    await page.getByTestId("question-editor").getByText(w.groups).click();
    const audience = page.getByTestId("question-editor").getByLabel(w.audience);
    await expect(audience.locator("option").nth(1)).toHaveText(w.role);
    await audience.selectOption({ index: 1 });
    await expect(page.getByTestId("question-editor").getByRole("checkbox")).toHaveCount(3);
    await expectNoViolations(page, "split and editor");
    // A question for the network managers that nobody answered yet: withheld.
    await room.host.activate(room.host.byTemplate("check3-manager-mandate"));
    await expect(page.getByTestId("withheld-results")).toBeVisible();
    await expect(page.getByTestId("active-audience")).toBeVisible();
    await expectNoViolations(page, "withheld");
    room.close();
    await context.close();
  });

  test(`the screen's split and a withheld question pass axe in ${language}, light and dark`, async ({ browser, request, baseURL }) => {
    const room = await sectorRoom(baseURL ?? "", request, { title: `Scherm ${language}`, language, splitBy: "sector" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(local(room.session.links.screen));
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByTestId("split-legend-item")).toHaveText([w.legend, w.other]);
    await expectNoViolations(page, "split, light");
    await page.keyboard.press("t");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expectNoViolations(page, "split, dark");
    await room.host.activate(room.host.byTemplate("check3-manager-mandate"));
    await expect(page.getByTestId("withheld-results")).toBeVisible();
    await expectNoViolations(page, "withheld, dark");
    room.close();
    await context.close();
  });

  test(`the report's splits and a withheld question pass axe in ${language}`, async ({ page, request, baseURL }) => {
    const room = await sectorRoom(baseURL ?? "", request, { title: `Rapport ${language}`, language });
    const mandate = room.host.byTemplate("check3-manager-mandate");
    await room.host.activate(mandate);
    const manager = PEOPLE.findIndex((p) => p.role === "network-manager");
    await room.phones[manager]?.vote(mandate, { value: 3 });
    room.close();
    await rememberSessions(page, [{ session: room.session, title: `Rapport ${language}` }], language);
    await page.goto(`/s/${room.session.id}/report`);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByTestId("report-split").first()).toBeVisible();
    await expect(page.getByTestId("report-withheld")).toBeVisible();
    const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
