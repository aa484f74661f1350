/**
 * The rules of a question the facilitator writes: the one place they live. The protocol's schema applies them
 * to every `question:add` and `question:update`, and the editor applies them while the facilitator types.
 */
import { DEFAULT_SCALE, LIMITS, MAX_CHOICE_KINDS, OPTION_KINDS, type QuestionKind } from "../protocol-constants";

/** A question as written: only the fields its kind uses matter. */
export interface DraftFields {
  kind: QuestionKind;
  prompt: string;
  options?: readonly string[];
  maxChoices?: number | null;
  scale?: { min: number; max: number; minLabel: string; maxLabel: string };
}

/** What can be wrong with a draft, as the editor names its hints. */
export type DraftProblem = "prompt" | "options" | "duplicate" | "max" | "budget" | "scale";

/** The server's wording of each problem (the editor has its own, in three languages). */
export const DRAFT_PROBLEM_MESSAGES: Record<DraftProblem, string> = {
  prompt: "a question needs a prompt",
  options: "a choice or ranking question needs at least two options",
  duplicate: "two options have the same label",
  max: "the maximum is larger than the number of options",
  budget: `a dot vote gives each participant ${LIMITS.dotBudget.min} to ${LIMITS.dotBudget.max} dots`,
  scale: `scale: whole numbers from -${LIMITS.scaleBound} to ${LIMITS.scaleBound}, max above min, at most ${LIMITS.scaleSteps} steps`,
};

/** Does this kind ask for options, or for a maximum number of them? */
export const hasOptions = (kind: QuestionKind) => OPTION_KINDS.includes(kind);
export const hasMaximum = (kind: QuestionKind) => MAX_CHOICE_KINDS.includes(kind);

/** Every problem of a draft, in the order the editor shows them; empty when the kind can be asked like this. */
export function draftProblems(draft: DraftFields): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.prompt.trim() === "") problems.push("prompt");
  if (hasOptions(draft.kind)) {
    const options = draft.options ?? [];
    if (options.length < 2) problems.push("options");
    if (new Set(options).size !== options.length) problems.push("duplicate");
    // Dots may pile up on one option, so a budget is not bounded by the options but by its own limit.
    if (draft.kind === "dots") {
      // Whole dots only: an emptied or half-typed field (NaN, 2.5) in the editor is a wrong budget too.
      const budget = draft.maxChoices;
      if (budget != null && !(Number.isInteger(budget) && budget >= LIMITS.dotBudget.min && budget <= LIMITS.dotBudget.max)) problems.push("budget");
    } else if (hasMaximum(draft.kind) && draft.maxChoices != null && draft.maxChoices > options.length) problems.push("max");
  }
  if (draft.kind === "scale" && draft.scale) {
    const { min, max } = draft.scale;
    const whole = Number.isInteger(min) && Number.isInteger(max);
    if (!whole || min < -LIMITS.scaleBound || max > LIMITS.scaleBound || max <= min || max - min > LIMITS.scaleSteps) problems.push("scale");
  }
  return problems;
}

/** The maximum a question is asked with: a dot vote's budget defaults to LIMITS.dotBudget.default; others may have none. */
export function maximumOf(kind: QuestionKind, maxChoices: number | null | undefined): number | null {
  if (kind === "dots") return maxChoices ?? LIMITS.dotBudget.default;
  return hasMaximum(kind) ? (maxChoices ?? null) : null;
}

/** The scale a scale question is asked with: its own, or the default 1 to 5. */
export function scaleOf(draft: Pick<DraftFields, "scale">): { min: number; max: number; minLabel: string; maxLabel: string } {
  return draft.scale ?? { ...DEFAULT_SCALE };
}
