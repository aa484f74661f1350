/** The groups views pass axe (WCAG 2.2 AA) in nl, en and fr: the split on the console, the screen and the report, the editor's groups, withheld numbers. */
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import { REPORT_MESSAGES } from "../lib/messages/report";
import { SCREEN_MESSAGES } from "../lib/messages/screen";
import { LANGUAGES, axeProblems, messageKeys, screenControlsShown } from "./axe-helpers";
import { PEOPLE, sectorRoom } from "./groups-helpers";
import { local } from "./pages";
import { rememberSessions } from "./views-data";

const KEYS = messageKeys(CORE_MESSAGES, CONSOLE_MESSAGES, SCREEN_MESSAGES, REPORT_MESSAGES);

const WORDS = {
  nl: { legend: "Welzijn n = 6", groups: "Groepen: groepsvraag en voor wie", audience: "Voor wie is deze vraag?", role: /Welke rol/, other: "Overige samen n = 7" },
  en: { legend: "Welfare n = 6", groups: "Groups: grouping question and who is asked", audience: "Who is this question for?", role: /Which role/, other: "Others together n = 7" },
  fr: { legend: "Social n = 6", groups: "Groupes : question de groupe et destinataires", audience: "À qui s'adresse cette question ?", role: /Quel rôle/, other: "Autres réunis n = 7" },
} as const;

for (const language of LANGUAGES) {
  const w = WORDS[language];

  // A room per language, not one switched between languages: the sector question is written in the session's
  // language. One room for the console and the screen (a room for each made this spec one of the slowest).
  test(`the console's split, its editor of groups, the screen's split and a withheld question pass axe in ${language}`, async ({ browser, request, baseURL }) => {
    const room = await sectorRoom(baseURL ?? "", request, { title: `Groepen ${language}`, language, splitBy: "sector" });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const problems: string[] = [];
    const scan = async (view: Page, state: string) => void problems.push(...(await axeProblems(view, `${state} in ${language}`, KEYS)));

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
    await scan(page, "console: split and editor");

    const screen = await context.newPage();
    await screen.goto(local(room.session.links.screen));
    const scanScreen = async (state: string) => {
      await screenControlsShown(screen);
      await scan(screen, state);
    };
    await expect(screen.locator("html")).toHaveAttribute("lang", language);
    await expect(screen.getByTestId("split-legend-item")).toHaveText([w.legend, w.other]);
    await scanScreen("screen: split, light");
    await screen.keyboard.press("t");
    await expect(screen.locator("html")).toHaveAttribute("data-theme", "dark");
    await scanScreen("screen: split, dark");

    // A question for the network managers that nobody answered yet: withheld.
    await room.host.activate(room.host.byTemplate("check3-manager-mandate"));
    await expect(page.getByTestId("withheld-results")).toBeVisible();
    await expect(page.getByTestId("active-audience")).toBeVisible();
    await scan(page, "console: withheld");
    await expect(screen.getByTestId("withheld-results")).toBeVisible();
    await scanScreen("screen: withheld, dark");
    expect(problems).toEqual([]);
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
    expect(await axeProblems(page, `report in ${language}`, KEYS)).toEqual([]);
  });
}
