/** The console passes axe (WCAG 2.2 AA) in nl, en and fr: the list, the editor of every kind, the results of every kind. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { CONSOLE_MESSAGES } from "../lib/messages/console";
import type { QuestionDraft } from "../lib/protocol";
import { QUESTION_KINDS, type QuestionKind } from "../lib/protocol-constants";
import { createSession, facilitator, participant } from "./console-helpers";
import { local } from "./pages";

/** Message keys (camelCase, so no ordinary word) that would show if the console forgot to load its catalogue. */
const KEYS = [CORE_MESSAGES, CONSOLE_MESSAGES].flatMap((catalogue) => Object.keys(catalogue.nl)).filter((key) => /[a-z][A-Z]/.test(key));

async function expectNoViolations(page: Page, name: string, within?: string) {
  const text = await page.locator("body").innerText();
  expect(KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text)), `${name}: untranslated message keys`).toEqual([]);
  // Only violations are read: axe then skips collecting the details of every passing node, which is most of its time.
  let axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  if (within) axe = axe.include(within);
  const result = await axe.analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${name}: axe violations`).toEqual([]);
}

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

for (const language of ["nl", "en", "fr"] as const) {
  // Two tests per language (choice kinds with the whole page; scale, ranking and open), so each stays short.
  for (const [part, kinds] of [
    ["single and multiple choice", KINDS.slice(0, 2)],
    ["scale, ranking and open", KINDS.slice(2)],
  ] as const) {
    test(`the console's results of ${part} questions pass axe in ${language}`, async ({ page, request, baseURL }) => {
      const w = WORDS[language];
      const session = await createSession(request, { title: `Toegankelijk ${language}`, template: "challenges", language });
      const host = await facilitator(baseURL ?? "", session);
      const ids: string[] = [];
      for (const k of kinds) ids.push(k.draft ? await host.add(k.draft) : (host.questions()[0]?.id ?? ""));
      await host.activate(ids[0] ?? "");
      const voter = await participant(baseURL ?? "", session, `axe-${language}`);

      await page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);
      await page.goto(local(session.links.host));
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      const rows = page.getByTestId("question-item");

      if (kinds[0]?.kind === "multiple") {
        // The whole page once, with a refused follow-up (nobody chose anything yet) and its reason.
        await page.getByRole("button", { name: w.create }).click();
        await expect(page.getByTestId("followup-error")).toBeVisible();
        await expectNoViolations(page, "nine challenges, refused follow-up");
      }
      for (const [i, k] of kinds.entries()) {
        if (i > 0) await host.activate(ids[i] ?? "");
        await expect(rows.filter({ has: page.getByTestId("question-kind").and(page.locator(`[data-kind="${k.kind}"]`)) })).toHaveAttribute("aria-current", "step");
        await voter.vote(k.answer);
        await expect(page.getByTestId("respondents-count")).toHaveText("1");
        if (k.kind === "open") {
          await page.getByRole("button", { name: w.hide }).click();
          await expect(page.getByTestId("open-answer")).toHaveAttribute("data-hidden", "true");
        }
        await expectNoViolations(page, `results of a ${k.kind} question`, k.kind === "multiple" ? undefined : '[data-testid="active-question"]');
        if (k.kind === "multiple" && language === "nl") {
          // The console follows the system's dark mode: its colours pass too.
          await page.emulateMedia({ colorScheme: "dark" });
          await expectNoViolations(page, "nine challenges in dark mode");
          await page.emulateMedia({ colorScheme: "light" });
        }
      }
      voter.close();
      host.close();
    });
  }

  // Two tests per language again: three kinds of editor, then two with the hints and the confirmations.
  for (const [part, kinds] of [
    ["single choice, multiple choice and scale", QUESTION_KINDS.slice(0, 3)],
    ["ranking and open", QUESTION_KINDS.slice(3)],
  ] as const) {
    test(`the console's editor of ${part} questions passes axe in ${language}`, async ({ page, request, baseURL }) => {
      const w = WORDS[language];
      const session = await createSession(request, { title: `Toegankelijk ${language}`, template: "challenges", language });
      const host = await facilitator(baseURL ?? "", session);
      await host.add({ kind: "single", prompt: "Which day suits you?", options: ["Monday", "Tuesday"] });
      host.close();
      await page.addInitScript((l) => localStorage.setItem("tafelronde:language", l), language);
      await page.goto(local(session.links.host));
      await expect(page.getByTestId("question-item")).toHaveCount(2);

      // The editor, opened in the row it edits, for each kind.
      await page.getByRole("button", { name: w.edit }).click();
      const editor = page.getByTestId("question-editor");
      for (const kind of kinds) {
        await editor.getByLabel(w.type).selectOption(kind);
        await expectNoViolations(page, `editor of a ${kind} question`, '[data-testid="question-editor"]');
      }
      if (kinds.includes("open")) {
        // With the hints it shows when something is missing.
        await editor.getByRole("textbox").first().fill("");
        await editor.locator('button[type="submit"]').click();
        await expect(editor.getByTestId("editor-hints")).toBeVisible();
        await expectNoViolations(page, "editor with hints", '[data-testid="question-editor"]');

        // The whole page with the editor and two confirmations open.
        await page.getByRole("button", { name: w.remove }).click();
        await page.getByRole("button", { name: w.reset }).click();
        await expect(page.getByRole("alertdialog")).toHaveCount(2);
        await expectNoViolations(page, "editing and confirming a removal and a reset");
      }
    });
  }
}
