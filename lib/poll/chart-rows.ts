import type { OptionView, Results } from "../protocol";
import { sharePercent } from "./tally";

export interface ChartRow {
  id: string;
  label: string;
  count: number;
  /** Whole percent of respondents. */
  share: number;
}

/**
 * Rows for the results chart: one per option, in the question's (article's) order, or by share (ties keep
 * the article's order, so equal bars never swap places between updates).
 */
export function chartRows(options: readonly OptionView[], results: Results | undefined, sortByShare: boolean): ChartRow[] {
  const respondents = results?.respondents ?? 0;
  const rows = options.map((o) => {
    const count = results?.counts[o.id] ?? 0;
    return { id: o.id, label: o.label, count, share: sharePercent(count, respondents) };
  });
  if (!sortByShare) return rows;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.count - a.row.count || a.index - b.index)
    .map(({ row }) => row);
}
