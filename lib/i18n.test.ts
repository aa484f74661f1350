import { describe, expect, it } from "vitest";
import { CHALLENGES, CHALLENGES_PROMPT } from "./challenges";
import { CORE_MESSAGES, LOCALES, formatPercent, translate } from "./i18n";
import { ACTION_MESSAGES } from "./messages/actions";
import { CONSOLE_MESSAGES } from "./messages/console";
import { DOTS_MESSAGES } from "./messages/dots";
import { PHONE_MESSAGES } from "./messages/phone";
import { REPORT_MESSAGES } from "./messages/report";
import { SCREEN_MESSAGES } from "./messages/screen";
import { LANGUAGES } from "./protocol";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CATALOGUES: Record<string, Record<string, Record<string, string>>> = {
  core: CORE_MESSAGES,
  phone: PHONE_MESSAGES,
  console: CONSOLE_MESSAGES,
  report: REPORT_MESSAGES,
  screen: SCREEN_MESSAGES,
  dots: DOTS_MESSAGES,
  actions: ACTION_MESSAGES,
};

describe("message catalogues", () => {
  const cases = Object.keys(CATALOGUES).flatMap((name) => LANGUAGES.map((language) => [name, language] as const));
  it.each(cases)("%s in %s has every key, none empty, with the same placeholders as Dutch", (name, language) => {
    const catalogue = CATALOGUES[name] ?? {};
    const dutch = catalogue.nl ?? {};
    const translated = catalogue[language] ?? {};
    expect(Object.keys(translated).sort()).toEqual(Object.keys(dutch).sort());
    for (const [key, text] of Object.entries(dutch)) {
      expect((translated[key] ?? "").trim(), `${name}.${language}.${key}`).not.toBe("");
      expect(placeholders(translated[key] ?? ""), `${name}.${language}.${key}`).toEqual(placeholders(text));
    }
  });

  // Regression: the catalogues were merged into one object, so a key defined twice silently overrode another.
  it("never defines a key in two catalogues", () => {
    const seen = new Map<string, string>();
    for (const [name, catalogue] of Object.entries(CATALOGUES)) {
      for (const key of Object.keys(catalogue.nl ?? {})) {
        expect(seen.get(key), `${key} is in ${seen.get(key)} and ${name}`).toBeUndefined();
        seen.set(key, name);
      }
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
