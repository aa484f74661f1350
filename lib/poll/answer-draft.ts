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
 * Whether the draft can be sent. Every kind needs an answer (the server refuses an empty ranking or text; a
 * single choice without a pick says nothing). A multiple choice's empty list is an answer too, "none of
 * these", which still counts the participant as a respondent; but only when chosen as such (`[]`), never
 * because nothing was ticked yet (`undefined`), so an empty ballot is never sent by accident.
 */
export function answerReady(kind: QuestionKind, answer: Answer | undefined): boolean {
  switch (kind) {
    case "multiple":
      return Array.isArray(answer);
    case "dots":
      // Dots placed, or none on purpose (the empty list, as "none of these").
      return Array.isArray(answer);
    case "single":
    case "ranking":
      return pickedOptions(answer).length > 0;
    case "scale":
      return scaleValue(answer) !== null;
    case "open":
      return openText(answer).trim() !== "";
    case "words":
      return draftWords(answer).some((w) => w.trim() !== "");
  }
}

/** A word cloud's draft: the words typed so far, as many fields as may be sent (empty ones included). */
export function draftWords(answer: Answer | undefined): string[] {
  return Array.isArray(answer) ? [...answer] : [];
}

/** A multiple choice answered with "none of these": the empty list, picked on purpose. */
export function isNoneOfThese(kind: QuestionKind, answer: Answer | undefined): boolean {
  return kind === "multiple" && Array.isArray(answer) && answer.length === 0;
}

/**
 * A multiple choice after ticking or unticking one option: the picks in the question's order, or `undefined`
 * once the last pick is gone (nothing chosen yet, which is not "none of these").
 */
export function toggleOption(optionIds: readonly string[], answer: Answer | undefined, id: string): string[] | undefined {
  const picked = new Set(pickedOptions(answer));
  if (picked.has(id)) picked.delete(id);
  else picked.add(id);
  const next = optionIds.filter((x) => picked.has(x));
  return next.length > 0 ? next : undefined;
}

/** "None of these" ticked (the empty list, which clears every pick) or unticked (nothing chosen yet). */
export function toggleNoneOfThese(answer: Answer | undefined): string[] | undefined {
  return Array.isArray(answer) && answer.length === 0 ? undefined : [];
}

/**
 * The fields of `vote:cast` for a draft. Choices go in the question's order (the server normalises to it
 * anyway); a ranking keeps its order, which is the answer.
 */
export function castFields(question: DraftQuestion, answer: Answer | undefined): Pick<VoteCast, "optionIds" | "value" | "text" | "words"> {
  switch (question.kind) {
    case "multiple":
    case "single": {
      const picked = new Set(pickedOptions(answer));
      return { optionIds: question.optionIds.filter((id) => picked.has(id)) };
    }
    case "ranking":
    case "dots":
      return { optionIds: pickedOptions(answer) };
    case "scale":
      return { value: scaleValue(answer) ?? undefined };
    case "open":
      return { text: openText(answer) };
    case "words":
      return { words: draftWords(answer).map((w) => w.trim()).filter((w) => w !== "") };
  }
}
