import { describe, expect, it } from "vitest";
import { CHALLENGES } from "../challenges";
import type { OptionView, Results } from "../protocol";
import { challengeNumbers, chartRows } from "./chart-rows";
import { rankingRows } from "./ranking-rows";

const options = (labels: Record<string, string>): OptionView[] => Object.entries(labels).map(([id, label]) => ({ id, label, description: "" }));
const results = (counts: Record<string, number>, respondents: number, scores?: Record<string, number>): Results => ({ questionId: "q", counts, respondents, participants: respondents, ...(scores ? { scores } : {}) });

describe("chart rows", () => {
  it("keeps the question's order, or sorts by share with ties in the question's order", () => {
    const opts = options({ a: "A", b: "B", c: "C", d: "D" });
    const r = results({ a: 1, b: 3, c: 1, d: 3 }, 4);
    expect(chartRows(opts, r, false).map((row) => row.id)).toEqual(["a", "b", "c", "d"]);
    expect(chartRows(opts, r, true).map((row) => [row.id, row.share, row.count])).toEqual([
      ["b", 75, 3],
      ["d", 75, 3],
      ["a", 25, 1],
      ["c", 25, 1],
    ]);
  });

  it("gives an option nobody chose a row of 0 %", () => {
    expect(chartRows(options({ a: "A", b: "B" }), results({ a: 2 }, 2), false).map((row) => [row.id, row.share, row.count])).toEqual([
      ["a", 100, 2],
      ["b", 0, 0],
    ]);
  });

  it("adds the second language's label where it reads differently, for a bilingual screen", () => {
    const nl = options({ "power-play": "Machtsspel", "pseudo-collaboration": "Schijnsamenwerking" });
    const en = options({ "power-play": "Power play", "pseudo-collaboration": "Schijnsamenwerking" });
    const rows = chartRows(nl, undefined, false, en);
    expect(rows.map((row) => row.secondLabel)).toEqual(["Power play", undefined]);
    expect(rankingRows(nl, results({}, 0, { "pseudo-collaboration": 2 }), en).map((row) => [row.id, row.secondLabel])).toEqual([
      ["pseudo-collaboration", undefined],
      ["power-play", "Power play"],
    ]);
  });
});

describe("challenge numbers", () => {
  // Regression: on a sorted screen the number keys opened the card of the sorted position, labelled as if it were the article's number.
  it("are the article's numbers, whatever the options' order, and only for challenges", () => {
    const followUp = [CHALLENGES[6], CHALLENGES[1], CHALLENGES[4]].map((c) => ({ id: c?.id ?? "" }));
    expect([...challengeNumbers([...followUp, { id: "o1" }])]).toEqual([
      [CHALLENGES[6]?.id, 7],
      [CHALLENGES[1]?.id, 2],
      [CHALLENGES[4]?.id, 5],
    ]);
  });
});
