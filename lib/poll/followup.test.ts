/** The follow-up's options: the top N by count, ties at the boundary kept, unchosen options left out. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { followupOptionIds } from "./followup";

const ids = ["a", "b", "c", "d", "e"];

describe("followupOptionIds", () => {
  it.each<[string, Record<string, number>, number, string[]]>([
    ["the top 3 by count", { a: 1, b: 5, c: 3, d: 4, e: 2 }, 3, ["b", "d", "c"]],
    ["ties inside the top keep the question's order", { a: 2, b: 2, c: 5, d: 0, e: 1 }, 3, ["c", "a", "b"]],
    // The third of three tied options was dropped silently before.
    ["every option tied with the N-th comes along", { a: 3, b: 2, c: 2, d: 2, e: 1 }, 3, ["a", "b", "c", "d"]],
    ["options nobody chose are left out", { a: 4, b: 0, c: 1, d: 0, e: 0 }, 3, ["a", "c"]],
    ["nothing chosen gives nothing", {}, 3, []],
  ])("%s", (_name, counts, topN, expected) => {
    expect(followupOptionIds(ids, counts, topN)).toEqual(expected);
  });

  it("never leaves out an option chosen more often than one it takes, and takes at least min(N, chosen)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(6), { minLength: 5, maxLength: 5 }), fc.integer({ min: 2, max: 5 }), (values, topN) => {
        const counts = Object.fromEntries(ids.map((id, i) => [id, values[i] ?? 0]));
        const taken = followupOptionIds(ids, counts, topN);
        const chosen = ids.filter((id) => (counts[id] ?? 0) > 0);
        expect(taken.length).toBeGreaterThanOrEqual(Math.min(topN, chosen.length));
        const least = Math.min(...taken.map((id) => counts[id] ?? 0));
        for (const id of ids.filter((x) => !taken.includes(x))) expect(counts[id] ?? 0).toBeLessThan(taken.length > 0 ? least : 1);
      }),
    );
  });
});
