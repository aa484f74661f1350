import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "./challenges";
import { LANGUAGES } from "./protocol";
import { wordScale } from "./question-wording";
import { DISCUSSION_PROMPTS, findTemplate, QUESTION_TEMPLATES, SESSION_TEMPLATES, TEMPLATE_WORDING } from "./templates";

const perLanguage = QUESTION_TEMPLATES.flatMap((template) => LANGUAGES.map((language) => ({ id: template.id, language, template })));

describe("QUESTION_TEMPLATES", () => {
  it("have unique ids", () => {
    const ids = QUESTION_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(perLanguage)("$id has its prompt, option labels and scale labels in $language", ({ template, language }) => {
    expect(template.prompt[language].trim()).not.toBe("");
    for (const option of template.options) expect(option.label[language].trim(), option.id).not.toBe("");
    if (template.scale) {
      expect(template.scale.minLabel[language].trim()).not.toBe("");
      expect(template.scale.maxLabel[language].trim()).not.toBe("");
    }
  });

  it.each(QUESTION_TEMPLATES.map((t) => [t.id, t] as const))("%s has unique option ids and descriptions in every language or in none", (_id, template) => {
    const ids = template.options.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const option of template.options) {
      const filled = LANGUAGES.filter((l) => option.description[l].trim() !== "");
      expect([0, LANGUAGES.length], `${option.id}: descriptions in ${filled.join(", ")}`).toContain(filled.length);
    }
  });

  it.each(QUESTION_TEMPLATES.map((t) => [t.id, t] as const))("%s has the shape its kind needs", (_id, template) => {
    if (template.kind === "scale") {
      expect(template.options).toEqual([]);
      expect(template.scale).toBeDefined();
      expect(template.scale?.max).toBeGreaterThan(template.scale?.min ?? Infinity);
    } else if (template.kind === "open") {
      expect(template.options).toEqual([]);
    } else {
      expect(template.options.length).toBeGreaterThanOrEqual(2);
      expect(template.scale).toBeUndefined();
    }
  });
});

describe("SESSION_TEMPLATES", () => {
  it("article: the three checks in the article's order", () => {
    expect(SESSION_TEMPLATES.article.map((t) => [t.id, t.kind])).toEqual([
      ["check1-approach", "single"],
      ["check1-subsidy", "single"],
      ["nine-challenges", "multiple"],
      ["check3-role", "single"],
      ["check3-participant-represent", "scale"],
      ["check3-participant-contribute", "scale"],
      ["check3-participant-deliver", "scale"],
      ["check3-manager-mandate", "scale"],
      ["check3-manager-decide", "scale"],
      ["check3-manager-share", "scale"],
    ]);
  });

  it("article: the nine challenges with their stable ids, without a maximum", () => {
    const nine = SESSION_TEMPLATES.article.find((t) => t.id === "nine-challenges");
    expect(nine?.options.map((o) => o.id)).toEqual([...CHALLENGE_IDS]);
    expect(nine?.maxChoices).toBeNull();
  });

  it("article: the role question offers participant and network manager", () => {
    expect(findTemplate("check3-role")?.options.map((o) => o.id)).toEqual(["participant", "network-manager"]);
  });

  it("challenges (the default) holds only the nine challenges; empty holds nothing", () => {
    expect(SESSION_TEMPLATES.challenges.map((t) => t.id)).toEqual(["nine-challenges"]);
    expect(SESSION_TEMPLATES.empty).toEqual([]);
  });

  it("only uses templates that findTemplate knows", () => {
    for (const t of [...SESSION_TEMPLATES.article, ...SESSION_TEMPLATES.challenges]) expect(findTemplate(t.id)).toBe(t);
  });
});

describe("findTemplate", () => {
  it.each([null, undefined, "", "custom", "nope", "toString", "__proto__"])("finds nothing for %j", (id) => {
    expect(findTemplate(id)).toBeUndefined();
  });
});

describe("the templates' scales", () => {
  it.each(LANGUAGES)("give the self-assessment scale in %s", (language) => {
    const template = findTemplate("check3-manager-share");
    if (!template) throw new Error("missing template");
    expect(wordScale({ kind: template.kind, template: template.id, scale: null }, language, TEMPLATE_WORDING)).toEqual({
      min: 1,
      max: 5,
      minLabel: template.scale?.minLabel[language],
      maxLabel: template.scale?.maxLabel[language],
    });
  });

  it("give nothing to a question that is not a scale", () => {
    const template = findTemplate("nine-challenges");
    if (!template) throw new Error("missing template");
    expect(wordScale({ kind: template.kind, template: template.id, scale: null }, "nl", TEMPLATE_WORDING)).toBeUndefined();
  });
});

describe("DISCUSSION_PROMPTS", () => {
  it("has prompts for each of the nine challenges and for nothing else", () => {
    expect(Object.keys(DISCUSSION_PROMPTS).sort()).toEqual([...CHALLENGE_IDS].sort());
  });

  it.each(CHALLENGE_IDS)("%s has at least one prompt, each in every language", (id) => {
    const prompts = DISCUSSION_PROMPTS[id] ?? [];
    expect(prompts.length).toBeGreaterThan(0);
    for (const prompt of prompts) for (const language of LANGUAGES) expect(prompt[language].trim()).not.toBe("");
  });
});
