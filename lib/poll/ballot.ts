/** The ballot rules: check a cast against its question (known options, no duplicates, the maximum, the scale) and normalise it. */
import type { Answer } from "../protocol";
import { DEFAULT_SCALE, LIMITS, type ErrorCode, type QuestionKind } from "../protocol-constants";
import { checkDots } from "./dots";
import { tidyWords, wordsProblem } from "./words";

/** What the ballot rules need to know about a question. */
export interface BallotRules {
  optionIds: readonly string[];
  /** `null`: no maximum. */
  maxChoices: number | null;
}

export type BallotCheck =
  | { ok: true; ballot: string[] }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Check a ballot against its question and normalise it to the question's option order,
 * so two ballots with the same picks are stored identically whatever order they were tapped in.
 * An empty ballot is valid: it means "none of these" and still counts as a respondent.
 */
export function checkBallot(rules: BallotRules, optionIds: readonly string[]): BallotCheck {
  const picked = new Set<string>();
  for (const id of optionIds) {
    if (!rules.optionIds.includes(id)) {
      return { ok: false, code: "unknown_option", message: `unknown option: ${id}` };
    }
    if (picked.has(id)) {
      return { ok: false, code: "duplicate_option", message: `option picked twice: ${id}` };
    }
    picked.add(id);
  }
  if (rules.maxChoices !== null && picked.size > rules.maxChoices) {
    return {
      ok: false,
      code: "too_many_choices",
      message: `at most ${rules.maxChoices} choices allowed, got ${picked.size}`,
    };
  }
  return { ok: true, ballot: rules.optionIds.filter((id) => picked.has(id)) };
}

/** What the answer rules need to know about a question of any kind. */
export interface AnswerRules extends BallotRules {
  kind: QuestionKind;
  scale?: { min: number; max: number };
}

export type AnswerCheck = { ok: true; answer: Answer } | { ok: false; code: ErrorCode; message: string };

/**
 * Check one cast against its question and normalise it: choices to the question's option order, a ranking in
 * the order given, a scale value as an integer in range, an open answer trimmed (an empty one is refused).
 */
export function checkAnswer(rules: AnswerRules, cast: { optionIds?: readonly string[]; value?: number; text?: string; words?: readonly string[] }): AnswerCheck {
  const wrong = (expected: string): AnswerCheck => ({ ok: false, code: "wrong_answer_kind", message: `a ${rules.kind} question takes ${expected}` });
  switch (rules.kind) {
    case "multiple": {
      if (!cast.optionIds || cast.value !== undefined || cast.text !== undefined || cast.words !== undefined) return wrong("optionIds");
      const check = checkBallot(rules, cast.optionIds);
      return check.ok ? { ok: true, answer: check.ballot } : check;
    }
    case "single": {
      if (!cast.optionIds || cast.value !== undefined || cast.text !== undefined || cast.words !== undefined) return wrong("optionIds");
      if (cast.optionIds.length > 1) return { ok: false, code: "too_many_choices", message: "pick one option" };
      const check = checkBallot({ ...rules, maxChoices: 1 }, cast.optionIds);
      return check.ok ? { ok: true, answer: check.ballot } : check;
    }
    case "ranking": {
      if (!cast.optionIds || cast.value !== undefined || cast.text !== undefined || cast.words !== undefined) return wrong("optionIds in rank order");
      const check = checkBallot(rules, cast.optionIds);
      if (!check.ok) return check;
      if (cast.optionIds.length === 0) return { ok: false, code: "invalid_payload", message: "rank at least one option" };
      // The order is the answer: keep it as given.
      return { ok: true, answer: [...cast.optionIds] };
    }
    case "dots": {
      if (!cast.optionIds || cast.value !== undefined || cast.text !== undefined || cast.words !== undefined) return wrong("optionIds, one per dot");
      // A dot vote without a budget of its own has the default one, as the phone shows it (maximumOf).
      const check = checkDots(rules.optionIds, rules.maxChoices ?? LIMITS.dotBudget.default, cast.optionIds);
      return check.ok ? { ok: true, answer: check.ballot } : check;
    }
    case "scale": {
      if (cast.value === undefined || cast.optionIds !== undefined || cast.text !== undefined || cast.words !== undefined) return wrong("a value");
      const { min, max } = rules.scale ?? DEFAULT_SCALE;
      if (!Number.isInteger(cast.value) || cast.value < min || cast.value > max) {
        return { ok: false, code: "out_of_range", message: `the value must be a whole number from ${min} to ${max}` };
      }
      return { ok: true, answer: cast.value };
    }
    case "words": {
      if (cast.words === undefined || cast.optionIds !== undefined || cast.value !== undefined || cast.text !== undefined) return wrong("words");
      const problem = wordsProblem(cast.words);
      if (problem) return { ok: false, code: "invalid_payload", message: problem };
      const words = tidyWords(cast.words);
      if (words.length === 0) return { ok: false, code: "invalid_payload", message: "only words like 'de', 'the' or 'le' were sent: they are left out of the cloud" };
      return { ok: true, answer: words };
    }
    case "open": {
      if (cast.text === undefined || cast.optionIds !== undefined || cast.value !== undefined || cast.words !== undefined) return wrong("a text");
      const text = cast.text.replace(/\s+/g, " ").trim();
      if (text === "") return { ok: false, code: "invalid_payload", message: "the answer is empty" };
      return { ok: true, answer: text };
    }
  }
}
