/** The dot budget: known options, at most the budget, the same spread stored the same way; the phone's stepper keeps within it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDots, dotCounts, spreadToBallot, stepDots } from "./dots";

const OPTIONS = ["a1", "a2", "a3", "a4"];
const dotsArb = fc.array(fc.constantFrom(...OPTIONS), { maxLength: 12 });

describe("checkDots", () => {
  it.each([
    { dots: [], budget: 3, ballot: [] },
    { dots: ["a2", "a1", "a2"], budget: 3, ballot: ["a1", "a2", "a2"] },
    { dots: ["a4", "a4", "a4"], budget: 3, ballot: ["a4", "a4", "a4"] },
  ])("accepts $dots within $budget as $ballot", ({ dots, budget, ballot }) => {
    expect(checkDots(OPTIONS, budget, dots)).toEqual({ ok: true, ballot });
  });

  it.each([
    { dots: ["a1", "a1", "a1", "a1"], budget: 3, code: "too_many_choices" },
    { dots: ["a9"], budget: 3, code: "unknown_option" },
    { dots: ["__proto__"], budget: 3, code: "unknown_option" },
  ])("refuses $dots with $code", ({ dots, budget, code }) => {
    const check = checkDots(OPTIONS, budget, dots);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.code).toBe(code);
  });

  it("accepts exactly the spreads within the budget, and stores any order of the same dots the same way", () => {
    fc.assert(
      fc.property(dotsArb, fc.integer({ min: 1, max: 10 }), (dots, budget) => {
        const check = checkDots(OPTIONS, budget, dots);
        expect(check.ok).toBe(dots.length <= budget);
        if (!check.ok) return;
        expect(dotCounts(OPTIONS, check.ballot)).toEqual(dotCounts(OPTIONS, dots));
        const reversed = checkDots(OPTIONS, budget, [...dots].reverse());
        expect(reversed).toEqual(check);
      }),
    );
  });
});

describe("stepDots", () => {
  it("never goes over the budget or below zero, and a + then − gives the spread back when there was room", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.tuple(fc.constantFrom(...OPTIONS), fc.constantFrom<1 | -1>(1, -1)), { maxLength: 30 }), (budget, taps) => {
        let dots: string[] = [];
        for (const [id, step] of taps) {
          const before = dots;
          dots = stepDots(OPTIONS, budget, dots, id, step);
          expect(dots.length).toBeLessThanOrEqual(budget);
          expect(checkDots(OPTIONS, budget, dots)).toEqual({ ok: true, ballot: dots });
          if (step === 1 && before.length < budget) expect(stepDots(OPTIONS, budget, dots, id, -1)).toEqual(spreadToBallot(OPTIONS, dotCounts(OPTIONS, before)));
        }
      }),
    );
  });
});
