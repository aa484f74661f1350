import { describe, expect, it } from "vitest";
import { answerReady, castFields, isNoneOfThese, toggleNoneOfThese, toggleOption } from "./answer-draft";

const ids = ["a", "b", "c"] as const;

describe("a multiple choice's 'none of these'", () => {
  // An empty nine-challenges ballot went out when someone tapped send before ticking anything.
  it("is never sent by accident: nothing ticked is not ready, 'none of these' is", () => {
    expect(answerReady("multiple", undefined)).toBe(false);
    expect(answerReady("multiple", [])).toBe(true);
    expect(isNoneOfThese("multiple", [])).toBe(true);
    expect(isNoneOfThese("multiple", undefined)).toBe(false);
    expect(isNoneOfThese("ranking", [])).toBe(false);
  });

  it("goes back to 'nothing chosen yet' when the last pick is unticked", () => {
    expect(toggleOption(ids, ["b"], "b")).toBeUndefined();
    expect(toggleOption(ids, undefined, "c")).toEqual(["c"]);
    expect(toggleOption(ids, ["c"], "a")).toEqual(["a", "c"]);
  });

  it("clears every pick when ticked, and a pick replaces it", () => {
    expect(toggleNoneOfThese(["a", "c"])).toEqual([]);
    expect(toggleNoneOfThese(undefined)).toEqual([]);
    expect(toggleNoneOfThese([])).toBeUndefined();
    expect(toggleOption(ids, [], "b")).toEqual(["b"]);
  });

  it("is sent as the protocol's empty list, which counts the participant as a respondent", () => {
    expect(castFields({ kind: "multiple", optionIds: ids }, [])).toEqual({ optionIds: [] });
  });
});
