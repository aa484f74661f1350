/** Every word a view shows follows the glossary of its language: no catalogue uses a variant the glossary avoids. */
import { describe, expect, it } from "vitest";
import { GLOSSARY } from "./glossary";
import { CORE_MESSAGES } from "./i18n";
import { LANGUAGES, type Language } from "./languages";
import { CONSOLE_MESSAGES } from "./messages/console";
import { PHONE_MESSAGES } from "./messages/phone";
import { REPORT_MESSAGES } from "./messages/report";
import { SCREEN_MESSAGES } from "./messages/screen";
import { SPLIT_MESSAGES } from "./messages/split";
import { VOICE_MESSAGES } from "./messages/voices";
import { FLOOR_MESSAGES } from "./messages/floor";
import { DOTS_MESSAGES } from "./messages/dots";
import { ACTION_MESSAGES } from "./messages/actions";
import { ACTION_STATE_WORDS, actionQuestionWording } from "./action-wording";
import { CHALLENGE_IDS } from "./challenges";
import { exportHeadings } from "./poll/export";

/** Every text of one language: the catalogues of every view and the export files' headings. */
function textsIn(language: Language): [where: string, text: string][] {
  const catalogues = { core: CORE_MESSAGES, phone: PHONE_MESSAGES, console: CONSOLE_MESSAGES, report: REPORT_MESSAGES, screen: SCREEN_MESSAGES, split: SPLIT_MESSAGES, voices: VOICE_MESSAGES, floor: FLOOR_MESSAGES, dots: DOTS_MESSAGES, actions: ACTION_MESSAGES };
  const texts: [string, string][] = [];
  for (const [name, catalogue] of Object.entries(catalogues)) {
    for (const [key, text] of Object.entries(catalogue[language] as Record<string, string>)) texts.push([`${name}.${key}`, text]);
  }
  const collect = (where: string, value: unknown) => {
    if (typeof value === "string") texts.push([where, value]);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) collect(`${where}.${k}`, v);
  };
  collect("export", exportHeadings(language));
  // The action round's built-in questions: a proposal prompt per challenge, the dot vote, the review's answers.
  for (const template of [...CHALLENGE_IDS.map((id) => `action-prompt:${id}`), "action-dots"]) collect(template, actionQuestionWording(template)?.prompt[language]);
  for (const [state, words] of Object.entries(ACTION_STATE_WORDS)) collect(`action-state.${state}`, [words.label[language], words.description[language]]);
  return texts;
}

describe("the glossary", () => {
  it.each(LANGUAGES)("holds in every view and export in %s", (language) => {
    const found: string[] = [];
    for (const [where, text] of textsIn(language)) {
      for (const entry of GLOSSARY[language]) {
        for (const variant of entry.avoid) {
          if (text.toLowerCase().includes(variant.toLowerCase())) found.push(`${where}: "${variant}" (say "${entry.term}")`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it.each(LANGUAGES)("is used: every term of %s appears in some view", (language) => {
    const all = textsIn(language).map(([, text]) => text.toLowerCase());
    for (const entry of GLOSSARY[language]) expect(all.some((t) => t.includes(entry.term.toLowerCase())), entry.term).toBe(true);
  });
});
