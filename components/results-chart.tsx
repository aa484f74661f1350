"use client";
/** The results of a single or multiple choice question: a bar per option with its share and count always on. */
import { formatPercent, type Language } from "@/lib/i18n";
import type { ChartRow } from "@/lib/poll/chart-rows";
import { ResultsBars } from "./results-bars";

export interface ResultsChartProps {
  rows: ChartRow[];
  respondents: number;
  /** "screen": large type for the projector; "compact": phone and console. */
  size: "screen" | "compact";
  title: string;
  caption: string;
  respondentsLabel: string;
  language: Language;
  /** Off when the user prefers reduced motion. */
  animate?: boolean;
  /** Screen only: label size in px, chosen by the page from the window height. */
  fontSize?: number;
  /** Numbers drawn before the labels, by option id (the challenges' numbers in the article, which are their keys). */
  numbers?: ReadonlyMap<string, number>;
  /** The language of the rows' `secondLabel`, on a bilingual screen. */
  secondLanguage?: Language;
  /** Compact only: rows of this height in px (the console packs its chart into a laptop's window). */
  rowHeight?: number;
}

const FONT = { screen: 28, compact: 14 } as const;

/**
 * Horizontal bars like figure 1 of the article: one bar per option, length = share of respondents, with the
 * share and the count at the end of every bar at all times (0 % on an option nobody chose).
 */
export function ResultsChart({ rows, respondents, size, title, caption, respondentsLabel, language, animate = true, fontSize, numbers, secondLanguage, rowHeight }: ResultsChartProps) {
  const bars = rows.map((r) => ({
    id: r.id,
    label: r.label,
    ...(r.secondLabel ? { secondLabel: r.secondLabel } : {}),
    ...(numbers?.has(r.id) ? { number: numbers.get(r.id) } : {}),
    value: r.share,
    valueText: formatPercent(language, r.share),
    detailText: `(${r.count})`,
  }));
  return (
    <figure className={`results-chart results-chart--${size}`} data-testid="results-chart">
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </figcaption>
      {/* The table below is the accessible version; the drawing itself stays out of the reading order. */}
      <div className="results-chart__plot" aria-hidden="true">
        <ResultsBars
          rows={bars}
          max={100}
          size={size}
          fontSize={fontSize ?? FONT[size]}
          widestValue={formatPercent(language, 100)}
          widestDetail={`(${Math.max(10, respondents)})`}
          secondLanguage={secondLanguage}
          animate={animate}
          rowHeight={rowHeight}
        />
      </div>
      {/* The same figures as text, for screen readers. */}
      <table className="visually-hidden" data-testid="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">%</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-option-id={r.id}>
              <th scope="row">{r.secondLabel ? `${r.label} · ${r.secondLabel}` : r.label}</th>
              <td data-testid={`share-${r.id}`}>{r.share}</td>
              <td data-testid={`count-${r.id}`}>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="results-chart__foot">
        {caption} · {respondentsLabel}: {respondents}
      </p>
    </figure>
  );
}
