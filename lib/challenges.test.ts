import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS, CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import { LANGUAGES, type Language, type OptionView } from "./protocol";
import { challengeOptions, challengePrompt, localiseOptions } from "./questions";

/** Exports across sessions line up on these ids, so they must never change or move. */
const STABLE_IDS = [
  "shared-ambition",
  "fading-perspective",
  "staff-instability",
  "pseudo-collaboration",
  "under-organisation",
  "power-play",
  "enemy-image",
  "different-hats",
  "unbridgeable-diversity",
];

const perLanguage = CHALLENGES.flatMap((challenge) => LANGUAGES.map((language) => ({ id: challenge.id, language, challenge })));

describe("CHALLENGES", () => {
  it("are the nine challenges with their stable ids, in the article's order", () => {
    expect(CHALLENGES.map((c) => c.id)).toEqual(STABLE_IDS);
    expect(CHALLENGE_IDS).toEqual(STABLE_IDS);
  });

  it("have unique ids", () => {
    expect(new Set(CHALLENGE_IDS).size).toBe(CHALLENGE_IDS.length);
  });

  it("use ids that are safe in URLs, CSV cells and object keys", () => {
    for (const id of CHALLENGE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(perLanguage)("$id has a label and a description in $language", ({ challenge, language }) => {
    expect(challenge.label[language].trim()).not.toBe("");
    expect(challenge.description[language].trim()).not.toBe("");
    expect(challenge.label[language]).toBe(challenge.label[language].trim());
    expect(challenge.description[language].length).toBeGreaterThan(challenge.label[language].length);
  });

  it.each(CHALLENGES.map((c) => [c.id, c] as const))("%s is translated, not copied between languages", (_id, challenge) => {
    expect(challenge.label.nl).not.toBe(challenge.label.en);
    expect(challenge.description.nl).not.toBe(challenge.description.en);
  });

  it.each(LANGUAGES)("have nine different labels in %s, so no two bars on the chart read the same", (language) => {
    expect(new Set(CHALLENGES.map((c) => c.label[language])).size).toBe(9);
  });

  it.each(LANGUAGES)("have a prompt in %s", (language) => {
    expect(CHALLENGES_PROMPT[language].trim()).not.toBe("");
    expect(challengePrompt(language)).toBe(CHALLENGES_PROMPT[language]);
  });
});

describe("challengeOptions", () => {
  it.each(LANGUAGES)("lists the nine challenges as options in %s, in the stable order", (language) => {
    const options = challengeOptions(language);
    expect(options.map((o) => o.id)).toEqual(STABLE_IDS);
    expect(options).toEqual(
      CHALLENGES.map((c) => ({ id: c.id, label: c.label[language], description: c.description[language] })),
    );
  });

  it("gives Dutch and English wording for the same option", () => {
    const nl = challengeOptions("nl").find((o) => o.id === "power-play");
    const en = challengeOptions("en").find((o) => o.id === "power-play");
    expect(nl?.label).toBe("Machtsspel");
    expect(en?.label).toBe("Power play");
  });
});

describe("localiseOptions", () => {
  const custom: OptionView = { id: "custom-1", label: "Eigen antwoord", description: "Door de facilitator" };

  it.each<[from: Language, to: Language]>([
    ["nl", "en"],
    ["en", "nl"],
    ["nl", "nl"],
  ])("switches challenge options from %s to %s and keeps other options as the session wrote them", (from, to) => {
    const options = [...challengeOptions(from).slice(0, 2), custom];
    expect(localiseOptions(options, to)).toEqual([...challengeOptions(to).slice(0, 2), custom]);
  });

  it("keeps the order it was given", () => {
    const reversed = [...challengeOptions("nl")].reverse();
    expect(localiseOptions(reversed, "en").map((o) => o.id)).toEqual([...STABLE_IDS].reverse());
  });
});
