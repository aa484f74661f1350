import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import type { Language, OptionView } from "./protocol";

/** Options of the nine-challenges question in one language, in the article's order. */
export function challengeOptions(language: Language): OptionView[] {
  return CHALLENGES.map((c) => ({ id: c.id, label: c.label[language], description: c.description[language] }));
}

export function challengePrompt(language: Language): string {
  return CHALLENGES_PROMPT[language];
}

/**
 * Show options in the reader's language when they switched it on their phone: challenge options are known
 * here in every language; anything else keeps the session's wording.
 */
export function localiseOptions(options: readonly OptionView[], language: Language): OptionView[] {
  return options.map((o) => {
    const challenge = CHALLENGES.find((c) => c.id === o.id);
    return challenge ? { id: o.id, label: challenge.label[language], description: challenge.description[language] } : o;
  });
}

/** Labels in two languages at once ("Machtsspel · Jeux de pouvoir") for a bilingual room's screen. */
export function bilingualOptions(options: readonly OptionView[], first: Language, second: Language | null): OptionView[] {
  const primary = localiseOptions(options, first);
  if (!second || second === first) return primary;
  const other = localiseOptions(options, second);
  return primary.map((o, i) => {
    const label2 = other[i]?.label;
    return label2 && label2 !== o.label ? { ...o, label: `${o.label} · ${label2}` } : o;
  });
}
