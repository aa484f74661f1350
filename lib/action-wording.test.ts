/** The action round's wording: a review prompt names its action, and the action can be read back from it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./languages";
import { reviewedActionText, reviewPrompt } from "./action-wording";

describe("reviewedActionText", () => {
  it.each(LANGUAGES)("reads back the action of a review prompt in %s, with or without a due date", (language) => {
    expect(reviewedActionText(reviewPrompt(language, { text: "Gezamenlijke intake", owner: "Sofie", due: "2027-03-15" }))).toBe("Gezamenlijke intake");
    expect(reviewedActionText(reviewPrompt(language, { text: "Eén dossier (pilot)", owner: "An", due: null }))).toBe("Eén dossier (pilot)");
  });

  it("reads back any text and owner whole, quotes and brackets in them included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES),
        fc.string({ minLength: 1, maxLength: 120 }).filter((t) => t.trim() === t && t.length > 0),
        fc.string({ minLength: 1, maxLength: 40 }).filter((o) => !o.includes(")")),
        (language, text, owner) => {
          expect(reviewedActionText(reviewPrompt(language, { text, owner, due: null }))).toBe(text);
        },
      ),
    );
  });

  it("finds nothing in a prompt that names no action", () => {
    expect(reviewedActionText("Hoe ver staat het plan?")).toBeNull();
  });
});
