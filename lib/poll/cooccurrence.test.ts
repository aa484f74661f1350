import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import { breakdownAllowed, cooccurrence } from "./cooccurrence";
import { tally } from "./tally";

const abc: readonly string[] = ["a", "b", "c"];

describe("cooccurrence", () => {
  it.each<{ name: string; ballots: string[][]; matrix: number[][] }>([
    { name: "no ballots: all zero", ballots: [], matrix: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] },
    { name: "empty ballots add nothing", ballots: [[], []], matrix: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] },
    { name: "one pick: only its diagonal cell", ballots: [["b"]], matrix: [[0, 0, 0], [0, 1, 0], [0, 0, 0]] },
    { name: "a pair: both diagonals and both off-diagonal cells", ballots: [["a", "c"]], matrix: [[1, 0, 1], [0, 0, 0], [1, 0, 1]] },
    {
      name: "several ballots add up",
      ballots: [["a", "b"], ["a", "b", "c"], ["c"]],
      matrix: [
        [2, 2, 1],
        [2, 2, 1],
        [1, 1, 2],
      ],
    },
    { name: "a pick twice in one ballot counts once", ballots: [["a", "a", "b"]], matrix: [[1, 1, 0], [1, 1, 0], [0, 0, 0]] },
    { name: "unknown options are left out", ballots: [["a", "x", "toString"]], matrix: [[1, 0, 0], [0, 0, 0], [0, 0, 0]] },
  ])("$name", ({ ballots, matrix }) => {
    expect(cooccurrence(abc, ballots)).toEqual(matrix);
  });

  it("has an empty matrix for a question without options", () => {
    expect(cooccurrence([], [["a"]])).toEqual([]);
  });

  const ballots = fc.array(fc.shuffledSubarray([...CHALLENGE_IDS]), { maxLength: 40 });

  it("is symmetric, with the counts of the options on its diagonal", () => {
    fc.assert(
      fc.property(ballots, (bs) => {
        const matrix = cooccurrence(CHALLENGE_IDS, bs);
        const { counts } = tally(CHALLENGE_IDS, bs);
        expect(matrix).toHaveLength(CHALLENGE_IDS.length);
        CHALLENGE_IDS.forEach((a, i) => {
          expect(matrix[i]).toHaveLength(CHALLENGE_IDS.length);
          expect(matrix[i]?.[i]).toBe(counts[a]);
          CHALLENGE_IDS.forEach((_b, j) => {
            expect(matrix[i]?.[j]).toBe(matrix[j]?.[i]);
            // Nobody can pick a pair more often than either of its options.
            expect(matrix[i]?.[j]).toBeLessThanOrEqual(Math.min(matrix[i]?.[i] ?? 0, matrix[j]?.[j] ?? 0));
          });
        });
      }),
    );
  });

  it("agrees with a naive recount of the ballots that hold both options", () => {
    fc.assert(
      fc.property(ballots, (bs) => {
        const matrix = cooccurrence(CHALLENGE_IDS, bs);
        const naive = CHALLENGE_IDS.map((a) => CHALLENGE_IDS.map((b) => bs.filter((ballot) => ballot.includes(a) && ballot.includes(b)).length));
        expect(matrix).toEqual(naive);
      }),
    );
  });
});

describe("breakdownAllowed", () => {
  it.each<[respondents: number, minGroupSize: number, allowed: boolean]>([
    [0, 5, false],
    [4, 5, false],
    [5, 5, true],
    [6, 5, true],
    [1, 1, true],
    [0, 1, false],
    [200, 5, true],
  ])("%i respondents with a threshold of %i: %s", (respondents, minGroupSize, allowed) => {
    expect(breakdownAllowed(respondents, minGroupSize)).toBe(allowed);
  });
});
