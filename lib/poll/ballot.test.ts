import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import { QUESTION_KINDS, type ErrorCode, type QuestionKind } from "../protocol";
import { checkAnswer, checkBallot, type AnswerRules, type BallotRules } from "./ballot";

const abc: readonly string[] = ["a", "b", "c"];
const rules = (maxChoices: number | null, optionIds: readonly string[] = abc): BallotRules => ({ optionIds, maxChoices });

describe("checkBallot", () => {
  it.each<{ name: string; rules: BallotRules; picks: string[]; ballot: string[] }>([
    { name: "empty ballot without a maximum", rules: rules(null), picks: [], ballot: [] },
    { name: "empty ballot with a maximum", rules: rules(1), picks: [], ballot: [] },
    { name: "one pick", rules: rules(null), picks: ["b"], ballot: ["b"] },
    { name: "every option without a maximum", rules: rules(null), picks: ["a", "b", "c"], ballot: ["a", "b", "c"] },
    { name: "exactly the maximum", rules: rules(2), picks: ["a", "c"], ballot: ["a", "c"] },
    { name: "below the maximum", rules: rules(3), picks: ["c"], ballot: ["c"] },
    { name: "reversed picks come back in option order", rules: rules(null), picks: ["c", "b", "a"], ballot: ["a", "b", "c"] },
    { name: "shuffled picks come back in option order", rules: rules(2), picks: ["c", "a"], ballot: ["a", "c"] },
    {
      name: "order follows the question, not the alphabet",
      rules: rules(null, ["zeta", "alpha", "mid"]),
      picks: ["alpha", "mid", "zeta"],
      ballot: ["zeta", "alpha", "mid"],
    },
    {
      name: "all nine challenges, tapped last to first",
      rules: rules(null, CHALLENGE_IDS),
      picks: [...CHALLENGE_IDS].reverse(),
      ballot: [...CHALLENGE_IDS],
    },
  ])("accepts $name", ({ rules: r, picks, ballot }) => {
    expect(checkBallot(r, picks)).toEqual({ ok: true, ballot });
  });

  it.each<{ name: string; rules: BallotRules; picks: string[]; code: ErrorCode; mentions: string }>([
    { name: "an unknown option", rules: rules(null), picks: ["a", "x"], code: "unknown_option", mentions: "x" },
    { name: "an unknown option alone", rules: rules(null), picks: ["nope"], code: "unknown_option", mentions: "nope" },
    { name: "an option id differing only in case", rules: rules(null), picks: ["A"], code: "unknown_option", mentions: "A" },
    { name: "an empty option id", rules: rules(null), picks: [""], code: "unknown_option", mentions: "unknown option" },
    { name: "any option when the question has none", rules: rules(null, []), picks: ["a"], code: "unknown_option", mentions: "a" },
    { name: "a prototype name as option id", rules: rules(null), picks: ["toString"], code: "unknown_option", mentions: "toString" },
    { name: "a duplicate option", rules: rules(null), picks: ["a", "b", "a"], code: "duplicate_option", mentions: "a" },
    { name: "a duplicate within the maximum", rules: rules(1), picks: ["c", "c"], code: "duplicate_option", mentions: "c" },
    { name: "one pick over the maximum", rules: rules(2), picks: ["a", "b", "c"], code: "too_many_choices", mentions: "at most 2" },
    { name: "two picks with a maximum of one", rules: rules(1), picks: ["b", "a"], code: "too_many_choices", mentions: "got 2" },
    { name: "any pick with a maximum of zero", rules: rules(0), picks: ["a"], code: "too_many_choices", mentions: "at most 0" },
    {
      name: "four of the nine challenges with a maximum of three",
      rules: rules(3, CHALLENGE_IDS),
      picks: ["power-play", "enemy-image", "different-hats", "shared-ambition"],
      code: "too_many_choices",
      mentions: "got 4",
    },
  ])("rejects $name", ({ rules: r, picks, code, mentions }) => {
    const check = checkBallot(r, picks);
    expect(check).toMatchObject({ ok: false, code });
    if (check.ok) throw new Error("expected a rejection");
    expect(check.message).toContain(mentions);
  });

  it("does not reorder or change the picks it was given", () => {
    const picks = ["c", "a"];
    checkBallot(rules(null), picks);
    expect(picks).toEqual(["c", "a"]);
  });

  it("stores the same ballot for the same picks in any order, with or without a maximum", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...CHALLENGE_IDS]),
        fc.option(fc.integer({ min: 0, max: CHALLENGE_IDS.length }), { nil: null }),
        (picks, maxChoices) => {
          const check = checkBallot({ optionIds: CHALLENGE_IDS, maxChoices }, picks);
          const allowed = maxChoices === null || picks.length <= maxChoices;
          if (!allowed) {
            expect(check).toMatchObject({ ok: false, code: "too_many_choices" });
            return;
          }
          expect(check).toEqual({ ok: true, ballot: CHALLENGE_IDS.filter((id) => picks.includes(id)) });
          // A stored ballot checked again is accepted unchanged.
          if (check.ok) expect(checkBallot({ optionIds: CHALLENGE_IDS, maxChoices }, check.ballot)).toEqual(check);
        },
      ),
    );
  });
});

type Cast = Parameters<typeof checkAnswer>[1];

const answerRules = (kind: QuestionKind, extra: Partial<AnswerRules> = {}): AnswerRules => ({
  kind,
  optionIds: kind === "scale" || kind === "open" ? [] : abc,
  maxChoices: null,
  ...extra,
});

describe("checkAnswer", () => {
  it.each<{ name: string; rules: AnswerRules; cast: Cast; answer: unknown }>([
    // single: one option, or none ("none of these" still counts as an answer)
    { name: "single: one option", rules: answerRules("single"), cast: { optionIds: ["b"] }, answer: ["b"] },
    { name: "single: no option", rules: answerRules("single"), cast: { optionIds: [] }, answer: [] },
    { name: "single: one option while the question says at most three", rules: answerRules("single", { maxChoices: 3 }), cast: { optionIds: ["c"] }, answer: ["c"] },
    // multiple: as checkBallot, in the question's order
    { name: "multiple: several options, in the question's order", rules: answerRules("multiple"), cast: { optionIds: ["c", "a"] }, answer: ["a", "c"] },
    { name: "multiple: none", rules: answerRules("multiple"), cast: { optionIds: [] }, answer: [] },
    { name: "multiple: exactly the maximum", rules: answerRules("multiple", { maxChoices: 2 }), cast: { optionIds: ["b", "a"] }, answer: ["a", "b"] },
    // ranking: the order given is the answer
    { name: "ranking: the order given is kept", rules: answerRules("ranking"), cast: { optionIds: ["c", "a", "b"] }, answer: ["c", "a", "b"] },
    { name: "ranking: one option ranked", rules: answerRules("ranking"), cast: { optionIds: ["b"] }, answer: ["b"] },
    { name: "ranking: exactly the maximum", rules: answerRules("ranking", { maxChoices: 2 }), cast: { optionIds: ["b", "a"] }, answer: ["b", "a"] },
    // scale: a whole number from min to max, both ends included
    { name: "scale: the lowest value", rules: answerRules("scale", { scale: { min: 1, max: 5 } }), cast: { value: 1 }, answer: 1 },
    { name: "scale: the highest value", rules: answerRules("scale", { scale: { min: 1, max: 5 } }), cast: { value: 5 }, answer: 5 },
    { name: "scale: a negative end", rules: answerRules("scale", { scale: { min: -2, max: 2 } }), cast: { value: -2 }, answer: -2 },
    { name: "scale: 1..5 when the question has no settings", rules: answerRules("scale"), cast: { value: 3 }, answer: 3 },
    // open: trimmed, inner runs of white space folded to one space
    { name: "open: a plain text", rules: answerRules("open"), cast: { text: "vertrouwen" }, answer: "vertrouwen" },
    { name: "open: trimmed", rules: answerRules("open"), cast: { text: "  meer tijd \t" }, answer: "meer tijd" },
    { name: "open: line breaks and runs of spaces folded", rules: answerRules("open"), cast: { text: "meer\n\ntijd   samen" }, answer: "meer tijd samen" },
    { name: "open: a formula stays text (exports neutralise it)", rules: answerRules("open"), cast: { text: "=1+1" }, answer: "=1+1" },
  ])("accepts $name", ({ rules: r, cast, answer }) => {
    expect(checkAnswer(r, cast)).toEqual({ ok: true, answer });
  });

  it.each<{ name: string; rules: AnswerRules; cast: Cast; code: ErrorCode }>([
    { name: "single: two options", rules: answerRules("single"), cast: { optionIds: ["a", "b"] }, code: "too_many_choices" },
    { name: "single: two options even when the question allows more", rules: answerRules("single", { maxChoices: 3 }), cast: { optionIds: ["a", "b"] }, code: "too_many_choices" },
    { name: "single: an unknown option", rules: answerRules("single"), cast: { optionIds: ["x"] }, code: "unknown_option" },
    { name: "multiple: an unknown option", rules: answerRules("multiple"), cast: { optionIds: ["a", "x"] }, code: "unknown_option" },
    { name: "multiple: a duplicate", rules: answerRules("multiple"), cast: { optionIds: ["a", "a"] }, code: "duplicate_option" },
    { name: "multiple: over the maximum", rules: answerRules("multiple", { maxChoices: 1 }), cast: { optionIds: ["a", "b"] }, code: "too_many_choices" },
    { name: "ranking: nothing ranked", rules: answerRules("ranking"), cast: { optionIds: [] }, code: "invalid_payload" },
    { name: "ranking: a duplicate", rules: answerRules("ranking"), cast: { optionIds: ["a", "b", "a"] }, code: "duplicate_option" },
    { name: "ranking: an unknown option", rules: answerRules("ranking"), cast: { optionIds: ["a", "z"] }, code: "unknown_option" },
    { name: "ranking: more than the maximum", rules: answerRules("ranking", { maxChoices: 2 }), cast: { optionIds: ["a", "b", "c"] }, code: "too_many_choices" },
    { name: "scale: below the range", rules: answerRules("scale", { scale: { min: 1, max: 5 } }), cast: { value: 0 }, code: "out_of_range" },
    { name: "scale: above the range", rules: answerRules("scale", { scale: { min: 1, max: 5 } }), cast: { value: 6 }, code: "out_of_range" },
    { name: "scale: a fraction", rules: answerRules("scale", { scale: { min: 1, max: 5 } }), cast: { value: 2.5 }, code: "out_of_range" },
    { name: "scale: NaN", rules: answerRules("scale"), cast: { value: Number.NaN }, code: "out_of_range" },
    { name: "scale: Infinity", rules: answerRules("scale"), cast: { value: Number.POSITIVE_INFINITY }, code: "out_of_range" },
    { name: "open: an empty text", rules: answerRules("open"), cast: { text: "" }, code: "invalid_payload" },
    { name: "open: only white space", rules: answerRules("open"), cast: { text: " \n\t " }, code: "invalid_payload" },
    // The field must match the kind.
    { name: "single: a value", rules: answerRules("single"), cast: { value: 1 }, code: "wrong_answer_kind" },
    { name: "multiple: a text", rules: answerRules("multiple"), cast: { text: "a" }, code: "wrong_answer_kind" },
    { name: "multiple: options and a value", rules: answerRules("multiple"), cast: { optionIds: ["a"], value: 1 }, code: "wrong_answer_kind" },
    { name: "ranking: a value", rules: answerRules("ranking"), cast: { value: 1 }, code: "wrong_answer_kind" },
    { name: "scale: option ids", rules: answerRules("scale"), cast: { optionIds: ["3"] }, code: "wrong_answer_kind" },
    { name: "scale: a value and a text", rules: answerRules("scale"), cast: { value: 3, text: "3" }, code: "wrong_answer_kind" },
    { name: "open: option ids", rules: answerRules("open"), cast: { optionIds: [] }, code: "wrong_answer_kind" },
    { name: "open: a value", rules: answerRules("open"), cast: { value: 1 }, code: "wrong_answer_kind" },
  ])("refuses $name with $code", ({ rules: r, cast, code }) => {
    expect(checkAnswer(r, cast)).toEqual({ ok: false, code, message: expect.any(String) });
  });

  it.each(QUESTION_KINDS)("refuses a %s cast without any answer as wrong_answer_kind", (kind) => {
    expect(checkAnswer(answerRules(kind), {})).toMatchObject({ ok: false, code: "wrong_answer_kind" });
  });

  it("keeps any ranking of distinct known options exactly as given, up to the maximum", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...CHALLENGE_IDS], { minLength: 1 }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }), (ranking, maxChoices) => {
        const check = checkAnswer({ kind: "ranking", optionIds: CHALLENGE_IDS, maxChoices }, { optionIds: ranking });
        if (maxChoices !== null && ranking.length > maxChoices) expect(check).toMatchObject({ ok: false, code: "too_many_choices" });
        else expect(check).toEqual({ ok: true, answer: ranking });
      }),
    );
  });

  it("accepts a scale value exactly when it is a whole number within the scale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 9 }),
        fc.integer({ min: 1, max: 10 }),
        fc.oneof(fc.integer({ min: -15, max: 25 }), fc.double({ min: -15, max: 25 })),
        (min, steps, value) => {
          const max = min + steps;
          const check = checkAnswer({ kind: "scale", optionIds: [], maxChoices: null, scale: { min, max } }, { value });
          if (Number.isInteger(value) && value >= min && value <= max) expect(check).toEqual({ ok: true, answer: value });
          else expect(check).toMatchObject({ ok: false, code: "out_of_range" });
        },
      ),
    );
  });

  it("stores an open answer trimmed, on one line, without double spaces, and the same when checked again", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "é", " ", "\n", "\t", "\r", "=", "😀") }), (text) => {
        const check = checkAnswer(answerRules("open"), { text });
        if (text.trim() === "") {
          expect(check).toMatchObject({ ok: false, code: "invalid_payload" });
          return;
        }
        if (!check.ok || typeof check.answer !== "string") throw new Error(`refused ${JSON.stringify(text)}`);
        expect(check.answer).toBe(check.answer.trim());
        expect(check.answer).not.toMatch(/\s\s|[\n\r\t]/);
        expect(check.answer.replace(/ /g, "")).toBe(text.replace(/\s/g, ""));
        expect(checkAnswer(answerRules("open"), { text: check.answer })).toEqual(check);
      }),
    );
  });
});
