/** Who a question is asked of, in words: the answers of its grouping question that its audience names. */
import type { Language } from "../i18n";
import type { Audience, QuestionSummary } from "../protocol";
import { wordOptions, type Wording } from "../question-wording";
import type { QuestionTemplate } from "../templates";

/**
 * The labels of the groups a question is asked of, in the reader's language; null for a question of everyone.
 * The console and the report know every grouping question (the console's summaries, the report's questions with
 * their answers as `groups`); the screen knows only the active question, so there
 * the article's own questions are worded from their template and a facilitator's own audience gives no names ([]).
 */
export function audienceLabels(
  question: { template: string | null; audience?: Audience },
  summaries: readonly Pick<QuestionSummary, "id" | "template" | "groups">[] | undefined,
  language: Language,
  wording: Wording,
  templates: readonly QuestionTemplate[],
): string[] | null {
  const audience = question.audience;
  if (!audience) return null;
  const by = summaries?.find((s) => s.id === audience.questionId);
  if (by) {
    const groups = wordOptions({ template: by.template, options: by.groups ?? [] }, language, wording);
    return audience.optionIds.map((id) => groups.find((g) => g.id === id)?.label ?? id);
  }
  const own = templates.find((t) => t.id === question.template)?.audience;
  const grouping = own ? templates.find((t) => t.id === own.template) : undefined;
  if (!own || !grouping) return [];
  return audience.optionIds.map((id) => grouping.options.find((o) => o.id === id)?.label[language] ?? id);
}
