/** A duplicate is named as a copy; copies of copies are numbered; the limit holds. */
import { describe, expect, it } from "vitest";
import { LIMITS } from "./protocol-constants";
import { copyTitle } from "./session-titles";

describe("copyTitle", () => {
  it.each([
    ["Studiedag jeugdhulp", "nl", "Studiedag jeugdhulp (kopie)"],
    ["Studiedag jeugdhulp (kopie)", "nl", "Studiedag jeugdhulp (kopie 2)"],
    ["Studiedag jeugdhulp (kopie 2)", "nl", "Studiedag jeugdhulp (kopie 3)"],
    ["Network day", "en", "Network day (copy)"],
    ["Journée réseau (copie)", "fr", "Journée réseau (copie 2)"],
  ] as const)("%s (%s) -> %s", (title, language, expected) => {
    expect(copyTitle(title, language)).toBe(expected);
  });

  it("stays within the title limit", () => {
    const copy = copyTitle("x".repeat(LIMITS.title), "nl");
    expect(copy.length).toBeLessThanOrEqual(LIMITS.title);
    expect(copy.endsWith(" (kopie)")).toBe(true);
  });
});
