/**
 * The nine challenges as a question, for the phone's first load: recognising a challenge question and wording it
 * in the phone's own language.
 */
import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import type { OptionView } from "./protocol";
import type { Wording } from "./question-wording";

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
 * The built-in texts a phone knows in every language: the nine-challenges question and the challenges as
 * options. Other template questions reach the phone worded in the session's language.
 */
export const CHALLENGE_WORDING: Wording = {
  question: (id) => (id === "nine-challenges" ? { prompt: CHALLENGES_PROMPT, options: CHALLENGES } : undefined),
  option: (id) => CHALLENGES.find((c) => c.id === id),
};
