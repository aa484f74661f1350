import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../protocol";
import { questionResults, type ResultsQuestion } from "./results";
import { RunningTally } from "./running-tally";

const OPTIONS = ["a", "b", "c", "d"];
const QUESTIONS: ResultsQuestion[] = [
  { id: "q_single", kind: "single", optionIds: OPTIONS, maxChoices: 1 },
  { id: "q_multiple", kind: "multiple", optionIds: OPTIONS, maxChoices: null },
  // An option removed after ballots named it ("d" is gone) must not be counted, as in the recount.
  { id: "q_multiple_fewer", kind: "multiple", optionIds: ["a", "b", "c"], maxChoices: 2 },
  { id: "q_ranking", kind: "ranking", optionIds: OPTIONS, maxChoices: 3 },
  { id: "q_ranking_all", kind: "ranking", optionIds: OPTIONS, maxChoices: null },
  { id: "q_scale", kind: "scale", optionIds: [], maxChoices: null, scale: { min: 1, max: 5 } },
  { id: "q_scale_default", kind: "scale", optionIds: [], maxChoices: null },
  // Dot voting: a budget of 3 dots, several on one option allowed, so an id may repeat in a ballot.
  { id: "q_dots", kind: "dots", optionIds: OPTIONS, maxChoices: 3 },
];

/** A dots ballot as checkDots stores it: up to 3 dots on known options, one entry per dot, grouped in the options' order. */
const dotsBallot: fc.Arbitrary<string[]> = fc
  .array(fc.constantFrom(...OPTIONS), { maxLength: 3 })
  .map((dots) => [...dots].sort((x, y) => OPTIONS.indexOf(x) - OPTIONS.indexOf(y)));

/** Any answer a stored ballot could hold, including ones a question of another kind would never accept. */
const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.array(fc.constantFrom(...OPTIONS, "gone"), { maxLength: 5 }),
  fc.integer({ min: -1, max: 7 }),
  fc.string({ maxLength: 3 }),
  dotsBallot,
);
type Step = { kind: "set"; participant: number; answer: Answer } | { kind: "clear" };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant("set" as const), participant: fc.integer({ min: 0, max: 12 }), answer }) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

describe("RunningTally", () => {
  it("equals a full recount of the current ballots after any sequence of casts, re-casts and resets", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.constantFrom(...QUESTIONS), (steps, q) => {
        const running = new RunningTally();
        const current = new Map<number, Answer>();
        for (const s of steps) {
          if (s.kind === "clear") {
            running.clear();
            current.clear();
            continue;
          }
          const before = current.get(s.participant);
          if (before !== undefined) running.remove(before);
          running.add(s.answer);
          current.set(s.participant, s.answer);
        }
        const recount = questionResults(q, [...current.values()].map((a) => ({ answerId: "", answer: a, hidden: false })), 7, true);
        expect(running.results(q, 7)).toEqual(recount);
        expect(running.respondents).toBe(current.size);
      }),
      { numRuns: 500 },
    );
  });

  it("counts a re-cast once: the old choice goes, the new one comes", () => {
    const running = new RunningTally();
    running.add(["a", "b"]);
    running.remove(["a", "b"]);
    running.add(["c"]);
    expect(running.results({ id: "q", kind: "multiple", optionIds: OPTIONS, maxChoices: null }, 1)).toEqual({
      questionId: "q",
      kind: "multiple",
      participants: 1,
      counts: { a: 0, b: 0, c: 1, d: 0 },
      respondents: 1,
    });
  });

  it("counts every dot of a dots ballot, and a replaced spread only once", () => {
    const q: ResultsQuestion = { id: "q", kind: "dots", optionIds: OPTIONS, maxChoices: 3 };
    const running = new RunningTally();
    running.add(["a", "a", "b"]);
    running.add(["c", "c", "c"]);
    expect(running.results(q, 2)).toEqual({ questionId: "q", kind: "dots", participants: 2, counts: { a: 2, b: 1, c: 3, d: 0 }, respondents: 2 });
    // The first participant moves their dots: [a, a, b] goes, [b, d, d] comes.
    running.remove(["a", "a", "b"]);
    running.add(["b", "d", "d"]);
    expect(running.results(q, 2)).toEqual({ questionId: "q", kind: "dots", participants: 2, counts: { a: 0, b: 1, c: 3, d: 2 }, respondents: 2 });
  });

  it("leaves open questions to the recount: their results are the answers themselves", () => {
    const running = new RunningTally();
    running.add("Meer tijd");
    expect(running.results({ id: "q", kind: "open", optionIds: [], maxChoices: null }, 1)).toBeUndefined();
  });
});
