import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS, CHALLENGES } from "../challenges";
import type { SplitResults } from "../protocol";
import { byGroupOf, compareGroups, comparisonColumns, comparisonCsv, type CompareInput } from "./compare";
import { sharePercent } from "./tally";

const CREATED_AT = "2025-03-14T09:00:00.000Z";

function group(sessionId: string, respondents: number, counts: Record<string, number> | null, title = `Session ${sessionId}`): CompareInput {
  return { sessionId, title, createdAt: CREATED_AT, respondents, counts };
}

describe("compareGroups", () => {
  it("lists the nine challenges as options, in the article's order, and echoes the threshold", () => {
    const comparison = compareGroups([], 5);
    expect(comparison).toEqual({ minGroupSize: 5, options: [...CHALLENGE_IDS], groups: [] });
  });

  it.each<{ name: string; input: CompareInput; minGroupSize: number; shares: Record<string, number> | null; withheld?: string }>([
    {
      name: "a group at the threshold gets whole-percent shares, 0 for challenges nobody picked",
      input: group("a", 5, { "power-play": 4, "enemy-image": 1 }),
      minGroupSize: 5,
      shares: Object.fromEntries(CHALLENGE_IDS.map((id) => [id, id === "power-play" ? 80 : id === "enemy-image" ? 20 : 0])),
    },
    { name: "a group one below the threshold is withheld", input: group("b", 4, { "power-play": 4 }), minGroupSize: 5, shares: null, withheld: "too_few_answers" },
    { name: "a group without respondents is withheld", input: group("c", 0, {}), minGroupSize: 1, shares: null, withheld: "too_few_answers" },
    { name: "a session that did not ask the question", input: group("d", 30, null), minGroupSize: 5, shares: null, withheld: "not_asked" },
    { name: "not asked wins over too few answers", input: group("e", 0, null), minGroupSize: 5, shares: null, withheld: "not_asked" },
  ])("$name", ({ input, minGroupSize, shares, withheld }) => {
    const [result] = compareGroups([input], minGroupSize).groups;
    expect(result).toEqual({
      sessionId: input.sessionId,
      title: input.title,
      createdAt: CREATED_AT,
      respondents: input.respondents,
      shares,
      ...(withheld ? { withheld } : {}),
    });
  });

  it("keeps the groups in the order given and decides each on its own", () => {
    const groups = compareGroups([group("small", 2, { "power-play": 2 }), group("big", 6, { "power-play": 3 }), group("none", 9, null)], 3).groups;
    expect(groups.map((g) => [g.sessionId, g.withheld ?? "shown", g.shares?.["power-play"] ?? null])).toEqual([
      ["small", "too_few_answers", null],
      ["big", "shown", 50],
      ["none", "not_asked", null],
    ]);
  });

  it("withholds shares exactly when the question was not asked or the group is below the threshold", () => {
    const counts = fc.option(fc.dictionary(fc.constantFrom(...CHALLENGE_IDS), fc.nat({ max: 50 })), { nil: null });
    fc.assert(
      fc.property(fc.nat({ max: 50 }), fc.integer({ min: 1, max: 20 }), counts, (respondents, minGroupSize, c) => {
        const [result] = compareGroups([group("s", respondents, c)], minGroupSize).groups;
        if (c === null) expect(result).toMatchObject({ shares: null, withheld: "not_asked" });
        else if (respondents < minGroupSize) expect(result).toMatchObject({ shares: null, withheld: "too_few_answers" });
        else {
          expect(result?.withheld).toBeUndefined();
          expect(result?.shares).toEqual(Object.fromEntries(CHALLENGE_IDS.map((id) => [id, sharePercent(c[id] ?? 0, respondents)])));
        }
      }),
    );
  });
});

/** Split the CSV into rows of cells; the cells here hold no commas, quotes or line breaks except the quoted title. */
function csvLines(csv: string): string[] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv.endsWith("\r\n")).toBe(true);
  return csv.slice(1, -2).split("\r\n");
}

describe("comparisonCsv", () => {
  const comparison = compareGroups([group("a", 4, { "power-play": 3, "enemy-image": 1 }, "Gent"), group("b", 2, { "power-play": 2 }, "Brugge"), group("c", 9, null, "Kortrijk")], 3);

  it("has one heading with n per session, then one row per challenge; withheld sessions get empty cells", () => {
    const lines = csvLines(comparisonCsv(comparison, "en"));
    expect(lines).toHaveLength(1 + CHALLENGES.length);
    expect(lines[0]).toBe("option_id,option,Gent (n = 4),Brugge (n = 2),Kortrijk (n = 9)");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([...CHALLENGE_IDS]);
    expect(lines).toContain("power-play,Power play,75,,");
    expect(lines).toContain("enemy-image,Enemy image,25,,");
    expect(lines).toContain("shared-ambition,Lack of a shared ambition,0,,");
  });

  it.each([
    ["nl", "power-play,Machtsspel,75,,"],
    ["fr", "power-play,Jeux de pouvoir,75,,"],
  ] as const)("labels the challenges in %s", (language, line) => {
    expect(csvLines(comparisonCsv(comparison, language))).toContain(line);
  });

  it("neutralises a session title that a spreadsheet would run as a formula", () => {
    const csv = comparisonCsv(compareGroups([group("x", 5, { "power-play": 5 }, "=HYPERLINK(1)"), group("y", 5, {}, "@SUM(1)")], 3), "en");
    const [heading] = csvLines(csv);
    expect(heading).toBe("option_id,option,'=HYPERLINK(1) (n = 5),'@SUM(1) (n = 5)");
  });

  it("has the session language's headings", () => {
    expect(csvLines(comparisonCsv(comparison, "nl"))[0]).toBe("optie_id,optie,Gent (n = 4),Brugge (n = 2),Kortrijk (n = 9)");
  });

  // Excel in a Dutch or French region read the comparison in one column.
  it("writes the semicolon file for Excel in Dutch and French regions with the same cells", () => {
    const lines = csvLines(comparisonCsv(comparison, "nl", "semicolon"));
    expect(lines[0]).toBe("optie_id;optie;Gent (n = 4);Brugge (n = 2);Kortrijk (n = 9)");
    expect(lines).toContain("power-play;Machtsspel;75;;");
    expect(lines.map((l) => l.replaceAll(";", ","))).toEqual(csvLines(comparisonCsv(comparison, "nl")));
  });
});

describe("comparing per group", () => {
  const split: SplitResults = {
    by: { questionId: "q_s", prompt: "Sector?", options: [{ id: "o1", label: "Welzijn", description: "" }, { id: "o2", label: "Zorg", description: "" }, { id: "o3", label: "Lokaal bestuur", description: "" }] },
    groups: [
      { groupId: "o2", respondents: 5, counts: { "power-play": 5 } },
      { groupId: "o4", respondents: 0, counts: {} },
    ],
    other: { groupId: "_other", groupIds: ["o1", "o3"], respondents: 7, counts: { "power-play": 2, "enemy-image": 7 } },
    withheld: ["o1", "o3"],
    minGroupSize: 5,
  };

  it("turns a protected split into shares per group, groups without anyone left out, withheld ones by name only", () => {
    const byGroup = byGroupOf(split);
    expect(byGroup.groups).toEqual([{ groupId: "o2", label: "Zorg", respondents: 5, shares: expect.objectContaining({ "power-play": 100, "enemy-image": 0 }) }]);
    expect(byGroup.other).toEqual({ groupIds: ["o1", "o3"], respondents: 7, shares: expect.objectContaining({ "power-play": 29, "enemy-image": 100 }) });
    expect(byGroup.withheld).toEqual(["Welzijn", "Lokaal bestuur"]);
  });

  it("writes a column per session, then its groups and 'other', in the CSV as on the page", () => {
    const comparison = compareGroups(
      [{ sessionId: "s1", title: "Gent", createdAt: "2026-12-06T10:00:00Z", respondents: 12, counts: { "power-play": 7, "enemy-image": 7 }, byGroup: byGroupOf(split) }],
      5,
    );
    expect(comparisonColumns(comparison, "nl").map((c) => c.heading)).toEqual(["Gent (n = 12)", "Gent · Zorg (n = 5)", "Gent · andere (kleine groepen samen) (n = 7)"]);
    const csv = comparisonCsv(comparison, "nl");
    expect(csv).toContain("Gent · Zorg (n = 5)");
    expect(csv).not.toContain("Lokaal bestuur");
  });
});
