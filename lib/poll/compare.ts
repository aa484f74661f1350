import { CHALLENGES } from "../challenges";
import type { Language } from "../languages";
import type { CompareByGroup, Comparison, SplitResults } from "../protocol";
import { breakdownAllowed } from "./cooccurrence";
import { csvFile, exportHeadings, type CsvDialect } from "./export";
import { sharePercent } from "./tally";

export interface CompareInput {
  sessionId: string;
  title: string;
  createdAt: string;
  respondents: number;
  /** Counts of the nine-challenges question; `null` when the session did not ask it. */
  counts: Record<string, number> | null;
  /** Per group, when compared per group (already protected). */
  byGroup?: CompareByGroup | null;
}

/** Sessions side by side on the nine challenges, each group only when it has enough respondents. */
export function compareGroups(groups: readonly CompareInput[], minGroupSize: number): Comparison {
  return {
    minGroupSize,
    options: CHALLENGES.map((c) => c.id),
    groups: groups.map((g) => {
      const base = { sessionId: g.sessionId, title: g.title, createdAt: g.createdAt, respondents: g.respondents, ...(g.byGroup !== undefined ? { byGroup: g.byGroup } : {}) };
      if (!g.counts) return { ...base, shares: null, withheld: "not_asked" as const };
      if (!breakdownAllowed(g.respondents, minGroupSize)) return { ...base, shares: null, withheld: "too_few_answers" as const };
      const counts = g.counts;
      return { ...base, shares: Object.fromEntries(CHALLENGES.map((c) => [c.id, sharePercent(counts[c.id] ?? 0, g.respondents)])) };
    }),
  };
}

/** A session's split of the nine challenges (already protected) as shares per group, with the groups' labels. */
export function byGroupOf(split: SplitResults): CompareByGroup {
  const label = (id: string) => split.by.options.find((o) => o.id === id)?.label ?? id;
  const shares = (counts: Record<string, number>, n: number) => Object.fromEntries(CHALLENGES.map((c) => [c.id, sharePercent(counts[c.id] ?? 0, n)]));
  return {
    questionId: split.by.questionId,
    // Groups nobody in the session belongs to say nothing when comparing sessions.
    groups: split.groups.filter((g) => g.respondents > 0).map((g) => ({ groupId: g.groupId, label: label(g.groupId), respondents: g.respondents, shares: shares(g.counts, g.respondents) })),
    ...(split.other ? { other: { groupIds: split.other.groupIds, respondents: split.other.respondents, shares: shares(split.other.counts, split.other.respondents) } } : {}),
    withheld: split.withheld.map(label),
  };
}

/** The columns of a comparison, as the page and its CSV show them: one per session, then (per group) one per group. */
export function comparisonColumns(comparison: Comparison, language: Language): { key: string; heading: string; shares: Record<string, number> | null }[] {
  const h = exportHeadings(language);
  return comparison.groups.flatMap((g) => {
    const session = { key: g.sessionId, heading: `${g.title} (n = ${g.respondents})`, shares: g.shares };
    if (!g.byGroup) return [session];
    const other = g.byGroup.other;
    return [
      session,
      ...g.byGroup.groups.map((x) => ({ key: `${g.sessionId}-${x.groupId}`, heading: `${g.title} · ${x.label} (n = ${x.respondents})`, shares: x.shares })),
      ...(other ? [{ key: `${g.sessionId}-_other`, heading: `${g.title} · ${h.other} (n = ${other.respondents})`, shares: other.shares }] : []),
    ];
  });
}

/**
 * The comparison as CSV, exactly as the page shows it: one row per challenge, one column of shares (whole
 * percentages) per session (or per session and group) with n in its heading, empty where it is withheld.
 */
export function comparisonCsv(comparison: Comparison, language: Language, dialect: CsvDialect = "comma"): string {
  const h = exportHeadings(language);
  const columns = comparisonColumns(comparison, language);
  const heading = [h.option, h.label, ...columns.map((c) => c.heading)];
  const rows = CHALLENGES.map((c) => [c.id, c.label[language], ...columns.map((col) => (col.shares ? (col.shares[c.id] ?? 0) : ""))]);
  return csvFile([heading, ...rows], dialect);
}
