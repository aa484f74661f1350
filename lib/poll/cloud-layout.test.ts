import { describe, expect, it } from "vitest";
import { cloudWords, seededRandom } from "./cloud-layout";

const w = (key: string, count: number) => ({ key, text: key, count, hidden: false });

describe("a word cloud's layout input", () => {
  it("keeps the order in which words first appeared, whatever their counts do, and adds new words at the end", () => {
    const order = new Map<string, number>();
    expect(cloudWords([w("tijd", 3), w("geld", 1)], order, 20, 100).map((x) => x.key)).toEqual(["tijd", "geld"]);
    expect(cloudWords([w("geld", 9), w("ruimte", 4), w("tijd", 3)], order, 20, 100).map((x) => x.key)).toEqual(["tijd", "geld", "ruimte"]);
  });

  it("uses five sizes from the smallest to the largest, the most frequent word the largest", () => {
    const sizes = cloudWords([w("a", 100), w("b", 56), w("c", 25), w("d", 6), w("e", 1)], new Map(), 20, 100).map((x) => x.size);
    expect(sizes).toEqual([100, 80, 60, 40, 20]);
  });

  it("does not change a word's size for a vote more or less elsewhere in most cases", () => {
    const before = cloudWords([w("a", 40), w("b", 20)], new Map(), 20, 100).find((x) => x.key === "b")?.size;
    const after = cloudWords([w("a", 41), w("b", 20)], new Map(), 20, 100).find((x) => x.key === "b")?.size;
    expect(after).toBe(before);
  });

  it("draws the same random sequence for the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    for (const x of first) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of first) expect(x).toBeLessThan(1);
  });
});
