/**
 * Small groups stay protected: for random rooms, groupings and thresholds, no number of a group that is not shown
 * can be computed from what is shown (the shown groups, "other" and the totals), checked by linear algebra, unless
 * that group is everyone who answered (its numbers are then the room's own results).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_GROUP, protectGroups, protectSplit, type GroupTally } from "./split";

describe("protectGroups", () => {
  it.each<[string, number[], number, { shown: number[]; merged: number[]; hidden: number[] }]>([
    ["every group large enough: all shown", [6, 9, 5], 5, { shown: [0, 1, 2], merged: [], hidden: [] }],
    ["one small group takes the smallest large one into other", [2, 9, 6], 5, { shown: [1], merged: [0, 2], hidden: [] }],
    ["two small groups together large enough: other of the two", [3, 2, 9, 8], 5, { shown: [2, 3], merged: [0, 1], hidden: [] }],
    ["two small groups together too small: the smallest large one joins", [1, 2, 9, 8], 5, { shown: [2], merged: [0, 1, 3], hidden: [] }],
    ["a small group beside one large group: no split at all", [2, 9], 5, { shown: [], merged: [], hidden: [0, 1] }],
    ["only small groups, too few together: no split", [1, 2], 5, { shown: [], merged: [], hidden: [0, 1] }],
    ["empty groups are shown whatever happens", [0, 2, 9], 5, { shown: [0], merged: [], hidden: [1, 2] }],
    ["a threshold of 1 shows everything", [1, 1, 3], 1, { shown: [0, 1, 2], merged: [], hidden: [] }],
  ])("%s", (_name, sizes, min, expected) => {
    const groups = sizes.map((respondents, i) => ({ groupId: `g${i}`, respondents }));
    const ids = (list: number[]) => list.map((i) => `g${i}`);
    const got = protectGroups(groups, min);
    expect({ shown: got.shown, merged: [...got.merged].sort(), hidden: [...got.hidden].sort() }).toEqual({
      shown: ids(expected.shown),
      merged: ids(expected.merged),
      hidden: ids(expected.hidden),
    });
  });
});

/** Rank of a matrix over the rationals (small integer matrices: exact enough in doubles with a pivot tolerance). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]?.[c] ?? 0) > 1e-9) pivot = pivot < 0 || Math.abs(m[i]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0) ? i : pivot;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const row = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const other = m[i] as number[];
      const f = (other[c] ?? 0) / (row[c] ?? 1);
      if (f !== 0) for (let k = c; k < cols; k++) other[k] = (other[k] ?? 0) - f * (row[k] ?? 0);
    }
    r++;
  }
  return r;
}

/**
 * Which unknowns the shown numbers determine. Unknowns: each not-shown group's respondents and counts. What an
 * observer knows: every option's total (the unsplit chart), the total respondents, "other" when shown, and for a
 * single choice that a group's counts add up to its respondents. A variable is determined exactly when its unit
 * vector lies in the row space of these equations.
 */
function determined(tallies: GroupTally[], options: string[], split: ReturnType<typeof protectSplit>, singleChoice: boolean): string[] {
  const unknown = tallies.filter((t) => split.withheld.includes(t.groupId) && t.respondents > 0).map((t) => t.groupId);
  const vars: string[] = [];
  for (const g of unknown) vars.push(`${g}:n`, ...options.map((o) => `${g}:${o}`));
  const index = new Map(vars.map((v, i) => [v, i]));
  const equations: number[][] = [];
  const equation = (terms: string[]) => {
    const row = new Array<number>(vars.length).fill(0);
    for (const t of terms) row[index.get(t) ?? -1] = 1;
    equations.push(row);
  };
  // Totals minus the shown groups: the sum over all unknown groups, per option and for respondents.
  equation(unknown.map((g) => `${g}:n`));
  for (const o of options) equation(unknown.map((g) => `${g}:${o}`));
  if (split.other) {
    const inOther = split.other.groupIds.filter((g) => unknown.includes(g));
    equation(inOther.map((g) => `${g}:n`));
    for (const o of options) equation(inOther.map((g) => `${g}:${o}`));
  }
  if (singleChoice) {
    for (const g of unknown) {
      const row = new Array<number>(vars.length).fill(0);
      for (const o of options) row[index.get(`${g}:${o}`) ?? -1] = 1;
      row[index.get(`${g}:n`) ?? -1] = -1;
      equations.push(row);
    }
  }
  if (vars.length === 0) return [];
  const base = rank(equations);
  return vars.filter((v) => {
    const unit = new Array<number>(vars.length).fill(0);
    unit[index.get(v) ?? -1] = 1;
    return rank([...equations, unit]) === base;
  });
}

/** A room: participants in groups (or none), each with a ballot; single or multiple choice over three options. */
const room = fc.record({
  groupCount: fc.integer({ min: 1, max: 5 }),
  minGroupSize: fc.integer({ min: 1, max: 8 }),
  singleChoice: fc.boolean(),
  people: fc.array(fc.record({ group: fc.integer({ min: -1, max: 4 }), picks: fc.subarray(["a", "b", "c"], { minLength: 1 }) }), { maxLength: 40 }),
});

type Room = typeof room extends fc.Arbitrary<infer T> ? T : never;

function talliesOf(r: Room): { tallies: GroupTally[]; options: string[] } {
  const options = ["a", "b", "c"];
  const ids = [...Array.from({ length: r.groupCount }, (_, i) => `g${i}`), NO_GROUP];
  const tallies = ids.map((groupId) => ({ groupId, respondents: 0, counts: Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number> }));
  for (const p of r.people) {
    const t = tallies[p.group < 0 || p.group >= r.groupCount ? ids.length - 1 : p.group];
    if (!t) continue;
    t.respondents += 1;
    for (const o of r.singleChoice ? p.picks.slice(0, 1) : p.picks) t.counts[o] = (t.counts[o] ?? 0) + 1;
  }
  return { tallies, options };
}

describe("protectSplit", () => {
  it("never lets a number of a group that is not shown be computed from what is shown", () => {
    fc.assert(
      fc.property(room, (r) => {
        const { tallies, options } = talliesOf(r);
        const split = protectSplit(tallies, r.minGroupSize);
        // What is shown alone is large enough (or empty); "other" is at least two groups and large enough.
        for (const g of split.groups) expect(g.respondents === 0 || g.respondents >= r.minGroupSize).toBe(true);
        if (split.other) {
          expect(split.other.groupIds.filter((id) => (tallies.find((t) => t.groupId === id)?.respondents ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
          expect(split.other.respondents).toBeGreaterThanOrEqual(r.minGroupSize);
        }
        // No withheld number leaves: shown groups are exactly the input's, nothing else carries a withheld id's numbers.
        for (const g of split.groups) expect(g).toEqual(tallies.find((t) => t.groupId === g.groupId));
        // A group that holds everyone who answered is the room itself: its numbers are the unsplit results, which
        // the room sees anyway (the split then shows nothing more). Every other group stays undetermined.
        const everyone = tallies.filter((t) => t.respondents > 0).length === 1 ? tallies.find((t) => t.respondents > 0)?.groupId : undefined;
        expect(determined(tallies, options, split, r.singleChoice).filter((v) => !v.startsWith(`${everyone}:`))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("sums 'other' from its members and keeps every option", () => {
    const tallies: GroupTally[] = [
      { groupId: "welfare", respondents: 2, counts: { a: 1, b: 2, c: 0 } },
      { groupId: "care", respondents: 6, counts: { a: 4, b: 0, c: 1 } },
      { groupId: "government", respondents: 9, counts: { a: 3, b: 3, c: 3 } },
    ];
    expect(protectSplit(tallies, 5)).toEqual({
      groups: [tallies[2]],
      other: { groupId: "_other", groupIds: ["welfare", "care"], respondents: 8, counts: { a: 5, b: 2, c: 1 } },
      withheld: ["welfare", "care"],
    });
  });

  // The checker itself must see a leak where there is one: one group left out of an otherwise full split.
  it("the checker finds the leak of one group left out alone", () => {
    const tallies: GroupTally[] = [
      { groupId: "g0", respondents: 2, counts: { a: 1, b: 1, c: 0 } },
      { groupId: "g1", respondents: 9, counts: { a: 3, b: 3, c: 3 } },
    ];
    const leaky = { groups: [tallies[1] as GroupTally], withheld: ["g0"] };
    expect(determined(tallies, ["a", "b", "c"], leaky, false)).toEqual(["g0:n", "g0:a", "g0:b", "g0:c"]);
  });
});
