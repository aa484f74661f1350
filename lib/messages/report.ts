import type { Language } from "../languages";

/** UI text of the report views (nl, en, fr). Keys are added here by whoever builds those views. */
const nl = {
  reportPlaceholder: "—",
} as const;

export const REPORT_MESSAGES: Record<Language, Record<keyof typeof nl, string>> = {
  nl,
  en: { reportPlaceholder: "—" },
  fr: { reportPlaceholder: "—" },
};
