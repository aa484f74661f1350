/**
 * A stored question as the protocol shows it (its view, worded in one language) and as counting needs it (its
 * rules, without words). The server builds both from here, so wording and rules have one source.
 */
import type { Language } from "./languages";
import type { ResultsQuestion } from "./poll/results";
import type { Audience, QuestionKind, QuestionStatus, QuestionView, ScaleSettings } from "./protocol";
import { wordOptions, wordPrompt, wordScale } from "./question-wording";
import { TEMPLATE_WORDING } from "./templates";

/** An option of a facilitator's own question (template questions take theirs from lib/templates.ts). */
export interface OptionRecord {
  id: string;
  label: string;
  /** A proposal of an action round: the challenge (id) it was proposed for, which readers name in their language. */
  about?: string;
}

/** A question as stored, without the session's bookkeeping (session id, round). */
export interface QuestionRecord {
  id: string;
  position: number;
  kind: QuestionKind;
  /** Template id (lib/templates.ts) whose wording follows the reader's language; `null` for own questions. */
  template: string | null;
  /** Own questions: the prompt as written; template questions: `null`. */
  prompt: string | null;
  /** Own questions and follow-ups: the options (labels may be empty when the id is a known challenge). */
  options: OptionRecord[] | null;
  maxChoices: number | null;
  scale: ScaleSettings | null;
  status: QuestionStatus;
  resultsVisible: boolean;
  /** A single-choice question whose answers sort the room into groups (a role, a sector). */
  grouping: boolean;
  /** Asked only of those who gave one of these answers to a grouping question; `null`: asked of everyone. */
  audience: Audience | null;
}

export function questionView(q: QuestionRecord, language: Language): QuestionView {
  const view: QuestionView = {
    id: q.id,
    kind: q.kind,
    prompt: wordPrompt(q, language, TEMPLATE_WORDING),
    maxChoices: q.maxChoices,
    status: q.status,
    resultsVisible: q.resultsVisible,
    options: wordOptions(q, language, TEMPLATE_WORDING),
    template: q.template,
    position: q.position,
  };
  const scale = wordScale(q, language, TEMPLATE_WORDING);
  if (scale) view.scale = scale;
  if (q.grouping) view.grouping = true;
  if (q.audience) view.audience = { questionId: q.audience.questionId, optionIds: [...q.audience.optionIds] };
  return view;
}

/** What checking and counting a ballot need of a question: option ids, the maximum and the scale; no words. */
export function questionRules(q: QuestionRecord): ResultsQuestion {
  const rules: ResultsQuestion = { id: q.id, kind: q.kind, optionIds: wordOptions(q, "nl", TEMPLATE_WORDING).map((o) => o.id), maxChoices: q.maxChoices };
  const scale = wordScale(q, "nl", TEMPLATE_WORDING);
  if (scale) rules.scale = { min: scale.min, max: scale.max };
  return rules;
}
