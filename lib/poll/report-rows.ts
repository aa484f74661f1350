import { formatPercent, type Language } from "../i18n";
import type { QuestionView, Results } from "../protocol";
import { sharePercent } from "./tally";

export interface BarRow {
  id: string;
  label: string;
  /** Bar length as a fraction of the longest possible bar, 0..1. */
  fraction: number;
  /** The figure printed next to the bar. */
  display: string;
}

/**
 * Bars for any question kind, for the report and its downloads: shares of respondents for choice questions,
 * Borda points for rankings (sorted, highest first), the distribution for scales. Open questions have none.
 */
export function reportBars(language: Language, question: QuestionView, results: Results): BarRow[] {
  const n = results.respondents;
  switch (question.kind) {
    case "single":
    case "multiple":
      return question.options.map((o) => {
        const count = results.counts[o.id] ?? 0;
        const share = sharePercent(count, n);
        return { id: o.id, label: o.label, fraction: share / 100, display: `${formatPercent(language, share)} (${count})` };
      });
    case "ranking": {
      const scores = results.scores ?? {};
      const max = Math.max(1, ...Object.values(scores));
      return question.options
        .map((o, index) => ({ o, index, score: scores[o.id] ?? 0 }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .map(({ o, score }) => ({ id: o.id, label: o.label, fraction: score / max, display: String(score) }));
    }
    case "scale":
      return Object.entries(results.counts)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([value, count]) => {
        const share = sharePercent(count, n);
          return { id: value, label: value, fraction: share / 100, display: `${formatPercent(language, share)} (${count})` };
        });
    case "open":
      return [];
  }
}
