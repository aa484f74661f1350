import type { Answer, QuestionKind, VoteCast } from "../protocol";

/** The parts of a question a phone's draft answer depends on. */
export interface DraftQuestion {
  kind: QuestionKind;
  /** Option ids in the question's order. */
  optionIds: readonly string[];
}

/** The picked options of a choice answer (empty for other kinds). */
export function pickedOptions(answer: Answer | undefined): string[] {
  return Array.isArray(answer) ? answer : [];
}

/** A scale answer's value, `null` before a pick. */
export function scaleValue(answer: Answer | undefined): number | null {
  return typeof answer === "number" ? answer : null;
}

/** An open answer's text, "" before any typing. */
export function openText(answer: Answer | undefined): string {
  return typeof answer === "string" ? answer : "";
}

/**
 * Whether the draft can be sent: a multiple choice may be empty ("none of these"), every other kind needs an
 * answer (the server refuses an empty ranking or text; a single choice without a pick says nothing).
 */
export function answerReady(kind: QuestionKind, answer: Answer | undefined): boolean {
  switch (kind) {
    case "multiple":
      return true;
    case "single":
    case "ranking":
      return pickedOptions(answer).length > 0;
    case "scale":
      return scaleValue(answer) !== null;
    case "open":
      return openText(answer).trim() !== "";
  }
}

/**
 * The fields of `vote:cast` for a draft. Choices go in the question's order (the server normalises to it
 * anyway); a ranking keeps its order, which is the answer.
 */
export function castFields(question: DraftQuestion, answer: Answer | undefined): Pick<VoteCast, "optionIds" | "value" | "text"> {
  switch (question.kind) {
    case "multiple":
    case "single": {
      const picked = new Set(pickedOptions(answer));
      return { optionIds: question.optionIds.filter((id) => picked.has(id)) };
    }
    case "ranking":
      return { optionIds: pickedOptions(answer) };
    case "scale":
      return { value: scaleValue(answer) ?? undefined };
    case "open":
      return { text: openText(answer) };
  }
}
