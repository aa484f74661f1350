"use client";
/** Scale and ranking results in the console: compact tables, numbers written as the console's language writes them. */
import { formatNumber, type Language } from "@/lib/i18n";
import type { OptionView, Results, ScaleSettings } from "@/lib/protocol";

export interface ScaleResultsTableProps {
  scale: ScaleSettings;
  results: Results | undefined;
  language: Language;
  labels: { title: string; value: string; count: string; mean: string; respondents: string };
}

/** A scale question in the console: ballots per value and their mean, as a compact table. */
export function ScaleResultsTable({ scale, results, language, labels: l }: ScaleResultsTableProps) {
  const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const mean = results?.mean;
  return (
    <div className="results-table-wrap" data-testid="scale-results">
      <table className="results-table">
        <caption>{l.title}</caption>
        <thead>
          <tr>
            <th scope="col">{l.value}</th>
            <th scope="col">{l.count}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => {
            const end = v === scale.min ? scale.minLabel : v === scale.max ? scale.maxLabel : "";
            return (
              <tr key={v}>
                <th scope="row">
                  {formatNumber(language, v)}
                  {end ? <span className="results-table__end"> · {end}</span> : null}
                </th>
                <td data-testid={`count-${v}`}>{formatNumber(language, results?.counts[String(v)] ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="results-table__summary">
        {l.mean}: <strong data-testid="scale-mean">{mean === null || mean === undefined ? "—" : formatNumber(language, mean)}</strong> · {l.respondents}:{" "}
        {formatNumber(language, results?.respondents ?? 0)}
      </p>
    </div>
  );
}

export interface RankingResultsTableProps {
  options: readonly OptionView[];
  results: Results | undefined;
  language: Language;
  labels: { title: string; option: string; points: string; rankedBy: string; respondents: string };
}

/** A ranking question in the console: Borda points per option, highest first (ties keep the option order). */
export function RankingResultsTable({ options, results, language, labels: l }: RankingResultsTableProps) {
  const rows = options
    .map((o, index) => ({ o, index, points: results?.scores?.[o.id] ?? 0, ranked: results?.counts[o.id] ?? 0 }))
    .sort((a, b) => b.points - a.points || a.index - b.index);
  return (
    <div className="results-table-wrap" data-testid="ranking-results">
      <table className="results-table">
        <caption>{l.title}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{l.option}</th>
            <th scope="col">{l.points}</th>
            <th scope="col">{l.rankedBy}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ o, points, ranked }, i) => (
            <tr key={o.id} data-option-id={o.id}>
              <td>{formatNumber(language, i + 1)}</td>
              <th scope="row">{o.label}</th>
              <td data-testid={`score-${o.id}`}>{formatNumber(language, points)}</td>
              <td data-testid={`count-${o.id}`}>{formatNumber(language, ranked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="results-table__summary">
        {l.respondents}: {formatNumber(language, results?.respondents ?? 0)}
      </p>
    </div>
  );
}
