import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import type { ErrorCode } from "../protocol";
import { checkBallot, type BallotRules } from "./ballot";

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
