"use client";
/** The results of a dot vote: a live ranking of the options, most dots first, with each row's dots written at its end. */
import type { Language } from "@/lib/i18n";
import type { DotRow } from "@/lib/poll/dots-rows";
import { totalDots } from "@/lib/poll/dots-rows";
import { ResultsBars } from "./results-bars";

export interface ResultsDotsProps {
  /** Most dots first (lib/poll/dots-rows.ts). */
  rows: DotRow[];
  respondents: number;
  size: "screen" | "compact";
  title: string;
  caption: string;
  respondentsLabel: string;
  optionHeader: string;
  /** "Stippen in totaal: 12" */
  totalText: (total: number) => string;
  /** "12 stippen", "1 stip" */
  dotsText: (dots: number) => string;
  animate?: boolean;
  fontSize?: number;
  /** The language of the rows' `secondLabel`, on a bilingual screen. */
  secondLanguage?: Language;
  /** Compact only: rows of this height in px. */
  rowHeight?: number;
}

const FONT = { screen: 28, compact: 14 } as const;

/**
 * Horizontal bars of dots, most first; the leader's bar fills its track and every bar carries its dots at its end
 * at all times ("0 stippen": nobody put one there). The bars grow with the dots (the bars' own motion, off with
 * reduced motion); a row that overtakes another takes its new place at once instead of sliding there, because a
 * dot vote turns over with every few ballots and sliding rows were drawn over each other (e2e/dots.spec.ts samples
 * every frame).
 */
export function ResultsDots({ rows, respondents, size, title, caption, respondentsLabel, optionHeader, totalText, dotsText, animate = true, fontSize, secondLanguage, rowHeight }: ResultsDotsProps) {
  const top = Math.max(1, ...rows.map((r) => r.dots));
  const font = fontSize ?? FONT[size];
  // A compact row with a note (a proposal's challenge) under its label gets the room of one more line.
  const compactRow = rows.some((r) => r.note) ? Math.max(rowHeight ?? 0, Math.round(font * 4.3)) : rowHeight;
  const total = totalDots(rows);
  const bars = rows.map((r) => ({
    id: r.id,
    label: r.label,
    ...(r.secondLabel ? { secondLabel: r.secondLabel } : {}),
    ...(r.note ? { note: r.note } : {}),
    value: r.dots,
    valueText: dotsText(r.dots),
  }));
  return (
    <figure className={`results-chart results-chart--${size} results-dots`} data-testid="results-chart">
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </figcaption>
      <p className="results-ranking__method" data-testid="dots-total">
        {totalText(total)}
      </p>
      <div className="results-chart__plot" aria-hidden="true">
        <ResultsBars rows={bars} max={top} size={size} fontSize={font} widestValue={dotsText(Math.max(100, top))} secondLanguage={secondLanguage} animate={animate} rowHeight={compactRow} slide={false} />
      </div>
      <table className="visually-hidden" data-testid="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{optionHeader}</th>
            <th scope="col">{title}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-option-id={r.id}>
              <th scope="row">
                {r.secondLabel ? `${r.label} · ${r.secondLabel}` : r.label}
                {r.note ? ` (${r.note})` : ""}
              </th>
              <td data-testid={`dots-${r.id}`}>{r.dots}</td>
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
