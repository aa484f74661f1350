import type { Language } from "./languages";
import type { QuestionView, ScaleSettings } from "./protocol";
import { findTemplate, scaleIn } from "./templates";

/**
 * The wording of a question in the reader's language. The server words a question in the session's language;
 * a template question is known here in every language, so a phone or screen that switched language follows.
 * The facilitator's own questions keep their wording.
 */
export function localisedPrompt(question: Pick<QuestionView, "prompt" | "template">, language: Language): string {
  return findTemplate(question.template)?.prompt[language] || question.prompt;
}

/** The scale's ends in the reader's language (template questions), or as the facilitator wrote them. */
export function localisedScale(question: Pick<QuestionView, "scale" | "template">, language: Language): ScaleSettings | undefined {
  const template = findTemplate(question.template);
  const fromTemplate = template ? scaleIn(template, language) : undefined;
  return fromTemplate ?? question.scale;
}
