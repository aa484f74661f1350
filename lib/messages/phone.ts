import type { Language } from "../languages";

/** UI text of the phone views (nl, en, fr). Keys are added here by whoever builds those views. */
const nl = {
  phonePlaceholder: "—",
} as const;

export const PHONE_MESSAGES: Record<Language, Record<keyof typeof nl, string>> = {
  nl,
  en: { phonePlaceholder: "—" },
  fr: { phonePlaceholder: "—" },
};
