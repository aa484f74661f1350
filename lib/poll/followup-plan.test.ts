import { describe, expect, it } from "vitest";
import { planFollowup } from "./followup-plan";

const ids = ["a", "b", "c", "d", "e"];

describe("planFollowup", () => {
  it.each([
    // name, counts, topN, ids, tied, tiedCount, possible
    ["a plain top 3", { a: 5, b: 4, c: 3, d: 2, e: 1 }, 3, ["a", "b", "c"], [], null, true],
    ["two tied at the third place both come along", { a: 3, b: 2, c: 1, d: 1, e: 0 }, 3, ["a", "b", "c", "d"], ["c", "d"], 1, true],
    ["a tie inside the top N makes it no longer", { a: 3, b: 3, c: 1, d: 0, e: 0 }, 2, ["a", "b"], [], null, true],
    ["three tied for the first two places", { a: 2, b: 2, c: 2, d: 0, e: 0 }, 2, ["a", "b", "c"], ["a", "b", "c"], 2, true],
    ["fewer chosen than asked", { a: 2, b: 1, c: 0, d: 0, e: 0 }, 4, ["a", "b"], [], null, true],
    ["one chosen option is not enough", { a: 4 }, 3, ["a"], [], null, false],
    ["nothing chosen", {}, 3, [], [], null, false],
  ] as const)("%s", (_, counts, topN, want, tied, tiedCount, possible) => {
    const plan = planFollowup(ids, counts, topN);
    expect(plan.ids).toEqual(want);
    expect(plan.tied).toEqual(tied);
    expect(plan.tiedCount).toBe(tiedCount);
    expect(plan.possible).toBe(possible);
    expect(plan.chosen).toBe(Object.values(counts as Record<string, number>).filter((n) => n > 0).length);
  });
});
