/**
 * The phone passes axe (WCAG 2.2 AA) in Dutch, English and French, for every question kind and in every state a
 * participant meets: waiting, the ballot (an explanation open), sent, the results shown after voting closed,
 * and reconnecting. No message key shows instead of its text.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { PHONE_MESSAGES } from "../lib/messages/phone";
import type { QuestionDraft } from "../lib/protocol";
import { CHALLENGE_IDS } from "./pages";
import { createSession, facilitator, local, openPhone, othersVote } from "./phone-room";

const KEYS = [CORE_MESSAGES, PHONE_MESSAGES].flatMap((c) => Object.keys(c.nl)).filter((key) => /[a-z][A-Z]/.test(key));

async function violations(page: Page, state: string): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const keys = KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text)).map((key) => `${state}: untranslated key ${key}`);
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return [...keys, ...result.violations.map((v) => `${state}: ${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)];
}

interface Kind {
  name: string;
  draft?: QuestionDraft;
  answer: (phone: Page) => Promise<void>;
  others: Record<string, unknown>[];
}

const KINDS: Kind[] = [
  {
    name: "the nine challenges",
    answer: (p) => p.getByTestId("option-power-play").check(),
    others: CHALLENGE_IDS.map((id) => ({ optionIds: [id] })),
  },
  {
    name: "a single choice",
    draft: { kind: "single", prompt: "Koffie of thee?", options: ["Koffie", "Thee"] },
    answer: (p) => p.getByTestId("option-o2").check(),
    others: [{ optionIds: ["o1"] }],
  },
  {
    name: "a scale",
    draft: { kind: "scale", prompt: "Hoe tevreden ben je?", scale: { min: 1, max: 5, minLabel: "Niet", maxLabel: "Heel" } },
    answer: (p) => p.getByTestId("scale-value-4").check(),
    others: [{ value: 2 }],
  },
  {
    name: "a ranking",
    draft: { kind: "ranking", prompt: "Wat eerst?", options: ["Budget", "Tijd", "Mandaat"], maxChoices: 2 },
    answer: async (p) => {
      await p.getByTestId("rank-add-o3").click();
      await p.getByTestId("rank-add-o1").click();
    },
    others: [{ optionIds: ["o2"] }],
  },
  {
    name: "an open question",
    draft: { kind: "open", prompt: "Wat neem je mee?" },
    answer: (p) => p.getByTestId("open-answer").fill("Meer samen beslissen"),
    others: [{ text: "Afspraken op papier" }],
  },
];

for (const language of ["nl", "en", "fr"] as const) {
  for (const kind of KINDS) {
    test(`the phone passes axe for ${kind.name} in ${language}`, async ({ browser, baseURL }) => {
      const session = await createSession(baseURL ?? "", `Toegankelijk ${language}`, kind.draft ? "empty" : "challenges", language);
      const host = await facilitator(baseURL ?? "", session);
      const { context, page } = await openPhone(browser, local(session.links.join), { language, reducedMotion: true });
      const problems: string[] = [];
      let questionId = host.activeId ?? "";
      if (kind.draft) {
        await expect(page.getByTestId("waiting")).toBeVisible();
        if (kind.name === "an open question") problems.push(...(await violations(page, "waiting")));
        questionId = (await host.add(kind.draft)).question.id;
      }
      await expect(page.locator("form")).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      const explanation = page.locator("details summary").first();
      if (await explanation.count()) await explanation.click();
      problems.push(...(await violations(page, "ballot")));
      await kind.answer(page);
      await page.locator("form button[type=submit]").click();
      await expect(page.getByTestId("receipt")).toBeVisible();
      problems.push(...(await violations(page, "sent")));
      await othersVote(baseURL ?? "", session, kind.others, `axe-${language}`);
      await host.showResults(questionId);
      await host.closeVoting(questionId);
      await expect(page.getByTestId("phone-results")).toBeVisible();
      await expect(page.getByTestId("closed-message")).toBeVisible();
      problems.push(...(await violations(page, "results, voting closed")));
      if (kind.name === "an open question") {
        await context.setOffline(true);
        await expect(page.getByTestId("reconnecting")).toBeVisible();
        problems.push(...(await violations(page, "reconnecting")));
      }
      expect(problems).toEqual([]);
      host.close();
      await context.close();
    });
  }
}
