import { formatPercent, translate, type Language } from "../i18n";
import type { ChartRow } from "./chart-rows";

/** One sentence with every option's share and count, for the screen reader's live region. */
export function resultsSummary(language: Language, rows: readonly ChartRow[], respondents: number): string {
  const items = rows.map((r) => `${r.label}: ${formatPercent(language, r.share)} (${r.count})`).join("; ");
  return translate(language, "summary", { n: respondents, items });
}
