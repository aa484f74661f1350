import { LOCALES, type Language } from "../i18n";
import type { Results, ScaleSettings } from "../protocol";
import { sharePercent } from "./tally";

export interface ScaleRow {
  /** The value as the results key it ("1".."5"). */
  id: string;
  value: number;
  count: number;
  /** Whole percent of respondents. */
  share: number;
}

/** One row per value of the scale, from min to max, with 0 for values nobody chose. */
export function scaleRows(scale: Pick<ScaleSettings, "min" | "max">, results: Results | undefined): ScaleRow[] {
  const respondents = results?.respondents ?? 0;
  const rows: ScaleRow[] = [];
  for (let value = scale.min; value <= scale.max; value++) {
    const id = String(value);
    const count = results?.counts[id] ?? 0;
    rows.push({ id, value, count, share: sharePercent(count, respondents) });
  }
  return rows;
}

/**
 * A scale mean as the room reads it: one decimal in the locale's notation ("3,4" in Dutch and French, "3.4"
 * in English). The server already rounds to two decimals; one is what a projector can carry.
 */
export function formatMean(language: Language, mean: number): string {
  return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}
