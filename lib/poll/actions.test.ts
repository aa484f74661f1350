/** The action round's rules: template ids, proposals as dot options, due dates, the room's verdict and the plan's progress. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_LIMITS, ACTION_STATES } from "../action-constants";
import { actionPromptTemplate, actionReviewTemplate, ACTION_DOTS_TEMPLATE, isCalendarDay, parseActionTemplate, planProgress, proposalOptions, reviewVerdict } from "./actions";

describe("parseActionTemplate", () => {
  it.each([
    [actionPromptTemplate("power-play"), { kind: "prompt", challengeId: "power-play" }],
    [ACTION_DOTS_TEMPLATE, { kind: "dots" }],
    [actionReviewTemplate("x_12"), { kind: "review", actionId: "x_12" }],
    ["action-prompt:no-such-challenge", null],
    ["action-review:", null],
    ["nine-challenges", null],
    [null, null],
  ])("%s", (template, expected) => {
    expect(parseActionTemplate(template)).toEqual(expected);
  });
});

describe("proposalOptions", () => {
  it("keeps the order picked, merges twins that differ in case or spaces, and names the challenge", () => {
    expect(
      proposalOptions([
        { text: "Een  gedeelde agenda", about: "shared-ambition" },
        { text: "een gedeelde agenda ", about: "power-play" },
        { text: "Vaste contactpersoon", about: null },
      ]),
    ).toEqual([
      { id: "a1", label: "Een gedeelde agenda", about: "shared-ambition" },
      { id: "a2", label: "Vaste contactpersoon" },
    ]);
  });

  it("never gives more options than a dot vote takes, and ids are unique", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: fc.string({ maxLength: 8 }), about: fc.constant(null) }), { maxLength: 40 }), (proposals) => {
        const options = proposalOptions(proposals);
        expect(options.length).toBeLessThanOrEqual(ACTION_LIMITS.dotProposals);
        expect(new Set(options.map((o) => o.id)).size).toBe(options.length);
        expect(options.every((o) => o.label.trim() !== "")).toBe(true);
      }),
    );
  });
});

describe("isCalendarDay", () => {
  it.each([
    ["2027-03-15", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2027-13-01", false],
    ["15/03/2027", false],
    ["2027-3-15", false],
  ])("%s", (value, expected) => expect(isCalendarDay(value)).toBe(expected));
});

describe("reviewVerdict", () => {
  it.each([
    [{}, null],
    [{ done: 0, "under-way": 0, "not-started": 0 }, null],
    [{ done: 5, "under-way": 2 }, "done"],
    [{ done: 3, "under-way": 3, "not-started": 1 }, "under-way"],
    [{ done: 2, "not-started": 2 }, "not-started"],
  ])("%j -> %s", (counts, expected) => expect(reviewVerdict(counts)).toBe(expected));

  const countsArb = fc.record({ done: fc.nat(20), "under-way": fc.nat(20), "not-started": fc.nat(20) });

  it("is a most chosen state, and the least advanced one when several tie", () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const verdict = reviewVerdict(counts);
        const most = Math.max(...Object.values(counts));
        if (most === 0) return expect(verdict).toBeNull();
        expect(verdict).not.toBeNull();
        expect(counts[verdict!]).toBe(most);
        const tied = ACTION_STATES.filter((s) => counts[s] === most);
        expect(verdict).toBe(tied[0]);
      }),
    );
  });

  it("one more answer for the verdict keeps it", () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const verdict = reviewVerdict(counts);
        if (verdict === null) return;
        expect(reviewVerdict({ ...counts, [verdict]: counts[verdict] + 1 })).toBe(verdict);
      }),
    );
  });
});

describe("planProgress", () => {
  it.each([
    [[], { total: 0, done: 0, underWay: 0, notStarted: 0, unreviewed: 0 }],
    [["done", "done", null, "not-started"], { total: 4, done: 2, underWay: 0, notStarted: 1, unreviewed: 1 }],
    [["under-way", "done", "under-way", "under-way", null, null], { total: 6, done: 1, underWay: 3, notStarted: 0, unreviewed: 2 }],
    [["not-started", "under-way", "not-started"], { total: 3, done: 0, underWay: 1, notStarted: 2, unreviewed: 0 }],
  ] as const)("%j -> %j", (verdicts, expected) => expect(planProgress(verdicts)).toEqual(expected));

  it("counts every action once", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(null, ...ACTION_STATES)), (verdicts) => {
        const p = planProgress(verdicts);
        expect(p.done + p.underWay + p.notStarted + p.unreviewed).toBe(p.total);
        expect(p.total).toBe(verdicts.length);
      }),
    );
  });
});
