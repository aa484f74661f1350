import { describe, expect, it } from "vitest";
import type { QuestionView } from "@/lib/protocol";
import { draftHints, emptyForm, formFromQuestion, toDraft, type EditorForm } from "./question-editor";

const form = (patch: Partial<EditorForm>): EditorForm => ({ ...emptyForm(), prompt: "Welke dag?", options: ["Maandag", "Dinsdag"], ...patch });

describe("the editor's groups", () => {
  it.each([
    ["a single choice that sorts the room", form({ grouping: true }), { grouping: true, audience: null }],
    ["a single choice of everyone", form({}), { grouping: false, audience: null }],
    ["another kind drops the grouping mark", form({ kind: "multiple", grouping: true }), { audience: null }],
    ["a question for some groups", form({ kind: "open", audienceQuestionId: "q1", audienceOptionIds: ["o2"] }), { audience: { questionId: "q1", optionIds: ["o2"] } }],
  ] as const)("%s", (_, f, wanted) => {
    const draft = toDraft(f);
    expect({ grouping: draft.grouping, audience: draft.audience }).toEqual({ grouping: undefined, ...wanted });
  });

  it.each([
    ["a grouping question chosen, no group ticked", form({ audienceQuestionId: "q1" }), ["audience"]],
    ["a group ticked", form({ audienceQuestionId: "q1", audienceOptionIds: ["o1"] }), []],
    ["everyone", form({}), []],
  ] as const)("hints: %s", (_, f, hints) => {
    expect(draftHints(f)).toEqual(hints);
  });

  it("opens a question with its grouping mark and its audience", () => {
    const q: QuestionView = {
      id: "q2",
      kind: "single",
      prompt: "Welke dag?",
      maxChoices: null,
      status: "open",
      resultsVisible: false,
      options: [],
      template: null,
      position: 1,
      grouping: true,
      audience: { questionId: "q1", optionIds: ["o1", "o3"] },
    };
    expect(formFromQuestion(q)).toMatchObject({ grouping: true, audienceQuestionId: "q1", audienceOptionIds: ["o1", "o3"] });
  });
});

describe("the editor's dot vote", () => {
  const dots = (patch: Partial<EditorForm>) => form({ ...emptyForm("dots"), prompt: "Waar steken we tijd in?", options: ["Wonen", "Zorg"], ...patch });

  it("starts a dot vote with a budget of 3 dots and sends it as the maximum", () => {
    expect(emptyForm("dots").maxChoices).toBe("3");
    expect(toDraft(dots({}))).toMatchObject({ kind: "dots", options: ["Wonen", "Zorg"], maxChoices: 3 });
  });

  it.each([
    ["10 dots over 2 options (dots pile up on one)", "10", []],
    ["1 dot", "1", []],
    ["11 dots", "11", ["budget"]],
    ["0 dots", "0", ["budget"]],
    ["2.5 dots", "2.5", ["budget"]],
    ["an emptied field", "", ["budget"]],
  ] as const)("hints: %s", (_, maxChoices, hints) => {
    expect(draftHints(dots({ maxChoices }))).toEqual(hints);
  });

  it("opens a dot vote with its budget", () => {
    const q: QuestionView = { id: "q3", kind: "dots", prompt: "Waar?", maxChoices: 5, status: "open", resultsVisible: false, options: [{ id: "o1", label: "A", description: "" }, { id: "o2", label: "B", description: "" }], template: null, position: 2 };
    expect(formFromQuestion(q)).toMatchObject({ kind: "dots", maxChoices: "5", options: ["A", "B"] });
  });
});
