/** The console's words: labels for its components, and sentences built from the catalogue (refusals, follow-up notes). */
import type { DraftHint, QuestionEditorLabels } from "@/components/question-editor";
import type { QuestionListLabels } from "@/components/question-list";
import { formatNumber, LOCALES, type Language, type MessageKey } from "@/lib/i18n";
import { DRAFT_PROBLEM_MESSAGES, type DraftProblem } from "@/lib/poll/question-draft";
import type { FollowupPlan } from "@/lib/poll/followup-plan";
import type { Ack, QuestionKind } from "@/lib/protocol";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The console's components take their words as props; these build them from the message catalogue. */
export function kindLabels(t: T): Record<QuestionKind, string> {
  return { single: t("kindSingle"), multiple: t("kindMultiple"), scale: t("kindScale"), ranking: t("kindRanking"), open: t("kindOpen"), words: t("kindWords"), dots: t("kindDots") };
}

export function questionListLabels(t: T, language: Language): QuestionListLabels {
  return {
    title: t("consoleQuestionsTitle"),
    number: (n) => t("consoleQuestionNumber", { n }),
    kinds: kindLabels(t),
    statusOpen: t("consoleStatusOpen"),
    statusClosed: t("consoleStatusClosed"),
    active: t("consoleActiveBadge"),
    grouping: t("consoleGroupingBadge"),
    respondents: (n) => t(plural(language, n, "consoleRespondentsOne", "consoleRespondentsN"), { n: formatNumber(language, n) }),
    locked: t("consoleLockedBadge"),
    activate: t("consoleActivateQuestion"),
    activateName: (n) => t("consoleActivateQuestionName", { n }),
    moveUpName: (n) => t("consoleMoveUpName", { n }),
    moveDownName: (n) => t("consoleMoveDownName", { n }),
    edit: t("consoleEditQuestion"),
    editName: (n) => t("consoleEditQuestionName", { n }),
    remove: t("consoleRemoveQuestion"),
    removeName: (n) => t("consoleRemoveQuestionName", { n }),
    removeConfirm: (n) => t("consoleRemoveConfirm", { n }),
    removeConfirmButton: t("consoleRemoveConfirmButton"),
    cancel: t("cancel"),
  };
}

export function questionEditorLabels(t: T, mode: { kind: "add" } | { kind: "edit"; n: number }): QuestionEditorLabels {
  return {
    title: mode.kind === "add" ? t("consoleEditorAddTitle") : t("consoleEditorEditTitle", { n: mode.n }),
    kind: t("consoleKindLabel"),
    kinds: kindLabels(t),
    prompt: t("consolePromptLabel"),
    options: t("consoleOptionsLabel"),
    option: (n) => t("consoleOptionLabel", { n }),
    addOption: t("consoleAddOption"),
    removeOption: (n) => t("consoleRemoveOptionName", { n }),
    maxChoices: t("consoleMaxChoicesEditorLabel"),
    maxRank: t("consoleMaxRankLabel"),
    budget: t("consoleBudgetLabel"),
    noMaximum: t("noMaximum"),
    allOptions: t("consoleAllOptions"),
    scaleMin: t("consoleScaleMinLabel"),
    scaleMax: t("consoleScaleMaxLabel"),
    scaleMinLabel: t("consoleScaleMinTextLabel"),
    scaleMaxLabel: t("consoleScaleMaxTextLabel"),
    groupsSection: t("consoleGroupsSection"),
    grouping: t("consoleGroupingCheckbox"),
    groupingHint: t("consoleGroupingHint"),
    audience: t("consoleAudienceLabel"),
    audienceEveryone: t("consoleAudienceEveryone"),
    audienceGroups: t("consoleAudienceGroups"),
    submit: mode.kind === "add" ? t("consoleSaveNewQuestion") : t("consoleSaveChanges"),
    cancel: t("cancel"),
    hints: draftHintLabels(t),
  };
}

function draftHintLabels(t: T): Record<DraftHint, string> {
  return {
    prompt: t("consoleHintPrompt"),
    options: t("consoleHintOptions"),
    duplicate: t("consoleHintDuplicate"),
    max: t("consoleHintMax"),
    budget: t("consoleHintBudget"),
    scale: t("consoleHintScale"),
    audience: t("consoleHintAudience"),
  };
}

/** "Vijandbeeld en Personele instabiliteit": a list as the language joins it. */
export function wordList(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(LOCALES[language], { style: "long", type: "conjunction" }).format(items);
}

/** One of two keys by the language's plural rule for `n` (French counts 0 and 1 as one, Dutch and English only 1). */
function plural(language: Language, n: number, one: MessageKey, other: MessageKey): MessageKey {
  return new Intl.PluralRules(LOCALES[language]).select(n) === "one" ? one : other;
}

/**
 * A refused command in the facilitator's words. The server's message is English and meant for developers; the
 * codes a facilitator can meet get a sentence of their own, the rest keep the server's text behind "Not done".
 */
export function refusalText(t: T, ack: Ack<unknown> | null): string | null {
  if (ack === null) return t("errorGeneric");
  if (ack.ok) return null;
  const { code, message } = ack.error;
  // A grouping question that other questions are asked of, or that the results are split by, must stay as it is.
  if (code === "question_locked" && /split|asked of/.test(message)) return t("consoleRefusedGroupsRest");
  if (code === "question_locked") return t("consoleRefusedLocked");
  if (code === "unavailable") return t("consoleRefusedUnavailable");
  if (code === "question_not_found") return t("consoleRefusedGone");
  if (code === "timer_not_running") return t("consoleRefusedTimer");
  if (code === "rate_limited") return t("rateLimited");
  if (code === "invalid_payload") {
    // A draft the editor's own checks let through (e.g. typed in two windows) is refused with the rule's own text.
    const problem = (Object.keys(DRAFT_PROBLEM_MESSAGES) as DraftProblem[]).find((p) => message.endsWith(DRAFT_PROBLEM_MESSAGES[p]));
    if (problem) return draftHintLabels(t)[problem];
    if (/single-choice question can sort/.test(message)) return t("consoleRefusedGroupingKind");
    if (/grouping|audience/.test(message)) return t("consoleRefusedAudience");
  }
  return t("consoleRefused", { message });
}

/**
 * What a follow-up of the top N holds right now, or why there can be none yet: the live preview under the
 * follow-up form, and (with `why` only) the reason a refused follow-up was refused.
 */
export function followupNote(t: T, language: Language, plan: FollowupPlan, labelOf: (id: string) => string): { list: string | null; why: string | null } {
  if (!plan.possible) {
    const why = plan.ids.length === 0 ? t("consoleFollowupTooFewNone") : t("consoleFollowupTooFewOne", { label: labelOf(plan.ids[0] ?? "") });
    return { list: null, why };
  }
  const list = t("consoleFollowupWillHold", { list: wordList(language, plan.ids.map(labelOf)) });
  return { list, why: followupDifference(t, language, plan, labelOf) };
}

/** Why the ranking holds more or fewer options than the top N asked for; null when it holds exactly N. */
export function followupDifference(t: T, language: Language, plan: FollowupPlan, labelOf: (id: string) => string): string | null {
  const count = plan.ids.length;
  if (plan.tied.length > 0 && plan.tiedCount !== null) {
    const votes = t(plural(language, plan.tiedCount, "consoleChosenEachOne", "consoleChosenEachOther"), { n: plan.tiedCount });
    return t("consoleFollowupTied", { tied: wordList(language, plan.tied.map(labelOf)), votes, count, n: plan.topN });
  }
  if (count < plan.topN) return t("consoleFollowupFewer", { count, n: plan.topN });
  return null;
}
