import { describe, expect, it } from "vitest";
import type { Results } from "../protocol";
import { silentResults } from "./silent";

describe("a silent vote", () => {
  it("keeps only how many voted and how many are connected", () => {
    const results: Results = {
      questionId: "q",
      kind: "ranking",
      counts: { a: 3, b: 1 },
      scores: { a: 8, b: 2 },
      respondents: 3,
      participants: 12,
      split: { by: { questionId: "g", prompt: "Rol?", options: [] }, groups: [], withheld: [], minGroupSize: 5 },
    };
    expect(silentResults(results)).toEqual({ questionId: "q", kind: "ranking", counts: {}, respondents: 3, participants: 12, silent: true });
  });

  it("keeps the reason a question for one group is withheld, and nothing of an open question's answers or a mean", () => {
    expect(silentResults({ questionId: "q", kind: "scale", counts: {}, respondents: 2, participants: 9, withheld: "too_few", minGroupSize: 5 })).toEqual({
      questionId: "q",
      kind: "scale",
      counts: {},
      respondents: 2,
      participants: 9,
      withheld: "too_few",
      minGroupSize: 5,
      silent: true,
    });
    const open = silentResults({ questionId: "o", kind: "open", counts: {}, answers: [{ id: "x", text: "vertrouwen", hidden: false }], respondents: 1, participants: 1 });
    expect(JSON.stringify(open)).not.toContain("vertrouwen");
    expect(silentResults({ questionId: "s", kind: "scale", counts: { "1": 1 }, mean: 1, respondents: 1, participants: 1 })).not.toHaveProperty("mean");
  });
});
