"use client";
/** A network's trend as a table: a row per challenge, a column per measurement with its n, then the change. */
import { CHALLENGES } from "@/lib/challenges";
import { formatNumber, formatPercent, type Language } from "@/lib/i18n";
import { formatShift } from "@/lib/poll/rounds";
import type { NetworkTrend } from "@/lib/protocol";

export interface TrendTableProps {
  trend: NetworkTrend;
  language: Language;
  /** Id of the heading that names the table (a phone scrolls it sideways: a named, reachable region). */
  labelledBy: string;
  words: { caption: string; measurement: (n: number) => string; change: (from: number, to: number) => string };
}

export function TrendTable({ trend, language, labelledBy, words }: TrendTableProps) {
  const change = trend.change;
  return (
    <div className="compare__table" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table>
        <thead>
          <tr>
            <th scope="col">{words.caption}</th>
            {trend.measurements.map((m) => (
              <th key={m.sessionId} scope="col" className="num">
                {words.measurement(m.measurement)} <span className="nowrap">(n = {formatNumber(language, m.respondents)})</span>
              </th>
            ))}
            {change ? (
              <th scope="col" className="num">
                {words.change(change.from, change.to)}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {CHALLENGES.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label[language]}</th>
              {trend.measurements.map((m) => (
                <td key={m.sessionId} className="num" data-testid={`trend-${m.measurement}-${c.id}`}>
                  {m.shares ? formatPercent(language, m.shares[c.id] ?? 0) : "–"}
                </td>
              ))}
              {change ? (
                <td className="num" data-testid={`trend-change-${c.id}`}>
                  {formatShift(language, change.shift[c.id] ?? 0)}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
