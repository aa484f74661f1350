import { CHALLENGES } from "../challenges";
import type { Language } from "../languages";
import type { Comparison } from "../protocol";
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
}

/** Sessions side by side on the nine challenges, each group only when it has enough respondents. */
export function compareGroups(groups: readonly CompareInput[], minGroupSize: number): Comparison {
  return {
    minGroupSize,
    options: CHALLENGES.map((c) => c.id),
    groups: groups.map((g) => {
      const base = { sessionId: g.sessionId, title: g.title, createdAt: g.createdAt, respondents: g.respondents };
      if (!g.counts) return { ...base, shares: null, withheld: "not_asked" as const };
      if (!breakdownAllowed(g.respondents, minGroupSize)) return { ...base, shares: null, withheld: "too_few_answers" as const };
      const counts = g.counts;
      return { ...base, shares: Object.fromEntries(CHALLENGES.map((c) => [c.id, sharePercent(counts[c.id] ?? 0, g.respondents)])) };
    }),
  };
}

/**
 * The comparison as CSV, exactly as the page shows it: one row per challenge, one column of shares (whole
 * percentages) per session with n in its heading, empty for a session that is withheld.
 */
export function comparisonCsv(comparison: Comparison, language: Language, dialect: CsvDialect = "comma"): string {
  const h = exportHeadings(language);
  const heading = [h.option, h.label, ...comparison.groups.map((g) => `${g.title} (n = ${g.respondents})`)];
  const rows = CHALLENGES.map((c) => [c.id, c.label[language], ...comparison.groups.map((g) => (g.shares ? g.shares[c.id] ?? 0 : ""))]);
  return csvFile([heading, ...rows], dialect);
}
