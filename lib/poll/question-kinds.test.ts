import { describe, expect, it } from "vitest";
import { type OpenAnswer, type OptionView, type Results } from "../protocol";
import { isChallengeQuestion } from "../challenge-questions";
import { discussionCard } from "../discussion";
import { answerReady, castFields } from "./answer-draft";
import { visibleAnswersNewestFirst } from "./open-answers";
import { addRanked, moveRanked, removeRanked } from "./ranking-draft";
import { bordaExplanation, bordaTop, rankingRows } from "./ranking-rows";
import { formatMean, scaleRows } from "./scale-rows";

const options: OptionView[] = ["a", "b", "c"].map((id) => ({ id, label: id.toUpperCase(), description: "" }));
const results = (over: Partial<Results>): Results => ({ questionId: "q", counts: {}, respondents: 0, participants: 0, ...over });

describe("ranking draft", () => {
  it.each([
    [[], "a", 2, ["a"]],
    [["a"], "b", 2, ["a", "b"]],
    [["a", "b"], "c", 2, ["a", "b"]],
    [["a"], "a", 3, ["a"]],
  ])("add %j + %s (max %i) -> %j", (ranking, id, max, expected) => {
    expect(addRanked(ranking, id, max)).toEqual(expected);
  });
  it.each([
    [["a", "b", "c"], "b", -1, ["b", "a", "c"]],
    [["a", "b", "c"], "b", 1, ["a", "c", "b"]],
    [["a", "b", "c"], "a", -1, ["a", "b", "c"]],
    [["a", "b", "c"], "c", 1, ["a", "b", "c"]],
    [["a", "b"], "x", 1, ["a", "b"]],
  ] as const)("move %j %s by %i -> %j", (ranking, id, delta, expected) => {
    expect(moveRanked(ranking, id, delta)).toEqual(expected);
  });
  it("removes an option and keeps the order of the rest", () => {
    expect(removeRanked(["c", "a", "b"], "a")).toEqual(["c", "b"]);
  });
});

describe("ranking rows", () => {
  it("sorts by Borda points; ties keep the question's order", () => {
    const rows = rankingRows(options, results({ scores: { a: 2, b: 5, c: 2 }, counts: { a: 1, b: 2, c: 1 } }));
    expect(rows.map((r) => r.id)).toEqual(["b", "a", "c"]);
    expect(rows[0]).toMatchObject({ score: 5, count: 2 });
  });
  it.each([
    [3, 9, 3],
    [null, 4, 4],
    [10, 4, 4],
  ])("first place of maxChoices %s over %i options is worth %i", (max, n, top) => {
    expect(bordaTop(max, n)).toBe(top);
  });
  it("explains the method with the actual points", () => {
    expect(bordaExplanation("en", 3)).toBe("Borda: 1st place = 3 points, 2nd = 2, and so on.");
  });
});

describe("scale rows", () => {
  it("has a row for every value, zero when nobody chose it", () => {
    const rows = scaleRows({ min: 1, max: 5 }, results({ counts: { "1": 1, "4": 3 }, respondents: 4 }));
    expect(rows.map((r) => [r.id, r.count, r.share])).toEqual([
      ["1", 1, 25],
      ["2", 0, 0],
      ["3", 0, 0],
      ["4", 3, 75],
      ["5", 0, 0],
    ]);
  });
  it.each([
    ["nl", 3.42, "3,4"],
    ["en", 3.42, "3.4"],
    ["fr", 4, "4,0"],
  ] as const)("formats a mean in %s", (language, mean, shown) => {
    expect(formatMean(language, mean)).toBe(shown);
  });
});

describe("answer drafts", () => {
  const q = (kind: "single" | "multiple" | "scale" | "ranking" | "open") => ({ kind, optionIds: ["a", "b", "c"] });
  it.each([
    ["multiple", undefined, false],
    ["multiple", [], true],
    ["single", undefined, false],
    ["single", ["b"], true],
    ["ranking", [], false],
    ["scale", 3, true],
    ["open", "   ", false],
    ["open", "ja", true],
  ] as const)("%s with %j is ready: %s", (kind, answer, ready) => {
    expect(answerReady(kind, answer as never)).toBe(ready);
  });
  it("sends choices in the question's order, a ranking in its own", () => {
    expect(castFields(q("multiple"), ["c", "a"])).toEqual({ optionIds: ["a", "c"] });
    expect(castFields(q("ranking"), ["c", "a"])).toEqual({ optionIds: ["c", "a"] });
    expect(castFields(q("scale"), 4)).toEqual({ value: 4 });
    expect(castFields(q("open"), "tekst")).toEqual({ text: "tekst" });
  });
});

describe("open answers", () => {
  it("leaves hidden answers out and puts the newest first", () => {
    const answers: OpenAnswer[] = [
      { id: "1", text: "eerst", hidden: false },
      { id: "2", text: "verborgen", hidden: true },
      { id: "3", text: "laatst", hidden: false },
    ];
    expect(visibleAnswersNewestFirst(answers).map((a) => a.id)).toEqual(["3", "1"]);
    expect(answers.map((a) => a.id)).toEqual(["1", "2", "3"]);
  });
});

describe("discussion cards and wording", () => {
  it("knows a challenges question by its template or by its options", () => {
    expect(isChallengeQuestion({ template: "nine-challenges", options: [] })).toBe(true);
    expect(isChallengeQuestion({ template: null, options: [{ id: "power-play", label: "x", description: "" }] })).toBe(true);
    expect(isChallengeQuestion({ template: null, options })).toBe(false);
  });
  it("gives a challenge's card in the asked language", () => {
    const card = discussionCard("power-play", "fr");
    expect(card?.prompts[0]).toMatch(/intérêts/);
    expect(discussionCard("nope", "nl")).toBeUndefined();
  });
});
