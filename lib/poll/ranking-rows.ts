import { translate, type Language } from "../i18n";
import type { OptionView, Results } from "../protocol";
import { secondLabels } from "./chart-rows";

export interface RankingRow {
  id: string;
  label: string;
  /** The option in the screen's second language, when a bilingual room reads two and the words differ. */
  secondLabel?: string;
  /** Borda points. */
  score: number;
  /** Ballots that ranked this option at all. */
  count: number;
}

/**
 * How many points the first place is worth: the most options a ballot may rank (`maxChoices`, or every
 * option without a maximum). The server's tally uses the same k, so the explanation and the figures agree.
 */
export function bordaTop(maxChoices: number | null, optionCount: number): number {
  return Math.max(1, Math.min(maxChoices ?? optionCount, optionCount));
}

/**
 * Rows for the ranking chart, highest score first; ties keep the question's order so bars never swap at random.
 * `second` gives a bilingual screen the options in its second language.
 */
export function rankingRows(options: readonly OptionView[], results: Results | undefined, second?: readonly OptionView[]): RankingRow[] {
  const others = secondLabels(options, second);
  return options
    .map((o, index) => {
      const secondLabel = others.get(o.id);
      const row: RankingRow = { id: o.id, label: o.label, ...(secondLabel ? { secondLabel } : {}), score: results?.scores?.[o.id] ?? 0, count: results?.counts[o.id] ?? 0 };
      return { index, row };
    })
    .sort((a, b) => b.row.score - a.row.score || a.index - b.index)
    .map(({ row }) => row);
}

/** The line that explains Borda counting with the actual points ("1st place = 3 points, 2nd = 2, ..."). */
export function bordaExplanation(language: Language, top: number): string {
  return top <= 1 ? translate(language, "bordaExplanationOne") : translate(language, "bordaExplanation", { first: top, second: top - 1 });
}

/** The phone's note on how a ranking is counted. */
export function rankingScoring(language: Language, top: number): string {
  return top <= 1 ? translate(language, "rankingScoringOne") : translate(language, "rankingScoring", { first: top, second: top - 1 });
}
