/**
 * Dates and times as the page's language writes them, never in the browser's own locale: a Dutch page on an
 * English laptop said 12/6/2026 for 6 December.
 */
import { LOCALES, type Language } from "./i18n";

/** "6 december 2026 om 14:05", "6 December 2026 at 14:05", "6 décembre 2026 à 14:05". */
export function formatDateTime(language: Language, at: string | Date): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "long", timeStyle: "short" }).format(new Date(at));
}

/** "6 dec 2026, 14:05": the same moment where space is short. */
export function formatShortDateTime(language: Language, at: string | Date): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
}
