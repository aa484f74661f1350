import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords, tidyWords, visibleWords, wordKey, wordsProblem } from "./words";

describe("a word's key", () => {
  it.each([
    ["Vertrouwen", "vertrouwen"],
    ["  VERTROUWEN!  ", "vertrouwen"],
    ["Coöperatie", "cooperatie"],
    ["coopératie", "cooperatie"],
    ["de samenwerking", "samenwerking"],
    ["Het  gedeelde   doel", "gedeelde doel"],
    ["l'écoute", "ecoute"],
    ["la confiance", "confiance"],
    ["the trust", "trust"],
    ["co-creatie", "co-creatie"],
    ["de het een", ""],
    ["?!", ""],
  ])("of %j is %j", (text, key) => {
    expect(wordKey(text)).toBe(key);
  });
});

describe("a ballot of words", () => {
  it.each([
    [[], "send at least one word"],
    [["a", "b", "c", "d"], "at most 3 words"],
    [["  "], "a word is empty"],
    [["x".repeat(41)], "a word has at most 40 characters"],
    [["vertrouwen", "tijd"], null],
  ])("%j: %s", (words, problem) => {
    expect(wordsProblem(words)).toBe(problem);
  });

  it("keeps a word sent twice in one ballot once, and drops words that are only stop words", () => {
    expect(tidyWords([" Vertrouwen ", "vertrouwen", "de", "Tijd  en ruimte"])).toEqual(["Vertrouwen", "Tijd en ruimte"]);
  });
});

describe("the cloud", () => {
  it("counts a word once per participant in its most common form, most frequent first, first sent first on a tie", () => {
    const cloud = countWords(
      [
        ["Vertrouwen", "tijd"],
        ["vertrouwen", "Geld"],
        ["VERTROUWEN", "vertrouwen"],
        ["geld", "Tijd"],
        ["Vertrouwen"],
      ],
      new Set(["geld"]),
    );
    expect(cloud).toEqual([
      { key: "vertrouwen", text: "Vertrouwen", count: 4, hidden: false },
      { key: "tijd", text: "tijd", count: 2, hidden: false },
      { key: "geld", text: "Geld", count: 2, hidden: true },
    ]);
    expect(visibleWords(cloud).map((w) => w.key)).toEqual(["vertrouwen", "tijd"]);
  });

  it("never counts a word more often than there are ballots, and counts every word that has a key", () => {
    const word = fc.constantFrom("Vertrouwen", "vertrouwen", "Tijd", "tijd ", "de", "Coöperatie", "cooperatie", "geld");
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 3 }), { maxLength: 30 }), (ballots) => {
        const cloud = countWords(ballots, new Set());
        for (const w of cloud) expect(w.count).toBeLessThanOrEqual(ballots.length);
        const keys = new Set(ballots.flat().map(wordKey).filter((k) => k !== ""));
        expect(new Set(cloud.map((w) => w.key))).toEqual(keys);
        const total = ballots.reduce((n, b) => n + new Set(b.map(wordKey).filter((k) => k !== "")).size, 0);
        expect(cloud.reduce((n, w) => n + w.count, 0)).toBe(total);
      }),
    );
  });
});
