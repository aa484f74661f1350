/**
 * The words of an action round in nl, en and fr: the prompt per challenge, the dot vote's prompt, the review's
 * question and answers, and how a due date reads. What an action round is lives in lib/poll/actions.ts.
 */
import { CHALLENGES } from "./challenges";
import { LOCALES } from "./i18n";
import type { Language } from "./languages";
import { parseActionTemplate, REVIEW_OPTION_IDS } from "./poll/actions";
import type { ActionState } from "./action-constants";
import type { BuiltInOption, BuiltInQuestion, Text } from "./question-wording";

const none: Text = { nl: "", en: "", fr: "" };

function promptFor(challengeId: string): Text | undefined {
  const challenge = CHALLENGES.find((c) => c.id === challengeId);
  if (!challenge) return undefined;
  const { nl, en, fr } = challenge.label;
  return {
    nl: `Welke concrete actie helpt ons met ‘${nl}’?`,
    en: `Which concrete action would help us with ‘${en}’?`,
    fr: `Quelle action concrète nous aiderait face à « ${fr} » ?`,
  };
}

export const DOTS_PROMPT: Text = {
  nl: "Verdeel je stippen over de voorstellen: welke acties pakken we aan?",
  en: "Spread your dots over the proposals: which actions do we take on?",
  fr: "Répartissez vos gommettes sur les propositions : quelles actions menons-nous ?",
};

/** The states of an action in words: a label and a line that says what it means. */
export const ACTION_STATE_WORDS: Record<ActionState, { label: Text; description: Text }> = {
  done: {
    label: { nl: "Gedaan", en: "Done", fr: "Réalisée" },
    description: { nl: "De actie is uitgevoerd.", en: "The action has been carried out.", fr: "L'action a été menée à bien." },
  },
  "under-way": {
    label: { nl: "Onderweg", en: "Under way", fr: "En cours" },
    description: { nl: "Er is mee begonnen, maar ze is nog niet af.", en: "It has been started but is not finished.", fr: "Elle a commencé mais n'est pas terminée." },
  },
  "not-started": {
    label: { nl: "Nog niet gestart", en: "Not started", fr: "Pas commencée" },
    description: { nl: "Er is nog niets mee gebeurd.", en: "Nothing has happened with it yet.", fr: "Rien n'a encore été fait." },
  },
};

const REVIEW_OPTIONS: readonly BuiltInOption[] = REVIEW_OPTION_IDS.map((id) => ({ id, ...ACTION_STATE_WORDS[id] }));

/**
 * The built-in texts of an action round's questions. A review question's prompt names the action as the
 * facilitator typed it, so it is stored with the question; only its answers follow the reader's language.
 */
export function actionQuestionWording(templateId: string): BuiltInQuestion | undefined {
  const parsed = parseActionTemplate(templateId);
  if (!parsed) return undefined;
  switch (parsed.kind) {
    case "prompt": {
      const prompt = promptFor(parsed.challengeId);
      return prompt ? { prompt, options: [] } : undefined;
    }
    case "dots":
      return { prompt: DOTS_PROMPT, options: [] };
    case "review":
      return { prompt: none, options: REVIEW_OPTIONS };
  }
}

/** A due date (`YYYY-MM-DD`) as the reader says it: "15 maart 2027". */
export function formatDueDate(language: Language, day: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** The review question of one action, in the session's language: the action, who has it and by when. */
export function reviewPrompt(language: Language, action: { text: string; owner: string; due: string | null }): string {
  const due = action.due ? formatDueDate(language, action.due) : null;
  switch (language) {
    case "nl":
      return `Actie van vorige keer: ‘${action.text}’ (${action.owner}${due ? `, tegen ${due}` : ""}). Hoe ver staat ze?`;
    case "en":
      return `Action from last time: ‘${action.text}’ (${action.owner}${due ? `, by ${due}` : ""}). How far has it got?`;
    case "fr":
      return `Action de la dernière fois : « ${action.text} » (${action.owner}${due ? `, pour le ${due}` : ""}). Où en est-elle ?`;
  }
}

/** The action a review question asks about, read back from its prompt (the quotes `reviewPrompt` puts around it). */
export function reviewedActionText(prompt: string): string | null {
  const match = /^[^‘«]*(?:‘(.+)’|« (.+) ») \(/s.exec(prompt);
  return match?.[1] ?? match?.[2] ?? null;
}
