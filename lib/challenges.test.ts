import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS, CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import { LANGUAGES } from "./protocol";

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
  });
});
