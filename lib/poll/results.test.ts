import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import type { Answer } from "../protocol";
import { questionResults, type CountedBallot, type ResultsQuestion } from "./results";
import { bordaScores, tally } from "./tally";

const ballot = (answer: Answer, hidden = false, answerId = `ans-${JSON.stringify(answer)}`): CountedBallot => ({ answerId, answer, hidden });
const choice = (kind: "single" | "multiple" | "ranking", maxChoices: number | null = null): ResultsQuestion => ({ id: `q_${kind}`, kind, optionIds: ["a", "b", "c"], maxChoices });

describe("questionResults", () => {
  it.each<{ name: string; q: ResultsQuestion; ballots: CountedBallot[]; expected: Record<string, unknown> }>([
    {
      name: "single: counts per option",
      q: choice("single"),
      ballots: [ballot(["a"]), ballot(["a"]), ballot(["c"])],
      expected: { counts: { a: 2, b: 0, c: 1 }, respondents: 3 },
    },
    {
      name: "multiple: an empty ballot is a respondent",
      q: choice("multiple"),
      ballots: [ballot(["a", "b"]), ballot([])],
      expected: { counts: { a: 1, b: 1, c: 0 }, respondents: 2 },
    },
    {
      name: "ranking: counts of ranked-at-all and Borda points with k = the maximum",
      q: choice("ranking", 2),
      ballots: [ballot(["b", "a"]), ballot(["a"])],
      expected: { counts: { a: 2, b: 1, c: 0 }, scores: { a: 3, b: 2, c: 0 }, respondents: 2 },
    },
    {
      name: "ranking without a maximum: k = the number of options",
      q: choice("ranking"),
      ballots: [ballot(["c", "b", "a"])],
      expected: { counts: { a: 1, b: 1, c: 1 }, scores: { a: 1, b: 2, c: 3 }, respondents: 1 },
    },
    {
      name: "scale: ballots per value and the mean",
      q: { id: "q_scale", kind: "scale", optionIds: [], maxChoices: null, scale: { min: 1, max: 4 } },
      ballots: [ballot(1), ballot(4), ballot(4)],
      expected: { counts: { "1": 1, "2": 0, "3": 0, "4": 2 }, mean: 3, respondents: 3 },
    },
    {
      name: "scale without settings: 1 to 5, no mean without ballots",
      q: { id: "q_scale", kind: "scale", optionIds: [], maxChoices: null },
      ballots: [],
      expected: { counts: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 }, mean: null, respondents: 0 },
    },
  ])("$name", ({ q, ballots, expected }) => {
    expect(questionResults(q, ballots, 7, false)).toEqual({ questionId: q.id, kind: q.kind, participants: 7, ...expected });
  });

  describe("open answers", () => {
    const q: ResultsQuestion = { id: "q_open", kind: "open", optionIds: [], maxChoices: null };
    const ballots = [ballot("vertrouwen", false, "id-1"), ballot("scheldwoord", true, "id-2"), ballot("tijd", false, "id-3")];

    it("leaves hidden answers out for phones and screens, and still counts them as respondents", () => {
      expect(questionResults(q, ballots, 4, false)).toEqual({
        questionId: "q_open",
        kind: "open",
        participants: 4,
        counts: {},
        respondents: 3,
        answers: [
          { id: "id-1", text: "vertrouwen", hidden: false },
          { id: "id-3", text: "tijd", hidden: false },
        ],
      });
    });

    it("gives the facilitator every answer, the hidden ones flagged", () => {
      expect(questionResults(q, ballots, 4, true).answers).toEqual([
        { id: "id-1", text: "vertrouwen", hidden: false },
        { id: "id-2", text: "scheldwoord", hidden: true },
        { id: "id-3", text: "tijd", hidden: false },
      ]);
    });

    it("never shows a hidden answer without includeHidden, whatever the mix", () => {
      fc.assert(
        fc.property(fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 8 }), hidden: fc.boolean() }), { maxLength: 20 }), (entries) => {
          const bs = entries.map((e, i) => ballot(e.text, e.hidden, `id-${i}`));
          const shown = questionResults(q, bs, 0, false).answers ?? [];
          const all = questionResults(q, bs, 0, true).answers ?? [];
          expect(shown.map((a) => a.id)).toEqual(bs.filter((b) => !b.hidden).map((b) => b.answerId));
          expect(shown.every((a) => !a.hidden)).toBe(true);
          expect(all.map((a) => a.id)).toEqual(bs.map((b) => b.answerId));
        }),
      );
    });
  });

  it("agrees with tally and bordaScores for any ranking ballots", () => {
    fc.assert(
      fc.property(fc.array(fc.shuffledSubarray([...CHALLENGE_IDS], { minLength: 1, maxLength: 3 }), { maxLength: 30 }), (rankings) => {
        const q: ResultsQuestion = { id: "q", kind: "ranking", optionIds: CHALLENGE_IDS, maxChoices: 3 };
        const results = questionResults(q, rankings.map((r) => ballot(r)), 0, false);
        expect(results.counts).toEqual(tally(CHALLENGE_IDS, rankings).counts);
        expect(results.scores).toEqual(bordaScores(CHALLENGE_IDS, rankings, 3));
        expect(results.respondents).toBe(rankings.length);
      }),
    );
  });
});
