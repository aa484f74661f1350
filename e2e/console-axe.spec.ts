/** The console passes axe (WCAG 2.2 AA) in nl, en and fr: the list, the editor of every kind, the results of every kind. */
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import type { CreatedSession, QuestionDraft } from "../lib/protocol";
import { QUESTION_KINDS, type QuestionKind } from "../lib/protocol-constants";
import { LANGUAGES, axeProblems, inEachLanguage, messageKeys, shownLanguage, switchLanguage, type Language } from "./axe-helpers";
import { createSession, facilitator, participant } from "./console-helpers";
import { local } from "./pages";

const KEYS = messageKeys(CORE_MESSAGES, CONSOLE_MESSAGES);

const WORDS = {
  nl: { type: "Soort vraag", edit: "Bewerken: vraag 2", remove: "Weghalen: vraag 1", reset: "Vraag leegmaken", hide: "Verbergen: More coffee", create: /Rangschikking maken/ },
  en: { type: "Question type", edit: "Edit: question 2", remove: "Remove: question 1", reset: "Reset question", hide: "Hide: More coffee", create: /Create follow-up/ },
  fr: { type: "Type de question", edit: "Modifier : question 2", remove: "Retirer : question 1", reset: "Réinitialiser la question", hide: "Masquer : More coffee", create: /Créer un classement/ },
} as const;

/** The kinds in the order the results tests ask them, with a vote for each (own questions' options are o1, o2, ...). */
const KINDS: { kind: QuestionKind; draft?: QuestionDraft; answer: { optionIds?: string[]; value?: number; text?: string } }[] = [
  { kind: "multiple", answer: { optionIds: ["power-play", "enemy-image"] } },
  { kind: "single", draft: { kind: "single", prompt: "Which day suits you?", options: ["Monday", "Tuesday"] }, answer: { optionIds: ["o1"] } },
  { kind: "scale", draft: { kind: "scale", prompt: "How satisfied are you?" }, answer: { value: 4 } },
  { kind: "ranking", draft: { kind: "ranking", prompt: "Put these in order", options: ["Coffee", "Tea", "Water"] }, answer: { optionIds: ["o2", "o1"] } },
  { kind: "open", draft: { kind: "open", prompt: "Anything else?" }, answer: { text: "More coffee" } },
];

/** The console of `session`, first loaded in `language`. */
async function openConsole(page: Page, session: CreatedSession, language: Language): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);
  await page.goto(local(session.links.host));
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/**
 * Scans the console in each state in every language, switched with its own buttons (a session and a page load per
 * language made this spec one of the slowest of the suite); `ready`, in each language before its scan, checks that
 * the state is still the one meant or brings it back. Problems are collected, so one failure lists them all.
 */
function scanner(page: Page, problems: string[]) {
  return (state: string, o: { within?: string; ready?: (language: Language) => Promise<void> } = {}) =>
    inEachLanguage(page, async (language) => {
      await o.ready?.(language);
      problems.push(...(await axeProblems(page, `${state} in ${language}`, KEYS, o.within)));
    });
}

const ACTIVE = '[data-testid="active-question"]';
const EDITOR = '[data-testid="question-editor"]';

// Four tests, each loading the console first in a language of its own (so every language is met on a first load
// too): choice kinds with the whole page; scale, ranking and open; three kinds of editor; two with the hints and
// the confirmations.
const RESULTS = [
  ["single and multiple choice", KINDS.slice(0, 2)],
  ["scale, ranking and open", KINDS.slice(2)],
] as const;
const EDITORS = [
  ["single choice, multiple choice and scale", QUESTION_KINDS.slice(0, 3)],
  ["ranking and open", QUESTION_KINDS.slice(3)],
] as const;

for (const [n, [part, kinds]] of RESULTS.entries()) {
  const first = LANGUAGES[n % LANGUAGES.length] ?? "nl";
  test(`the console's results of ${part} questions pass axe in nl, en and fr`, async ({ page, request, baseURL }) => {
    const session = await createSession(request, { title: `Toegankelijk ${first}`, template: "challenges", language: first });
    const host = await facilitator(baseURL ?? "", session);
    const ids: string[] = [];
    for (const k of kinds) ids.push(k.draft ? await host.add(k.draft) : (host.questions()[0]?.id ?? ""));
    await host.activate(ids[0] ?? "");
    const voter = await participant(baseURL ?? "", session, "axe");
    await openConsole(page, session, first);
    const rows = page.getByTestId("question-item");
    const problems: string[] = [];
    const scan = scanner(page, problems);

    if (kinds[0]?.kind === "multiple") {
      // The whole page, with a refused follow-up (nobody chose anything yet) and its reason. The console keeps the
      // reason in the language it was refused in, so each language asks again and gets it in its own words.
      await scan("nine challenges, refused follow-up", {
        ready: async (language) => {
          await page.getByRole("button", { name: WORDS[language].create }).click();
          await expect(page.getByTestId("followup-error")).toHaveText(CONSOLE_MESSAGES[language].consoleFollowupTooFewNone);
        },
      });
    }
    for (const [i, k] of kinds.entries()) {
      if (i > 0) await host.activate(ids[i] ?? "");
      await expect(rows.filter({ has: page.getByTestId("question-kind").and(page.locator(`[data-kind="${k.kind}"]`)) })).toHaveAttribute("aria-current", "step");
      await voter.vote(k.answer);
      await expect(page.getByTestId("respondents-count")).toHaveText("1");
      if (k.kind === "open") {
        await page.getByRole("button", { name: WORDS[await shownLanguage(page)].hide }).click();
        await expect(page.getByTestId("open-answer")).toHaveAttribute("data-hidden", "true");
      }
      await scan(`results of a ${k.kind} question`, { within: k.kind === "multiple" ? undefined : ACTIVE });
      if (k.kind === "multiple") {
        // The console follows the system's dark mode: its colours pass too (once, in Dutch).
        await switchLanguage(page, "nl");
        await page.emulateMedia({ colorScheme: "dark" });
        problems.push(...(await axeProblems(page, "nine challenges in dark mode in nl", KEYS)));
        await page.emulateMedia({ colorScheme: "light" });
      }
    }
    expect(problems).toEqual([]);
    voter.close();
    host.close();
  });
}

for (const [n, [part, kinds]] of EDITORS.entries()) {
  const first = LANGUAGES[(n + 2) % LANGUAGES.length] ?? "nl";
  test(`the console's editor of ${part} questions passes axe in nl, en and fr`, async ({ page, request, baseURL }) => {
    const session = await createSession(request, { title: `Toegankelijk ${first}`, template: "challenges", language: first });
    const host = await facilitator(baseURL ?? "", session);
    await host.add({ kind: "single", prompt: "Which day suits you?", options: ["Monday", "Tuesday"] });
    host.close();
    await openConsole(page, session, first);
    await expect(page.getByTestId("question-item")).toHaveCount(2);
    const problems: string[] = [];
    const scan = scanner(page, problems);

    // The editor, opened in the row it edits, for each kind.
    await page.getByRole("button", { name: WORDS[first].edit }).click();
    const editor = page.getByTestId("question-editor");
    for (const kind of kinds) {
      await editor.getByLabel(WORDS[await shownLanguage(page)].type).selectOption(kind);
      await scan(`editor of a ${kind} question`, { within: EDITOR, ready: (language) => expect(editor.getByLabel(WORDS[language].type)).toHaveValue(kind) });
    }
    if (kinds.includes("open")) {
      // With the hints it shows when something is missing.
      await editor.getByRole("textbox").first().fill("");
      await editor.locator('button[type="submit"]').click();
      await scan("editor with hints", { within: EDITOR, ready: () => expect(editor.getByTestId("editor-hints")).toBeVisible() });

      // The whole page with the editor and two confirmations open.
      const w = WORDS[await shownLanguage(page)];
      await page.getByRole("button", { name: w.remove }).click();
      await page.getByRole("button", { name: w.reset }).click();
      await scan("editing and confirming a removal and a reset", { ready: () => expect(page.getByRole("alertdialog")).toHaveCount(2) });
    }
    expect(problems).toEqual([]);
  });
}
