import { describe, expect, it } from "vitest";
import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import { LOCALES, MESSAGES, formatPercent, translate, type MessageKey } from "./i18n";
import { LANGUAGES } from "./protocol";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(MESSAGES.nl) as MessageKey[];

describe("message catalogues", () => {
  it.each(LANGUAGES)("%s has every key, none empty, with the same placeholders as Dutch", (language) => {
    expect(Object.keys(MESSAGES[language]).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(MESSAGES[language][key].trim(), `${language}.${key}`).not.toBe("");
      expect(placeholders(MESSAGES[language][key]), `${language}.${key}`).toEqual(placeholders(MESSAGES.nl[key]));
    }
  });

  it.each(LANGUAGES)("%s has every challenge label, explanation and the prompt", (language) => {
    expect(CHALLENGES_PROMPT[language].trim()).not.toBe("");
    for (const c of CHALLENGES) {
      expect(c.label[language]?.trim(), `${c.id} label`).toBeTruthy();
      expect(c.description[language]?.trim(), `${c.id} description`).toBeTruthy();
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "pickAtMost", { max: 3 })).toBe("Pick at most 3.");
    expect(translate("fr", "pickAtMost", { max: 3 })).toBe("Choisissez-en 3 au maximum.");
    expect(translate("nl", "pickAtMost")).toBe("Kies er hoogstens {max}.");
  });
});

describe("locale formatting", () => {
  it.each([
    ["nl", 37, "37%"],
    ["en", 37, "37%"],
    // French puts a no-break space (U+00A0 or the narrow U+202F, by ICU version) before the sign.
    ["fr", 37, /^37[\u00a0\u202f]%$/],
    ["fr", 0, /^0[\u00a0\u202f]%$/],
    ["nl", 100, "100%"],
  ] as const)("%s writes %d percent as %s", (language, value, expected) => {
    expect(formatPercent(language, value)).toMatch(expected);
  });

  it("has a locale for every language", () => {
    for (const l of LANGUAGES) expect(LOCALES[l]).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
  });
});
