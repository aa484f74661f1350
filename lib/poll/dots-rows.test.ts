/** A dot vote's ranking: most dots first, ties in the question's order whatever the update, and its words. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dotsCount } from "../messages/dots";
import type { OptionView } from "../protocol";
import { withAboutNotes } from "./dot-notes";
import { dotRows, dotsSummary, totalDots } from "./dots-rows";

const option = (id: string, label = id): OptionView => ({ id, label, description: "" });
const OPTIONS = [option("o1", "Koffie"), option("o2", "Thee"), option("o3", "Water"), option("o4", "Sap")];

describe("dotRows", () => {
  it.each<{ counts: Record<string, number>; order: string[] }>([
    { counts: {}, order: ["o1", "o2", "o3", "o4"] },
    { counts: { o3: 5, o1: 2, o4: 7 }, order: ["o4", "o3", "o1", "o2"] },
    { counts: { o2: 3, o4: 3, o1: 1 }, order: ["o2", "o4", "o1", "o3"] },
  ])("ranks $counts as $order", ({ counts, order }) => {
    expect(dotRows(OPTIONS, { counts }).map((r) => r.id)).toEqual(order);
  });

  it("never puts fewer dots above more, keeps ties in the question's order, and loses no dot", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 4, maxLength: 4 }), (dots) => {
        const counts = Object.fromEntries(OPTIONS.map((o, i) => [o.id, dots[i] ?? 0]));
        const rows = dotRows(OPTIONS, { counts });
        for (let i = 1; i < rows.length; i++) {
          const [above, below] = [rows[i - 1]!, rows[i]!];
          expect(above.dots).toBeGreaterThanOrEqual(below.dots);
          if (above.dots === below.dots) expect(OPTIONS.findIndex((o) => o.id === above.id)).toBeLessThan(OPTIONS.findIndex((o) => o.id === below.id));
        }
        expect(totalDots(rows)).toBe(dots.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("gives a bilingual screen the second label where it differs", () => {
    const rows = dotRows(OPTIONS.slice(0, 2), { counts: { o2: 1 } }, [option("o1", "Coffee"), option("o2", "Thee")]);
    expect(rows).toEqual([
      { id: "o2", label: "Thee", dots: 1 },
      { id: "o1", label: "Koffie", secondLabel: "Coffee", dots: 0 },
    ]);
  });
});

describe("a proposal's challenge (withAboutNotes)", () => {
  const proposal = (id: string, label: string, description: string): OptionView => ({ id, label, description, about: "power-play" });

  it("is the row's note, in the reader's language, and in both on a bilingual screen", () => {
    const options = [proposal("a1", "Samen op werkbezoek", "Machtsspel"), option("a2", "Koffie")];
    const second = [proposal("a1", "Samen op werkbezoek", "Power play"), option("a2", "Koffie")];
    const rows = withAboutNotes(dotRows(options, { counts: { a2: 2 } }, second), options, second);
    expect(rows).toEqual([
      { id: "a2", label: "Koffie", dots: 2 },
      { id: "a1", label: "Samen op werkbezoek", note: "Machtsspel · Power play", dots: 0 },
    ]);
    const alone = [proposal("a1", "Samen op werkbezoek", "Machtsspel")];
    expect(withAboutNotes(dotRows(alone, undefined), alone)[0]?.note).toBe("Machtsspel");
  });

  it("is not a note for an option that only has a description", () => {
    const coffee = [{ id: "o1", label: "Koffie", description: "Zwart, zonder suiker" }];
    expect(withAboutNotes(dotRows(coffee, undefined), coffee)[0]).toEqual({ id: "o1", label: "Koffie", dots: 0 });
  });
});

describe("dot words", () => {
  it.each([
    ["nl", 0, "0 stippen"],
    ["nl", 1, "1 stip"],
    ["nl", 12, "12 stippen"],
    ["en", 1, "1 dot"],
    ["en", 1200, "1,200 dots"],
    ["fr", 0, "0 gommette"],
    ["fr", 2, "2 gommettes"],
  ] as const)("%s %i: %s", (language, n, text) => {
    expect(dotsCount(language, n)).toBe(text);
  });

  it("says the ranking in one sentence", () => {
    const rows = dotRows(OPTIONS.slice(0, 2), { counts: { o1: 1, o2: 4 } });
    expect(dotsSummary("nl", rows, 2)).toBe("2 respondenten, 5 stippen. Thee: 4 stippen; Koffie: 1 stip");
  });
});
