import { describe, expect, it } from "vitest";
import type { QuestionSummary } from "../protocol";
import { QUESTION_TEMPLATES, TEMPLATE_WORDING } from "../templates";
import { audienceLabels } from "./audience";

const summary = (patch: Partial<QuestionSummary>): QuestionSummary => ({ id: "x", kind: "single", prompt: "", status: "open", template: null, respondents: 0, locked: false, ...patch });
const summaries: QuestionSummary[] = [
  summary({ id: "role", template: "check3-role", grouping: true, groups: [{ id: "participant", label: "Deelnemer", description: "" }, { id: "network-manager", label: "Netwerkmanager", description: "" }] }),
  summary({ id: "sector", grouping: true, groups: [{ id: "o1", label: "Welzijn", description: "" }, { id: "o2", label: "Zorg", description: "" }] }),
];

describe("audienceLabels", () => {
  it.each([
    ["everyone", { template: null }, summaries, "nl", null],
    ["a template's group on the console, in the reader's language", { template: "check3-manager-mandate", audience: { questionId: "role", optionIds: ["network-manager"] } }, summaries, "fr", ["Gestionnaire de réseau"]],
    ["a facilitator's own groups on the console", { template: null, audience: { questionId: "sector", optionIds: ["o2", "o1"] } }, summaries, "en", ["Zorg", "Welzijn"]],
    ["a template's group on the screen (no question list)", { template: "check3-participant-deliver", audience: { questionId: "role", optionIds: ["participant"] } }, undefined, "en", ["Participant"]],
    ["a facilitator's own groups on the screen: no names known", { template: null, audience: { questionId: "sector", optionIds: ["o1"] } }, undefined, "nl", []],
  ] as const)("%s", (_, question, list, language, expected) => {
    expect(audienceLabels(question as never, list, language, TEMPLATE_WORDING, QUESTION_TEMPLATES)).toEqual(expected);
  });
});
