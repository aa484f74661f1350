/** The draft rules: one table, applied by the protocol's schema (server) and the editor (browser) alike. */
import { describe, expect, it } from "vitest";
import { questionAddSchema, questionDraftSchema } from "../protocol";
import { DRAFT_PROBLEM_MESSAGES, draftProblems, type DraftFields, type DraftProblem } from "./question-draft";

const cases: [string, DraftFields, DraftProblem[]][] = [
  ["a single choice with two options", { kind: "single", prompt: "Ja of nee?", options: ["Ja", "Nee"] }, []],
  ["an empty prompt", { kind: "open", prompt: "  " }, ["prompt"]],
  ["a choice with one option", { kind: "multiple", prompt: "P", options: ["Ja"] }, ["options"]],
  ["a ranking with two equal labels", { kind: "ranking", prompt: "P", options: ["A", "B", "A"] }, ["duplicate"]],
  ["a maximum above the options", { kind: "multiple", prompt: "P", options: ["A", "B"], maxChoices: 3 }, ["max"]],
  ["a maximum on a single choice is not its kind's (ignored)", { kind: "single", prompt: "P", options: ["A", "B"], maxChoices: 3 }, []],
  ["a scale from 5 to 1", { kind: "scale", prompt: "P", scale: { min: 5, max: 1, minLabel: "", maxLabel: "" } }, ["scale"]],
  ["a scale of 11 steps", { kind: "scale", prompt: "P", scale: { min: -5, max: 7, minLabel: "", maxLabel: "" } }, ["scale"]],
  ["a scale end typed as nothing", { kind: "scale", prompt: "P", scale: { min: Number.NaN, max: 5, minLabel: "", maxLabel: "" } }, ["scale"]],
  ["a scale without its own ends (1 to 5)", { kind: "scale", prompt: "P" }, []],
  ["a dot vote of 3 dots over 2 options (dots pile up)", { kind: "dots", prompt: "P", options: ["A", "B"], maxChoices: 3 }, []],
  ["a dot vote without a budget (3)", { kind: "dots", prompt: "P", options: ["A", "B"] }, []],
  ["a dot vote of 11 dots", { kind: "dots", prompt: "P", options: ["A", "B"], maxChoices: 11 }, ["budget"]],
  ["a dot vote of 0 dots", { kind: "dots", prompt: "P", options: ["A", "B"], maxChoices: 0 }, ["budget"]],
  ["a dot vote of 2.5 dots", { kind: "dots", prompt: "P", options: ["A", "B"], maxChoices: 2.5 }, ["budget"]],
  ["a dot vote whose budget was emptied", { kind: "dots", prompt: "P", options: ["A", "B"], maxChoices: Number.NaN }, ["budget"]],
];

describe("draftProblems", () => {
  it.each(cases)("%s", (_name, draft, problems) => {
    expect(draftProblems(draft)).toEqual(problems);
  });
});

describe("the protocol's draft schema", () => {
  // A maximum that is no whole number of at least 1 the schema's field refuses before the rules, in its own words.
  it.each(cases.filter(([, draft]) => !Number.isNaN(draft.scale?.min) && (draft.maxChoices == null || (Number.isInteger(draft.maxChoices) && draft.maxChoices >= 1))))("%s: refused exactly when the rules find a problem, with their words", (_name, draft, problems) => {
    for (const schema of [questionDraftSchema, questionAddSchema]) {
      const parsed = schema.safeParse(draft);
      expect(parsed.success).toBe(problems.length === 0);
      if (!parsed.success && problems[0] && problems[0] !== "prompt") expect(parsed.error.issues[0]?.message).toBe(DRAFT_PROBLEM_MESSAGES[problems[0]]);
    }
  });
});
