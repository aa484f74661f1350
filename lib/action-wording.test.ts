/** The action round's wording: a review prompt names its action, and the action can be read back from it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./languages";
import { reviewedActionText, reviewPrompt } from "./action-wording";

describe("reviewedActionText", () => {
  it.each(LANGUAGES)("reads back the action of a review prompt in %s, with or without a due date", (language) => {
    expect(reviewedActionText(reviewPrompt(language, { text: "Gezamenlijke intake", owner: "Sofie", due: "2027-03-15" }))).toBe("Gezamenlijke intake");
    expect(reviewedActionText(reviewPrompt(language, { text: "Eén dossier (pilot)", owner: "An", due: null }))).toBe("Eén dossier (pilot)");
    // Quotes and brackets in the action itself, and a bracket in the owner.
    for (const text of ["Intake ‘light’ (pilot)", "Le « guichet » (test) d’abord"]) {
      expect(reviewedActionText(reviewPrompt(language, { text, owner: "Jan (OCMW)", due: "2027-03-15" }))).toBe(text);
    }
  });

  it("reads back any text whole, quotes and brackets in it included, as long as the owner has no closing quote before a bracket", () => {
    // Quotes and brackets are what the reading could trip over: the texts are made of them (fc.string alone is ASCII).
    const tricky = fc.string({ unit: fc.constantFrom("a", "B", " ", "‘", "’", "«", "»", "(", ")", ",", "."), minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES),
        tricky.filter((t) => t.trim() === t && t.length > 0),
        // "Jan ‘Piet’ (OCMW)" as an owner cannot be told from the end of the action: the one case left out.
        tricky.filter((o) => !o.includes("’ (") && !o.includes("» (")),
        (language, text, owner) => {
          expect(reviewedActionText(reviewPrompt(language, { text, owner, due: "2027-03-15" }))).toBe(text);
        },
      ),
    );
  });

  it("finds nothing in a prompt that names no action", () => {
    expect(reviewedActionText("Hoe ver staat het plan?")).toBeNull();
  });
});
