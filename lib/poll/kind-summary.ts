import { formatPercent, translate, type Language } from "../i18n";
import type { RankingRow } from "./ranking-rows";
import { formatMean, type ScaleRow } from "./scale-rows";

/**
 * One sentence per results update for the screen reader's live region, for the kinds that are not plain
 * choices (those use `resultsSummary`).
 */
export function scaleSummary(language: Language, rows: readonly ScaleRow[], mean: number | null | undefined, respondents: number): string {
  const items = rows.map((r) => `${r.value}: ${formatPercent(language, r.share)} (${r.count})`).join("; ");
  const shownMean = mean == null ? translate(language, "noAnswersYet") : formatMean(language, mean);
  return translate(language, "scaleSummary", { n: respondents, mean: shownMean, items });
}

export function rankingSummary(language: Language, rows: readonly RankingRow[], respondents: number): string {
  const items = rows.map((r) => translate(language, "pointsItem", { label: r.label, points: r.score })).join("; ");
  return translate(language, "summary", { n: respondents, items });
}

export function openSummary(language: Language, answers: number): string {
  return translate(language, "openSummary", { n: answers });
}

/** A word cloud in one sentence: how many sent words, and the five most frequent with their counts. */
export function wordsSummary(language: Language, words: readonly { text: string; count: number }[], respondents: number): string {
  const items = words
    .slice(0, 5)
    .map((w) => `${w.text} (${w.count})`)
    .join("; ");
  return translate(language, "summary", { n: respondents, items });
}
