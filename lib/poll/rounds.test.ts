import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Results, RoundResults } from "../protocol";
import { formatShift, optionsWithShift, ROUND_BEFORE, ROUND_NOW, roundId, roundsSplit, shiftPoints } from "./rounds";

const before: RoundResults = { round: 1, respondents: 20, counts: { a: 10, b: 4, c: 0 } };
const now: Results = { questionId: "q", kind: "multiple", respondents: 25, participants: 30, counts: { a: 10, b: 10, c: 1 } };
const words = { prompt: "Ronde", options: [{ id: ROUND_BEFORE, label: "Ronde 1", description: "" }, { id: ROUND_NOW, label: "Ronde 2", description: "" }] };

describe("vote again", () => {
  it.each([
    ["a", -10],
    ["b", 20],
    ["c", 4],
    ["gone", 0],
  ])("shifts %s by %i points of each round's own respondents", (id, points) => {
    expect(shiftPoints(before, now, id)).toBe(points);
  });

  it.each([
    [12, "nl", "+12 pp"],
    [-5, "en", "−5 pp"],
    [0, "fr", "±0 pts"],
  ] as const)("writes a shift of %i in %s as %s", (points, language, text) => {
    expect(formatShift(language, points)).toBe(text);
  });

  it("draws the two rounds as a split by round, the round before first, each with its own n", () => {
    expect(roundsSplit([before], now, words)).toEqual({
      by: { questionId: ROUND_NOW, prompt: "Ronde", options: words.options },
      groups: [
        { groupId: ROUND_BEFORE, respondents: 20, counts: before.counts },
        { groupId: ROUND_NOW, respondents: 25, counts: now.counts },
      ],
      withheld: [],
      minGroupSize: 0,
    });
  });

  it("draws nothing when either round is withheld below the privacy threshold, or there is no round before", () => {
    expect(roundsSplit([{ ...before, counts: {}, withheld: "too_few" }], now, words)).toBeUndefined();
    expect(roundsSplit([before], { ...now, counts: {}, withheld: "too_few" }, words)).toBeUndefined();
    expect(roundsSplit([], now, words)).toBeUndefined();
  });

  it("draws every earlier round, oldest first, and leaves out one withheld below the threshold", () => {
    const third: RoundResults = { round: 4, respondents: 8, counts: { a: 2 } };
    const split = roundsSplit([before, { round: 2, respondents: 3, counts: {}, withheld: "too_few" }, third], now, words);
    expect(split?.groups.map((g) => [g.groupId, g.respondents])).toEqual([
      [roundId(0), 20],
      [roundId(2), 8],
      [ROUND_NOW, 25],
    ]);
  });

  it("names each option's shift after its label", () => {
    const options = optionsWithShift([{ id: "b", label: "Machtsspel", description: "" }], before, now, "nl");
    expect(options).toEqual([{ id: "b", label: "Machtsspel · +20 pp", description: "" }]);
  });

  it("never shifts by more than 100 points either way", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (b, bn, c, cn) => {
        const p = shiftPoints({ respondents: b + bn, counts: { x: b } }, { respondents: c + cn, counts: { x: c } }, "x");
        expect(Math.abs(p)).toBeLessThanOrEqual(100);
      }),
    );
  });
});
