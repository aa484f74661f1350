import type { Language } from "../languages";

/** UI text of the console views (nl, en, fr). Keys are added here by whoever builds those views. */
const nl = {
  consolePlaceholder: "—",
} as const;

export const CONSOLE_MESSAGES: Record<Language, Record<keyof typeof nl, string>> = {
  nl,
  en: { consolePlaceholder: "—" },
  fr: { consolePlaceholder: "—" },
};
