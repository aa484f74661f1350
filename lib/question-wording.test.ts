/** The one wording rule: templates and challenges follow the reader's language, the facilitator's own text stays. */
import { describe, expect, it } from "vitest";
import { CHALLENGE_WORDING } from "./challenge-questions";
import { CHALLENGE_IDS, CHALLENGES } from "./challenges";
import { LANGUAGES, type Language } from "./languages";
import type { OptionView, QuestionView } from "./protocol";
import { questionRules, questionView, type QuestionRecord } from "./question-view";
import { rewordQuestion, wordOptions, wordPrompt, wordScale } from "./question-wording";
import { TEMPLATE_WORDING } from "./templates";

const record = (over: Partial<QuestionRecord>): QuestionRecord => ({
  id: "q_1",
  position: 0,
  kind: "multiple",
  template: null,
  prompt: null,
  options: null,
  maxChoices: null,
  scale: null,
  status: "open",
  resultsVisible: false,
  grouping: false,
  audience: null,
  ...over,
});

describe("wordOptions", () => {
  it.each(LANGUAGES)("lists the nine challenges of the template in %s, in the article's order", (language) => {
    const options = wordOptions({ template: "nine-challenges", options: null }, language, TEMPLATE_WORDING);
    expect(options.map((o) => o.id)).toEqual([...CHALLENGE_IDS]);
    expect(options).toEqual(CHALLENGES.map((c) => ({ id: c.id, label: c.label[language], description: c.description[language] })));
  });

  const custom: OptionView = { id: "custom-1", label: "Eigen antwoord", description: "Door de facilitator" };
  it.each<[from: Language, to: Language]>([
    ["nl", "en"],
    ["en", "nl"],
    ["nl", "fr"],
  ])("switches challenge options of an own question from %s to %s and keeps the facilitator's options as written", (from, to) => {
    const challenges = wordOptions({ template: "nine-challenges", options: null }, from, CHALLENGE_WORDING).slice(0, 2);
    const expected = wordOptions({ template: "nine-challenges", options: null }, to, CHALLENGE_WORDING).slice(0, 2);
    expect(wordOptions({ template: null, options: [...challenges, custom] }, to, CHALLENGE_WORDING)).toEqual([...expected, custom]);
  });

  it("keeps the order a follow-up ranking gave its options", () => {
    const reversed = [...CHALLENGES].reverse().map((c) => ({ id: c.id, label: "" }));
    expect(wordOptions({ template: null, options: reversed }, "en", TEMPLATE_WORDING).map((o) => o.id)).toEqual([...CHALLENGE_IDS].reverse());
  });
});

describe("wordPrompt and wordScale", () => {
  it("words template questions in the reader's language and keeps the facilitator's own", () => {
    expect(wordPrompt({ prompt: "Welke rol?", template: "check3-role" }, "en", TEMPLATE_WORDING)).toBe("Which role do you play in the network?");
    expect(wordPrompt({ prompt: "Eigen vraag", template: null }, "en", TEMPLATE_WORDING)).toBe("Eigen vraag");
    expect(wordScale({ kind: "scale", template: "check3-manager-share", scale: null }, "fr", TEMPLATE_WORDING)?.maxLabel).toBe("Toujours");
  });

  it("a phone knows only the challenges in every language: other templates keep the session's wording", () => {
    expect(wordPrompt({ prompt: "Welke vraagstukken?", template: "nine-challenges" }, "en", CHALLENGE_WORDING)).toMatch(/^Which collaboration challenges/);
    expect(wordPrompt({ prompt: "Welke rol?", template: "check3-role" }, "en", CHALLENGE_WORDING)).toBe("Welke rol?");
  });

  it("gives a scale question without its own scale the default 1 to 5, and other kinds none", () => {
    expect(wordScale({ kind: "scale", template: null, scale: null }, "nl", TEMPLATE_WORDING)).toEqual({ min: 1, max: 5, minLabel: "", maxLabel: "" });
    expect(wordScale({ kind: "multiple", template: null, scale: null }, "nl", TEMPLATE_WORDING)).toBeUndefined();
  });
});

describe("questionView and questionRules", () => {
  it("build the view in the session language and rules without words from the same record", () => {
    const q = record({ template: "nine-challenges", maxChoices: 3 });
    const view = questionView(q, "fr");
    expect(view.prompt).toMatch(/défis/);
    expect(view.options[5]).toEqual({ id: "power-play", label: "Jeux de pouvoir", description: expect.any(String) });
    expect(questionRules(q)).toEqual({ id: "q_1", kind: "multiple", optionIds: [...CHALLENGE_IDS], maxChoices: 3 });
  });

  it("give a scale template its scale in both", () => {
    const q = record({ kind: "scale", template: "check3-manager-share" });
    expect(questionView(q, "en").scale).toEqual({ min: 1, max: 5, minLabel: "I don't do this yet", maxLabel: "I always do this" });
    expect(questionRules(q).scale).toEqual({ min: 1, max: 5 });
  });

  it("reword a view for a reader who switched language", () => {
    const view: QuestionView = questionView(record({ template: "nine-challenges" }), "nl");
    const en = rewordQuestion(view, "en", CHALLENGE_WORDING);
    expect(en.prompt).toMatch(/^Which collaboration challenges/);
    expect(en.options.find((o) => o.id === "power-play")?.label).toBe("Power play");
    expect(en.status).toBe(view.status);
  });
});
