import type { QuestionEditorLabels } from "@/components/question-editor";
import type { QuestionListLabels } from "@/components/question-list";
import type { MessageKey } from "@/lib/i18n";
import type { QuestionKind } from "@/lib/protocol";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The console's components take their words as props; these build them from the message catalogue. */
export function kindLabels(t: T): Record<QuestionKind, string> {
  return { single: t("consoleKindSingle"), multiple: t("consoleKindMultiple"), scale: t("consoleKindScale"), ranking: t("consoleKindRanking"), open: t("consoleKindOpen") };
}

export function questionListLabels(t: T): QuestionListLabels {
  return {
    title: t("consoleQuestionsTitle"),
    number: (n) => t("consoleQuestionNumber", { n }),
    kinds: kindLabels(t),
    statusOpen: t("consoleStatusOpen"),
    statusClosed: t("consoleStatusClosed"),
    active: t("consoleActiveBadge"),
    respondents: (n) => t("consoleRespondentsN", { n }),
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
    noMaximum: t("noMaximum"),
    allOptions: t("consoleAllOptions"),
    scaleMin: t("consoleScaleMinLabel"),
    scaleMax: t("consoleScaleMaxLabel"),
    scaleMinLabel: t("consoleScaleMinTextLabel"),
    scaleMaxLabel: t("consoleScaleMaxTextLabel"),
    submit: mode.kind === "add" ? t("consoleSaveNewQuestion") : t("consoleSaveChanges"),
    cancel: t("cancel"),
    hints: { prompt: t("consoleHintPrompt"), options: t("consoleHintOptions"), duplicate: t("consoleHintDuplicate"), max: t("consoleHintMax"), scale: t("consoleHintScale") },
  };
}
