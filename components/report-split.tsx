/**
 * A question's results split by one grouping question, for the report: per option (or value) a row per group with
 * its name, its bar and its figure, all as text, so the table reads aloud and prints in black and white; the group
 * colours of the screen are there for whoever prints in colour. Drawn with CSS like the report's other bars.
 */
import { formatNumber, formatPercent, type Language } from "@/lib/i18n";
import { formatMean } from "@/lib/poll/scale-rows";
import type { SplitView } from "@/lib/poll/split-rows";
import "./split-chart.css";

export interface ReportSplitProps {
  view: SplitView;
  measure: "share" | "points";
  language: Language;
  notes: readonly string[];
  labels: {
    /** "Per groep: Welke rol speel je zelf in het netwerk?" */
    title: string;
    row: string;
    group: string;
    value: string;
    points: (n: number) => string;
    mean: (mean: string) => string;
  };
}

export function ReportSplit({ view, measure, language, notes, labels: l }: ReportSplitProps) {
  return (
    <div className="report-split" data-testid="report-split" data-split-by={view.by.questionId}>
      <h4>{l.title}</h4>
      {view.series.length > 0 ? (
        <>
          <ul className="report-split__legend" data-testid="report-split-legend">
            {view.series.map((s) => (
              <li key={s.id} className={`split-tone-${s.tone}`} data-group-id={s.id}>
                <span className="report-split__swatch" aria-hidden="true" />
                <strong>{s.label}</strong> n = {formatNumber(language, s.respondents)}
                {s.mean !== undefined ? ` · ${l.mean(s.mean === null ? "–" : formatMean(language, s.mean))}` : null}
              </li>
            ))}
          </ul>
          <table className="bars report-split__table">
            <caption className="visually-hidden">{l.title}</caption>
            <thead>
              <tr>
                <th scope="col">{l.row}</th>
                <th scope="col">{l.group}</th>
                <th scope="col">{l.value}</th>
              </tr>
            </thead>
            {view.rows.map((r) => (
              <tbody key={r.id} data-row-id={r.id}>
                {view.series.map((s, i) => {
                  const cell = s.cells[r.id] ?? { count: 0, share: 0, points: 0, value: 0 };
                  const figure = measure === "points" ? l.points(cell.points) : `${formatPercent(language, cell.share)} (${formatNumber(language, cell.count)})`;
                  return (
                    <tr key={s.id} className={`split-tone-${s.tone}`} data-group-id={s.id}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={view.series.length} className="bars__label">
                          {r.label}
                        </th>
                      ) : null}
                      <td className="report-split__group">{s.label}</td>
                      <td>
                        <div className="bars__cell">
                          <span className="bars__track" aria-hidden="true">
                            <span className="bars__fill" style={{ width: `${Math.max(0, Math.min(1, cell.value / Math.max(1, s.max))) * 100}%` }} />
                          </span>
                          <span className="bars__figure">{figure}</span>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </>
      ) : null}
      {notes.map((note) => (
        <p key={note} className="report-split__note" data-testid="report-split-note">
          {note}
        </p>
      ))}
    </div>
  );
}
