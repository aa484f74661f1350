import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import { bordaScores, scaleTally, shareFraction, sharePercent, tally } from "./tally";

const abc: readonly string[] = ["a", "b", "c"];

describe("tally", () => {
  it.each<{ name: string; optionIds: readonly string[]; ballots: string[][]; counts: Record<string, number>; respondents: number }>([
    { name: "no ballots: every option at 0", optionIds: abc, ballots: [], counts: { a: 0, b: 0, c: 0 }, respondents: 0 },
    { name: "a question without options", optionIds: [], ballots: [[], []], counts: {}, respondents: 2 },
    { name: "an empty ballot counts as a respondent", optionIds: abc, ballots: [[]], counts: { a: 0, b: 0, c: 0 }, respondents: 1 },
    { name: "one ballot with one pick", optionIds: abc, ballots: [["b"]], counts: { a: 0, b: 1, c: 0 }, respondents: 1 },
    {
      name: "multiple choice: picks per option, one respondent per ballot",
      optionIds: abc,
      ballots: [["a", "b"], ["b", "c"], ["b"], []],
      counts: { a: 1, b: 3, c: 1 },
      respondents: 4,
    },
    {
      name: "everyone picks everything",
      optionIds: abc,
      ballots: [["a", "b", "c"], ["a", "b", "c"]],
      counts: { a: 2, b: 2, c: 2 },
      respondents: 2,
    },
    {
      name: "an option removed since the ballot was cast is not counted",
      optionIds: ["a", "c"],
      ballots: [["a", "b"], ["b"]],
      counts: { a: 1, c: 0 },
      respondents: 2,
    },
  ])("$name", ({ optionIds, ballots, counts, respondents }) => {
    expect(tally(optionIds, ballots)).toEqual({ counts, respondents });
  });

  // `id in counts` also matched Object.prototype members, so a stale ballot naming one added a bogus string count.
  it.each(["toString", "constructor", "hasOwnProperty", "valueOf", "__proto__"])(
    "does not count a removed option that happens to be named %s",
    (staleId) => {
      const result = tally(abc, [["a", staleId]]);
      expect(result).toEqual({ counts: { a: 1, b: 0, c: 0 }, respondents: 1 });
      expect(Object.keys(result.counts)).toEqual(["a", "b", "c"]);
    },
  );

  it("lists the counts in the question's option order", () => {
    expect(Object.keys(tally(CHALLENGE_IDS, [["power-play"]]).counts)).toEqual([...CHALLENGE_IDS]);
  });

  it("takes any iterable, such as the values of a Map of final ballots", () => {
    const finalBallots = new Map<string, string[]>([
      ["p1", ["a"]],
      ["p2", ["a", "c"]],
    ]);
    finalBallots.set("p1", ["c"]); // p1 changes their mind: the earlier ballot is gone.
    expect(tally(abc, finalBallots.values())).toEqual({ counts: { a: 1, b: 0, c: 2 }, respondents: 2 });
  });

  const cast = fc.record({
    participant: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"),
    optionIds: fc.shuffledSubarray([...CHALLENGE_IDS]),
  });

  it("counts only each participant's final ballot, however often they re-cast", () => {
    fc.assert(
      fc.property(fc.array(cast, { maxLength: 60 }), (casts) => {
        const finalBallots = new Map<string, readonly string[]>();
        for (const c of casts) finalBallots.set(c.participant, c.optionIds);

        // Independent recount: find each participant's last cast by scanning the history.
        const participants = [...new Set(casts.map((c) => c.participant))];
        const lastCasts = participants.map((p) => casts.findLast((c) => c.participant === p)?.optionIds ?? []);
        const expectedCounts = Object.fromEntries(
          CHALLENGE_IDS.map((id) => [id, lastCasts.filter((ballot) => ballot.includes(id)).length]),
        );

        expect(tally(CHALLENGE_IDS, finalBallots.values())).toEqual({
          counts: expectedCounts,
          respondents: participants.length,
        });
      }),
    );
  });

  it("never counts an option more often than there are respondents, and shares stay within bounds", () => {
    fc.assert(
      fc.property(fc.array(fc.shuffledSubarray([...CHALLENGE_IDS]), { maxLength: 40 }), (ballots) => {
        const { counts, respondents } = tally(CHALLENGE_IDS, ballots);
        expect(respondents).toBe(ballots.length);
        for (const id of CHALLENGE_IDS) {
          const count = counts[id];
          expect(count).toBeDefined();
          if (count === undefined) return;
          expect(count).toBeGreaterThanOrEqual(0);
          expect(count).toBeLessThanOrEqual(respondents);
          const percent = sharePercent(count, respondents);
          expect(Number.isInteger(percent)).toBe(true);
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100);
          const fraction = shareFraction(count, respondents);
          expect(fraction).toBeGreaterThanOrEqual(0);
          expect(fraction).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("sharePercent", () => {
  it.each<[count: number, respondents: number, percent: number]>([
    [0, 0, 0],
    [3, 0, 0],
    [1, -1, 0],
    [0, 5, 0],
    [5, 5, 100],
    [1, 2, 50],
    [1, 3, 33],
    [2, 3, 67],
    [1, 8, 13], // 12.5 rounds half up
    [1, 6, 17],
    [1, 200, 1], // 0.5 rounds half up
    [1, 201, 0],
    [199, 200, 100], // 99.5
    [7, 9, 78],
  ])("%i of %i respondents is %i%%", (count, respondents, percent) => {
    expect(sharePercent(count, respondents)).toBe(percent);
  });

  it("does not add up to 100 for multiple choice: each share is relative to all respondents", () => {
    const { counts, respondents } = tally(abc, [["a", "b"], ["a", "b"]]);
    expect(sharePercent(counts.a ?? -1, respondents) + sharePercent(counts.b ?? -1, respondents)).toBe(200);
  });
});

describe("shareFraction", () => {
  it.each<[count: number, respondents: number, fraction: number]>([
    [0, 0, 0],
    [4, 0, 0],
    [2, -3, 0],
    [0, 7, 0],
    [7, 7, 1],
    [1, 2, 0.5],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [1, 8, 0.125],
    [1, 7, 0.143],
    [1, 2000, 0.001], // 0.0005 rounds half up
    [1, 2001, 0],
  ])("%i of %i respondents is %d", (count, respondents, fraction) => {
    expect(shareFraction(count, respondents)).toBe(fraction);
  });
});

/** Up to `k` distinct challenges in some order: what a ranking ballot may hold. */
const rankingOf = (k: number) => fc.shuffledSubarray([...CHALLENGE_IDS], { maxLength: k });

describe("bordaScores", () => {
  it.each<{ name: string; rankings: string[][]; maxRanked: number; scores: Record<string, number> }>([
    { name: "no rankings: every option at 0", rankings: [], maxRanked: 3, scores: { a: 0, b: 0, c: 0 } },
    { name: "one full ranking: k, k-1, k-2", rankings: [["c", "a", "b"]], maxRanked: 3, scores: { a: 2, b: 1, c: 3 } },
    { name: "a partial ranking: unranked options get nothing", rankings: [["b"]], maxRanked: 3, scores: { a: 0, b: 3, c: 0 } },
    { name: "k is the most a ballot may rank, not the ballot's length", rankings: [["a", "b"]], maxRanked: 2, scores: { a: 2, b: 1, c: 0 } },
    { name: "two ballots add up", rankings: [["a", "b", "c"], ["b", "a"]], maxRanked: 3, scores: { a: 5, b: 5, c: 1 } },
    { name: "places beyond k earn nothing", rankings: [["a", "b", "c"]], maxRanked: 1, scores: { a: 1, b: 0, c: 0 } },
    { name: "an option removed since the ballot was cast is not scored", rankings: [["x", "a"]], maxRanked: 3, scores: { a: 2, b: 0, c: 0 } },
    { name: "a prototype name is not scored", rankings: [["toString", "a"]], maxRanked: 3, scores: { a: 2, b: 0, c: 0 } },
  ])("$name", ({ rankings, maxRanked, scores }) => {
    const result = bordaScores(abc, rankings, maxRanked);
    expect(result).toEqual(scores);
    expect(Object.keys(result)).toEqual([...abc]);
  });

  it("hands out k + (k-1) + ... + (k-len+1) points per ballot, no more and no fewer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((k) => fc.tuple(fc.constant(k), fc.array(rankingOf(k), { maxLength: 30 }))), ([k, rankings]) => {
        const scores = bordaScores(CHALLENGE_IDS, rankings, k);
        const total = Object.values(scores).reduce((a, b) => a + b, 0);
        let expected = 0;
        for (const ranking of rankings) for (let place = 0; place < ranking.length; place++) expected += k - place;
        expect(total).toBe(expected);
      }),
    );
  });

  it("gives the option everyone ranks first the highest score of all", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...CHALLENGE_IDS),
        fc.array(fc.shuffledSubarray([...CHALLENGE_IDS]), { minLength: 1, maxLength: 20 }),
        (k, first, others) => {
          const rankings = others.map((r) => [first, ...r.filter((id) => id !== first)].slice(0, k));
          const scores = bordaScores(CHALLENGE_IDS, rankings, k);
          expect(scores[first]).toBe(rankings.length * k);
          for (const id of CHALLENGE_IDS) if (id !== first) expect(scores[id]).toBeLessThan(scores[first] ?? 0);
        },
      ),
    );
  });
});

describe("scaleTally", () => {
  it.each<{ name: string; min: number; max: number; values: number[]; counts: Record<string, number>; mean: number | null; respondents: number }>([
    { name: "no ballots: every value at 0 and no mean", min: 1, max: 5, values: [], counts: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 }, mean: null, respondents: 0 },
    { name: "one ballot", min: 1, max: 5, values: [4], counts: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 0 }, mean: 4, respondents: 1 },
    { name: "the mean of several", min: 1, max: 5, values: [1, 2, 2, 5], counts: { "1": 1, "2": 2, "3": 0, "4": 0, "5": 1 }, mean: 2.5, respondents: 4 },
    { name: "a mean rounded to two decimals", min: 1, max: 5, values: [1, 1, 2], counts: { "1": 2, "2": 1, "3": 0, "4": 0, "5": 0 }, mean: 1.33, respondents: 3 },
    { name: "a scale through zero", min: -2, max: 2, values: [-2, 0, 1], counts: { "-2": 1, "-1": 0, "0": 1, "1": 1, "2": 0 }, mean: -0.33, respondents: 3 },
    {
      name: "values outside the scale, fractions and NaN are not counted",
      min: 1,
      max: 3,
      values: [0, 4, 2.5, Number.NaN, 3],
      counts: { "1": 0, "2": 0, "3": 1 },
      mean: 3,
      respondents: 1,
    },
  ])("$name", ({ min, max, values, counts, mean, respondents }) => {
    const result = scaleTally(min, max, values);
    expect(result).toEqual({ counts, mean, respondents });
    expect(Object.keys(result.counts).map(Number)).toEqual(Object.keys(counts).map(Number));
  });

  it("has counts that add up to the respondents and a mean within half a hundredth of the arithmetic mean", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 9 }).chain((min) =>
          fc.integer({ min: 1, max: 10 }).chain((steps) => fc.tuple(fc.constant(min), fc.constant(min + steps), fc.array(fc.integer({ min, max: min + steps }), { maxLength: 60 }))),
        ),
        ([min, max, values]) => {
          const { counts, mean, respondents } = scaleTally(min, max, values);
          expect(respondents).toBe(values.length);
          expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(values.length);
          expect(Object.keys(counts)).toHaveLength(max - min + 1);
          for (let v = min; v <= max; v++) expect(counts[String(v)]).toBe(values.filter((x) => x === v).length);
          if (values.length === 0) {
            expect(mean).toBeNull();
            return;
          }
          const arithmetic = values.reduce((a, b) => a + b, 0) / values.length;
          expect(mean).not.toBeNull();
          expect(Math.abs((mean ?? Number.NaN) - arithmetic)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(mean).toBeGreaterThanOrEqual(min);
          expect(mean).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});
