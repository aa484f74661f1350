/**
 * Results split by a grouping question, with small groups protected: a group with fewer respondents than the
 * privacy threshold is never shown on its own, and enough other groups are merged with it that no subtraction
 * from what is shown (the other groups, the totals) gives its numbers back.
 */

/** Respondents of a question who gave no answer to the grouping question form a group of their own. */
export const NO_GROUP = "_none";

/** One group's share of a question's ballots, before protection. */
export interface GroupTally {
  /** An option id of the grouping question, or NO_GROUP. */
  groupId: string;
  respondents: number;
  /** Per option (choice, ranking) or value (scale), as in `Results.counts`. */
  counts: Record<string, number>;
  /** Ranking: Borda points per option. */
  scores?: Record<string, number>;
}

/** How the groups are shown: on their own, merged into "other", or not at all. */
export interface Protection {
  shown: string[];
  /** Groups shown together as one "other" group: at least two with respondents, together at least the threshold. */
  merged: string[];
  /** Groups whose numbers cannot be shown in any form (too few respondents in all of them together). */
  hidden: string[];
}

/**
 * Decide which groups may be shown. A group with respondents but fewer than `minGroupSize` is merged with others:
 * first all such small groups, then the smallest shown groups, until "other" holds at least two groups with
 * respondents and at least `minGroupSize` respondents together. A single group left out could be computed as
 * totals minus the shown groups; two or more left out give only their sum, which is shown as "other" and is as
 * large as any group that may be shown. When that cannot be reached, no group is shown (the totals stay).
 * Groups without respondents are shown (there is nobody to protect), in every case.
 */
export function protectGroups(groups: readonly { groupId: string; respondents: number }[], minGroupSize: number): Protection {
  const positive = groups.filter((g) => g.respondents > 0);
  const empty = groups.filter((g) => g.respondents === 0).map((g) => g.groupId);
  const small = positive.filter((g) => g.respondents < minGroupSize);
  if (small.length === 0) return { shown: groups.map((g) => g.groupId), merged: [], hidden: [] };
  const merged = [...small];
  // The smallest large groups join first: they give away the least.
  const large = positive.filter((g) => g.respondents >= minGroupSize).sort((a, b) => a.respondents - b.respondents);
  const sum = () => merged.reduce((n, g) => n + g.respondents, 0);
  // Every small group is below the threshold, so "other" reaching it holds at least two groups with respondents.
  while (sum() < minGroupSize && large.length > 0) merged.push(large.shift() as (typeof large)[number]);
  const safe = sum() >= minGroupSize;
  // "Other" holding every group with respondents would only repeat the totals: that is no split at all.
  if (!safe || merged.length === positive.length) return { shown: empty, merged: [], hidden: positive.map((g) => g.groupId) };
  const inOther = new Set(merged.map((g) => g.groupId));
  return {
    shown: groups.filter((g) => !inOther.has(g.groupId)).map((g) => g.groupId),
    merged: merged.map((g) => g.groupId),
    hidden: [],
  };
}

/** A split as it may be sent: the shown groups, the merged "other" group, and which groups are not shown alone. */
export interface ProtectedSplit {
  groups: GroupTally[];
  /** The groups shown together, with their summed numbers; absent when no group needs protecting or none can be shown. */
  other?: GroupTally & { groupIds: string[] };
  /** Groups not shown on their own (in "other", or not at all): their ids only, never their numbers. */
  withheld: string[];
}

function addInto(into: Record<string, number>, from: Readonly<Record<string, number>> | undefined): void {
  for (const [key, n] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + n;
}

/** Apply the protection: the numbers of a group not shown alone never leave this function. */
export function protectSplit(tallies: readonly GroupTally[], minGroupSize: number): ProtectedSplit {
  const protection = protectGroups(tallies, minGroupSize);
  const shown = new Set(protection.shown);
  const groups = tallies.filter((t) => shown.has(t.groupId));
  const withheld = tallies.filter((t) => !shown.has(t.groupId)).map((t) => t.groupId);
  if (protection.merged.length === 0) return { groups, withheld };
  const members = tallies.filter((t) => protection.merged.includes(t.groupId));
  const counts: Record<string, number> = {};
  const hasScores = members.some((m) => m.scores);
  const scores: Record<string, number> = {};
  for (const m of members) {
    addInto(counts, m.counts);
    addInto(scores, m.scores);
  }
  // Every key of the question is present, also when no member chose it.
  for (const key of Object.keys(members[0]?.counts ?? {})) counts[key] ??= 0;
  const other = {
    groupId: "_other",
    groupIds: members.map((m) => m.groupId),
    respondents: members.reduce((n, m) => n + m.respondents, 0),
    counts,
    ...(hasScores ? { scores } : {}),
  };
  return { groups, other, withheld };
}
