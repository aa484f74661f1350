"use client";
/**
 * A question's results split by group: for each option (or scale value) a bar per group, the groups side by side
 * in columns of their own colour under a legend that names each group with its n; every bar carries its figure at
 * its end at all times, as the plain chart's do. The console and the screen draw this same component.
 */
import { memo, useRef, type CSSProperties } from "react";
import { formatNumber, formatPercent, type Language } from "@/lib/i18n";
import { formatMean } from "@/lib/poll/scale-rows";
import type { SplitSeries, SplitView } from "@/lib/poll/split-rows";
import { BarsLabels, BarsPlot, figureRoom, useDrawnRows, useLabelFit, useSize, type DrawnRow } from "./results-bars";
import "./results-chart.css";
import "./split-chart.css";

export interface SplitChartProps {
  view: SplitView;
  /** Choice and scale bars show a group's share and count; ranking bars its Borda points. */
  measure: "share" | "points";
  size: "screen" | "compact";
  /** Label size in px (the screen's follows the window height). */
  fontSize?: number;
  language: Language;
  title: string;
  /** What the bars stand for, for the screen reader's table. */
  caption: string;
  /** Everyone who answered the question. */
  respondents: number;
  /** Which groups are not shown on their own and why (lib/poll/split-rows.ts splitNotes). */
  notes: readonly string[];
  /** A ranking: how its points are counted, as the plain ranking chart says it. */
  explanation?: string;
  labels: {
    /** "Per groep: Welke rol speel je zelf in het netwerk?" */
    splitBy: string;
    /** The column of group names in the screen reader's table. */
    group: string;
    /** "12 ptn" */
    points: (n: number) => string;
    /** "gem. 3,8" */
    mean: (mean: string) => string;
  };
  /** Numbers drawn before the labels, by row id (the challenges' numbers in the article). */
  numbers?: ReadonlyMap<string, number>;
  secondLanguage?: Language;
  animate?: boolean;
  /** Re-sorted rows slide to their place, or take it at once (a dot vote: see ResultsBarsProps.slide). */
  slide?: boolean;
}

const FONT = { screen: 28, compact: 14 } as const;

/** One group's bars: its figures per row, in this render's order. */
function seriesRows(series: SplitSeries, drawnRows: readonly DrawnRow[], measure: SplitChartProps["measure"], language: Language, points: (n: number) => string): Map<string, DrawnRow> {
  return new Map(
    drawnRows.map((row): [string, DrawnRow] => {
      const cell = series.cells[row.id] ?? { count: 0, share: 0, points: 0, value: 0 };
      const figures = measure === "points" ? { valueText: points(cell.points) } : { valueText: formatPercent(language, cell.share), detailText: `(${formatNumber(language, cell.count)})` };
      return [row.id, { ...row, value: cell.value, ...figures }];
    }),
  );
}

/** What one bar says, for the screen reader's table: the same figures as drawn. */
function cellText(series: SplitSeries, rowId: string, measure: SplitChartProps["measure"], language: Language, points: (n: number) => string): string {
  const cell = series.cells[rowId];
  if (!cell) return "";
  return measure === "points" ? points(cell.points) : `${formatPercent(language, cell.share)} (${formatNumber(language, cell.count)})`;
}

/** The split chart, memoised like the plain one: a page that re-renders for something else does not draw it again. */
export const SplitChart = memo(function SplitChart({ view, measure, size, fontSize, language, title, caption, respondents, notes, explanation, labels: l, numbers, secondLanguage, animate = true, slide = true }: SplitChartProps) {
  const rows = view.rows.map((r) => ({
    id: r.id,
    label: r.label,
    ...(r.secondLabel ? { secondLabel: r.secondLabel } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(numbers?.has(r.id) ? { number: numbers.get(r.id) } : {}),
    value: 0,
    valueText: "",
  }));
  const { slots, drawn, inOrder } = useDrawnRows(rows);
  const n = Math.max(1, rows.length);
  const labelsRef = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  const base = fontSize ?? FONT[size];
  const wording = inOrder.map((r) => `${r.number ?? ""}${r.label}\u0000${r.secondLabel ?? ""}\u0000${r.note ?? ""}`).join("\u0001");
  const fit = useLabelFit(labelsRef, `${wording}|${Math.round(width)}|${Math.round(height)}|${base}|${view.series.length}`, height);
  const font = base * fit;
  const drawnRows = [...drawn.values()];
  const style = {
    "--bars-font": `${font}px`,
    "--bars-rows": n,
    "--split-series": Math.max(1, view.series.length),
  } as CSSProperties;
  const barsStyle = size === "compact" ? { height: n * Math.max(40, base * 3.1) } : undefined;
  return (
    <figure className={`results-chart results-chart--${size} split-chart`} data-testid="split-chart" data-split-by={view.by.questionId} style={style}>
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {formatNumber(language, respondents)}
        </span>
      </figcaption>
      {explanation ? (
        <p className="results-ranking__method" data-testid="borda-explanation">
          {explanation}
        </p>
      ) : null}
      {view.series.length > 0 ? (
        <>
          <div className="split-chart__legend">
            <p className="split-chart__by">{l.splitBy}</p>
            {/* The legend is text: each group's name and n, above its own column of bars and in its colour. */}
            <ul className="split-legend" data-testid="split-legend">
              {view.series.map((s) => (
                <li key={s.id} className={`split-legend__item split-tone-${s.tone}`} data-group-id={s.id} data-testid="split-legend-item">
                  <span className="split-legend__swatch" aria-hidden="true" />
                  <span className="split-legend__text">
                    <span className="split-legend__name">{s.label}</span>{" "}
                    <span className="split-legend__n">
                      n = {formatNumber(language, s.respondents)}
                      {s.mean !== undefined ? ` · ${l.mean(s.mean === null ? "–" : formatMean(language, s.mean))}` : null}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          {/* The table below is the accessible version; the drawing itself stays out of the reading order. */}
          <div className="results-chart__plot" aria-hidden="true">
            <div ref={box} className={`results-bars results-bars--${size} split-bars${animate && slide ? "" : " results-bars--still"}`} style={barsStyle}>
              <BarsLabels rows={inOrder} secondLanguage={secondLanguage} labelsRef={labelsRef} />
              {view.series.map((s) => (
                <BarsPlot
                  key={s.id}
                  className={`split-bars__plot split-tone-${s.tone}`}
                  slots={slots}
                  drawn={seriesRows(s, drawnRows, measure, language, l.points)}
                  rows={n}
                  max={s.max}
                  font={font}
                  room={measure === "points" ? figureRoom(font, l.points(Math.max(100, s.max))) : figureRoom(font, formatPercent(language, 100), `(${Math.max(10, s.respondents)})`)}
                  animate={animate}
                  slide={slide}
                />
              ))}
            </div>
          </div>
          <table className="visually-hidden" data-testid="split-table">
            <caption>
              {caption}. {l.splitBy}
            </caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                {view.series.map((s) => (
                  <th key={s.id} scope="col">
                    {s.label} (n = {s.respondents})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.id} data-row-id={r.id}>
                  <th scope="row">
                    {r.secondLabel ? `${r.label} · ${r.secondLabel}` : r.label}
                    {r.note ? ` (${r.note})` : ""}
                  </th>
                  {view.series.map((s) => (
                    <td key={s.id}>{cellText(s, r.id, measure, language, l.points)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {notes.map((note) => (
        <p key={note} className="split-chart__note" data-testid="split-note">
          {note}
        </p>
      ))}
    </figure>
  );
});
