import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import type { Language } from "./languages";
import type { OptionView, QuestionView } from "./protocol";

/*
 * Kept apart from templates.ts on purpose: the phone's first load carries this file, and the templates' texts
 * in three languages (with the discussion prompts) would cost it about 4 kB gzip of its 160 kB budget.
 */

/**
 * A question about the nine challenges: the nine-challenges template, or any question whose options are all
 * challenges (such as the follow-up ranking of the top challenges).
 */
export function isChallengeQuestion(question: { template: string | null; options: readonly OptionView[] }): boolean {
  if (question.template === "nine-challenges") return true;
  return question.options.length > 0 && question.options.every((o) => CHALLENGES.some((c) => c.id === o.id));
}

/**
 * The prompt as a phone shows it: the nine-challenges question in the phone's own language (its options follow
 * it too), anything else as the server worded it in the session's language.
 */
export function phonePrompt(question: Pick<QuestionView, "prompt" | "template">, language: Language): string {
  return question.template === "nine-challenges" ? CHALLENGES_PROMPT[language] : question.prompt;
}
