import { stringify } from "csv-stringify/sync";
import { CHALLENGES } from "../challenges";
import type { Language } from "../languages";
import { breakdownAllowed } from "./cooccurrence";
import { neutraliseCell } from "./export";
import { sharePercent } from "./tally";

export interface CompareInput {
  sessionId: string;
  title: string;
  createdAt: string;
  respondents: number;
  /** Counts of the nine-challenges question; `null` when the session did not ask it. */
  counts: Record<string, number> | null;
}

export interface CompareGroup {
  sessionId: string;
  title: string;
  createdAt: string;
  respondents: number;
  /** Share (%) per challenge; `null` below the privacy threshold or without the question. */
  shares: Record<string, number> | null;
  /** Why there are no shares. */
  withheld?: "too_few_answers" | "not_asked";
}

/** Sessions side by side on the nine challenges, each group only when it has enough respondents. */
export function compareGroups(groups: readonly CompareInput[], minGroupSize: number): { minGroupSize: number; options: string[]; groups: CompareGroup[] } {
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

/** The comparison as CSV: one row per challenge, one column of shares per session, n in the heading. */
export function comparisonCsv(comparison: ReturnType<typeof compareGroups>, language: Language): string {
  const heading = ["option_id", "option", ...comparison.groups.map((g) => `${g.title} (n = ${g.respondents})`)];
  const rows = CHALLENGES.map((c) => [c.id, c.label[language], ...comparison.groups.map((g) => (g.shares ? g.shares[c.id] ?? 0 : ""))]);
  const all = [heading, ...rows].map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseCell(cell) : cell)));
  return "\uFEFF" + stringify(all, { record_delimiter: "\r\n", quote_record_delimiter: true });
}
