/**
 * The phone passes axe (WCAG 2.2 AA) in Dutch, English and French, for every question kind and in every state a
 * participant meets: waiting, the ballot (an explanation open), sent, the results shown after voting closed,
 * and reconnecting. No message key shows instead of its text.
 */
import { expect, test, type Page } from "@playwright/test";
import { CORE_MESSAGES } from "../lib/i18n";
import { PHONE_MESSAGES } from "../lib/messages/phone";
import type { QuestionDraft } from "../lib/protocol";
import { LANGUAGES, axeProblems, inEachLanguage, messageKeys, receiptInView } from "./axe-helpers";
import { CHALLENGE_IDS } from "./pages";
import { createSession, facilitator, local, openPhone, othersVote } from "./phone-room";

const KEYS = messageKeys(CORE_MESSAGES, PHONE_MESSAGES);

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

// One phone per kind walks through the states; each state is scanned in every language, switched with the phone's
// own buttons (a page load and a session per language made this spec the slowest of the suite). The phone first
// loads in a language of its own per kind, so each language is also met on a first load.
for (const [i, kind] of KINDS.entries()) {
  const first = LANGUAGES[i % LANGUAGES.length] ?? "nl";
  test(`the phone passes axe for ${kind.name} in nl, en and fr`, async ({ browser, baseURL }) => {
    const session = await createSession(baseURL ?? "", `Toegankelijk ${first}`, kind.draft ? "empty" : "challenges", first);
    const host = await facilitator(baseURL ?? "", session);
    const { context, page } = await openPhone(browser, local(session.links.join), { language: first, reducedMotion: true });
    const problems: string[] = [];
    // `ready`, in each language before its scan: the state is still the one meant (or brought back).
    const scan = (state: string, ready?: () => Promise<void>) =>
      inEachLanguage(page, async (language) => {
        await ready?.();
        problems.push(...(await axeProblems(page, `${state} in ${language}`, KEYS)));
      });
    let questionId = host.activeId ?? "";
    if (kind.draft) {
      await expect(page.getByTestId("waiting")).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", first);
      if (kind.name === "an open question") await scan("waiting");
      questionId = (await host.add(kind.draft)).question.id;
    }
    await expect(page.locator("form")).toBeVisible();
    if (!kind.draft) await expect(page.locator("html")).toHaveAttribute("lang", first);
    const explanation = page.locator("details").first();
    const explains = (await explanation.count()) > 0;
    if (explains) await explanation.locator("summary").click();
    await scan("ballot", async () => {
      if (explains) await expect(explanation).toHaveAttribute("open", "");
    });
    await kind.answer(page);
    await page.locator("form button[type=submit]").click();
    await expect(page.getByTestId("receipt")).toBeVisible();
    await scan("sent", () => receiptInView(page));
    await othersVote(baseURL ?? "", session, kind.others, "axe");
    await host.showResults(questionId);
    await host.closeVoting(questionId);
    await expect(page.getByTestId("phone-results")).toBeVisible();
    await expect(page.getByTestId("closed-message")).toBeVisible();
    await scan("results, voting closed", () => expect(page.getByTestId("phone-results")).toBeVisible());
    if (kind.name === "an open question") {
      await context.setOffline(true);
      const reconnecting = page.getByTestId("reconnecting");
      await expect(reconnecting).toBeVisible();
      await scan("reconnecting", () => expect(reconnecting).toBeVisible());
    }
    expect(problems).toEqual([]);
    host.close();
    await context.close();
  });
}
