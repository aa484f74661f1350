"use client";
/** The results of a ranking question: Borda points per option, best first, with the counting method beside them. */
import type { Language } from "@/lib/i18n";
import type { RankingRow } from "@/lib/poll/ranking-rows";
import { ResultsBars } from "./results-bars";

export interface ResultsRankingProps {
  /** Highest score first. */
  rows: RankingRow[];
  respondents: number;
  size: "screen" | "compact";
  title: string;
  caption: string;
  /** "Borda: 1st place = 3 points, 2nd = 2, and so on." */
  explanation: string;
  respondentsLabel: string;
  optionHeader: string;
  pointsHeader: string;
  rankedByHeader: string;
  /** "12 pts" */
  pointsShort: (points: number) => string;
  animate?: boolean;
  fontSize?: number;
  /** Numbers drawn before the labels, by option id (the challenges' numbers in the article). */
  numbers?: ReadonlyMap<string, number>;
  /** The language of the rows' `secondLabel`, on a bilingual screen. */
  secondLanguage?: Language;
}

const FONT = { screen: 28, compact: 14 } as const;

/**
 * Horizontal bars of Borda points, best first; the leader's bar fills its track. Every bar carries its points
 * at its end at all times ("0 pts": nobody ranked it), and a bar that changes place slides to it.
 */
export function ResultsRanking({ rows, respondents, size, title, caption, explanation, respondentsLabel, optionHeader, pointsHeader, rankedByHeader, pointsShort, animate = true, fontSize, numbers, secondLanguage }: ResultsRankingProps) {
  const top = Math.max(1, ...rows.map((r) => r.score));
  const bars = rows.map((r) => ({
    id: r.id,
    label: r.label,
    ...(r.secondLabel ? { secondLabel: r.secondLabel } : {}),
    ...(numbers?.has(r.id) ? { number: numbers.get(r.id) } : {}),
    value: r.score,
    valueText: pointsShort(r.score),
  }));
  return (
    <figure className={`results-chart results-chart--${size} results-ranking`} data-testid="results-chart">
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </figcaption>
      <p className="results-ranking__method" data-testid="borda-explanation">
        {explanation}
      </p>
      <div className="results-chart__plot" aria-hidden="true">
        <ResultsBars rows={bars} max={top} size={size} fontSize={fontSize ?? FONT[size]} widestValue={pointsShort(Math.max(100, top))} secondLanguage={secondLanguage} animate={animate} />
      </div>
      <table className="visually-hidden" data-testid="results-table">
        <caption>
          {caption}. {explanation}
        </caption>
        <thead>
          <tr>
            <th scope="col">{optionHeader}</th>
            <th scope="col">{pointsHeader}</th>
            <th scope="col">{rankedByHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-option-id={r.id}>
              <th scope="row">{r.secondLabel ? `${r.label} · ${r.secondLabel}` : r.label}</th>
              <td data-testid={`score-${r.id}`}>{r.score}</td>
              <td data-testid={`ranked-count-${r.id}`}>{r.count}</td>
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
