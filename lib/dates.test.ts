import { describe, expect, it } from "vitest";
import { formatDateTime, formatShortDateTime } from "./dates";

// The home page wrote 6 December as 12/6/2026 in the Dutch UI: it took the browser's locale, not the page's language.
describe("dates in the page's language", () => {
  const at = new Date(2026, 11, 6, 14, 5);
  it.each([
    ["nl", "6 december 2026 om 14:05", "6 dec 2026, 14:05"],
    ["en", "6 December 2026 at 14:05", "6 Dec 2026, 14:05"],
    ["fr", "6 décembre 2026 à 14:05", "6 déc. 2026, 14:05"],
  ] as const)("%s", (language, long, short) => {
    expect(formatDateTime(language, at)).toBe(long);
    expect(formatShortDateTime(language, at.toISOString())).toBe(short);
  });
});
