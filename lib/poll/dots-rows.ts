/**
 * The results of a dot vote as every view ranks them: most dots first, ties in the question's order (so equal rows
 * never swap places between updates), with the total of dots and a sentence for a screen reader's live region.
 */
import type { Language } from "../i18n";
import { dotsCount, dotsWord } from "../messages/dots";
import type { OptionView, Results } from "../protocol";
import { secondLabels } from "./chart-rows";

export interface DotRow {
  id: string;
  label: string;
  /** The option in the screen's second language, when a bilingual room reads two and the words differ. */
  secondLabel?: string;
  /** A proposal of an action round: the challenge it was proposed for (lib/poll/dot-notes.ts). */
  note?: string;
  /** Dots on this option, from all ballots together. */
  dots: number;
}

/** One row per option, most dots first; ties keep the question's order. */
export function dotRows(options: readonly OptionView[], results: Pick<Results, "counts"> | undefined, second?: readonly OptionView[]): DotRow[] {
  const others = secondLabels(options, second);
  return options
    .map((o, index) => {
      const secondLabel = others.get(o.id);
      return { index, row: { id: o.id, label: o.label, ...(secondLabel ? { secondLabel } : {}), dots: results?.counts[o.id] ?? 0 } };
    })
    .sort((a, b) => b.row.dots - a.row.dots || a.index - b.index)
    .map(({ row }) => row);
}

/** Every dot placed, over all options. */
export function totalDots(rows: readonly Pick<DotRow, "dots">[]): number {
  return rows.reduce((sum, r) => sum + r.dots, 0);
}

/** The ranking in one sentence: "4 respondenten, 12 stippen. Koffie: 5 stippen; Thee: 4 stippen; …". */
export function dotsSummary(language: Language, rows: readonly DotRow[], respondents: number): string {
  const items = rows.map((r) => dotsWord(language, "dotsOnOption", { label: r.label, dots: dotsCount(language, r.dots) })).join("; ");
  return dotsWord(language, "dotsSummary", { n: respondents, total: dotsCount(language, totalDots(rows)), items });
}
