import { CHALLENGES } from "../challenges";
import type { OptionView, Results } from "../protocol";
import { sharePercent } from "./tally";

export interface ChartRow {
  id: string;
  label: string;
  /** The option in the screen's second language, when a bilingual room reads two and the words differ. */
  secondLabel?: string;
  count: number;
  /** Whole percent of respondents. */
  share: number;
}

/** The second language's labels by option id, left out where they read the same as the first. */
export function secondLabels(options: readonly OptionView[], second: readonly OptionView[] | undefined): Map<string, string> {
  const first = new Map(options.map((o) => [o.id, o.label]));
  return new Map((second ?? []).filter((o) => o.label && o.label !== first.get(o.id)).map((o) => [o.id, o.label]));
}

/**
 * Rows for the results chart: one per option, in the question's (article's) order, or by share (ties keep
 * the article's order, so equal bars never swap places between updates). `second` gives a bilingual screen
 * the options in its second language.
 */
export function chartRows(options: readonly OptionView[], results: Results | undefined, sortByShare: boolean, second?: readonly OptionView[]): ChartRow[] {
  const respondents = results?.respondents ?? 0;
  const others = secondLabels(options, second);
  const rows = options.map((o): ChartRow => {
    const count = results?.counts[o.id] ?? 0;
    const secondLabel = others.get(o.id);
    return { id: o.id, label: o.label, ...(secondLabel ? { secondLabel } : {}), count, share: sharePercent(count, respondents) };
  });
  if (!sortByShare) return rows;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.count - a.row.count || a.index - b.index)
    .map(({ row }) => row);
}

/**
 * The article's number (1–9, figure 1) of each option that is one of the nine challenges, whatever the question
 * (the nine-challenges question itself, or a follow-up with a few of them) and whatever the sort: the number the
 * screen draws before the label and the key that opens the challenge's discussion card.
 */
export function challengeNumbers(options: readonly Pick<OptionView, "id">[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const o of options) {
    const index = CHALLENGES.findIndex((c) => c.id === o.id);
    if (index >= 0) numbers.set(o.id, index + 1);
  }
  return numbers;
}
