"use client";
/** The results of a scale question: a column per value with its count and share always on, the mean beside it. */
import { useRef, type CSSProperties } from "react";
import { Bar, BarChart, XAxis, YAxis, usePlotArea, useYAxisScale, type BarShapeProps } from "recharts";
import { formatPercent, type Language } from "@/lib/i18n";
import { formatMean, type ScaleRow } from "@/lib/poll/scale-rows";
import type { ScaleSettings } from "@/lib/protocol";
import { useChartSlots, useRowMotion, useSize, type ChartSlot, type MotionRegistry } from "./results-bars";
import "./results-chart.css";

export interface ResultsScaleProps {
  rows: ScaleRow[];
  respondents: number;
  /** `null` or absent without answers. */
  mean: number | null | undefined;
  scale: ScaleSettings;
  /** "screen": large type for the projector; "compact": phone and console. */
  size: "screen" | "compact";
  title: string;
  caption: string;
  respondentsLabel: string;
  meanLabel: string;
  noMeanLabel: string;
  valueHeader: string;
  language: Language;
  animate?: boolean;
  /** Screen only: label size in px, chosen by the page from the window height. */
  fontSize?: number;
}

const FONT = { screen: 28, compact: 14 } as const;

/**
 * One column with its figures above it, drawn in the Bar's `shape` so they are there in every frame (recharts
 * draws a LabelList only once its own animation ends). A shape of our own also keeps columns of 0 in the chart,
 * so "0" shows where nobody chose the value. The column and its figures move together (see useRowMotion).
 */
function ScaleColumnShape({ x, width, row, font, language, motions, animate }: Pick<BarShapeProps, "x" | "width"> & { row: ScaleRow | undefined; font: number; language: Language; motions: MotionRegistry; animate: boolean }) {
  const plot = usePlotArea();
  const y = useYAxisScale();
  const column = useRef<SVGGElement>(null);
  // The column's height is the YAxis scale's, from this render's row (recharts' data holds only the values).
  const h = Math.max(0, (y?.(0) ?? 0) - (y?.(row?.count ?? 0) ?? 0));
  useRowMotion(motions, row?.id ?? "", h, null, animate, column);
  if (!plot || !row || plot.height <= 0) return null;
  const left = Number(x) || 0;
  const w = Math.max(0, Number(width) || 0);
  const bottom = plot.y + plot.height;
  const cx = left + w / 2;
  const radius = Math.min(w / 2, font * 0.3);
  return (
    <g ref={column} className="results-column" style={{ "--bar-length": `${h}px` } as CSSProperties}>
      <rect className="results-bar__track" x={left} y={plot.y} width={w} height={plot.height} rx={radius} />
      {/* Upside down from the base line, so a growing height grows the column upwards. */}
      <g transform={`translate(0 ${bottom}) scale(1 -1)`}>
        <rect className="results-column__fill" x={left} y={0} width={w} rx={radius} />
      </g>
      <g transform={`translate(0 ${bottom})`}>
        <g className="results-column__figures">
          <text className="results-column__count" x={cx} y={-font * 1.45} textAnchor="middle">
            {row.count}
          </text>
          <text className="results-column__share" x={cx} y={-font * 0.4} textAnchor="middle">
            {formatPercent(language, row.share)}
          </text>
        </g>
      </g>
    </g>
  );
}

/**
 * A scale question's results: one column per value (how many chose it, and what share), the mean in large
 * type beside it, and the scale's end labels under the first and last column.
 */
export function ResultsScale({ rows, respondents, mean, scale, size, title, caption, respondentsLabel, meanLabel, noMeanLabel, valueHeader, language, animate = true, fontSize }: ResultsScaleProps) {
  const font = fontSize ?? FONT[size];
  const motions = useRef<MotionRegistry>(new Map()).current;
  const slots = useChartSlots(rows.map((r) => r.id));
  const byValue = new Map(rows.map((r) => [r.id, r]));
  const plot = useRef<HTMLDivElement>(null);
  const { width, height: plotHeight } = useSize(plot);
  const top = Math.max(1, ...rows.map((r) => r.count));
  const height = size === "screen" ? "100%" : 220;
  const shownMean = mean == null ? noMeanLabel : formatMean(language, mean);
  return (
    <figure className={`results-chart results-chart--${size} results-scale`} data-testid="results-chart" style={{ "--bars-font": `${font}px` } as CSSProperties}>
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </figcaption>
      <div className="results-scale__body">
        <p className="results-scale__mean" data-testid="mean">
          <span className="results-scale__mean-label">{meanLabel}</span> <strong className="results-scale__mean-value">{shownMean}</strong>
        </p>
        <div className="results-scale__chart">
          <div ref={plot} className="results-chart__plot" style={{ width: "100%", height }} aria-hidden="true">
            {width > 0 && plotHeight > 0 ? (
              <div className="results-chart__canvas">
                <BarChart width={Math.floor(width)} height={Math.floor(plotHeight)} data={slots} margin={{ top: font * 2.8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
                  <XAxis dataKey="id" tickLine={false} axisLine={{ stroke: "var(--line)" }} tick={{ fontSize: font * 1.2, fill: "var(--fg)", fontWeight: 700 }} interval={0} />
                  <YAxis type="number" domain={[0, top]} hide />
                  <Bar
                    dataKey="zero"
                    maxBarSize={font * 6}
                    isAnimationActive={false}
                    shape={(props: BarShapeProps) => (
                      <ScaleColumnShape x={props.x} width={props.width} row={byValue.get((props.payload as ChartSlot).id)} font={font} language={language} motions={motions} animate={animate} />
                    )}
                  />
                </BarChart>
              </div>
            ) : null}
          </div>
          {scale.minLabel || scale.maxLabel ? (
            <p className="results-scale__ends">
              <span>
                {scale.min} = {scale.minLabel}
              </span>
              <span>
                {scale.max} = {scale.maxLabel}
              </span>
            </p>
          ) : null}
        </div>
      </div>
      <table className="visually-hidden" data-testid="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{valueHeader}</th>
            <th scope="col">n</th>
            <th scope="col">%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-value={r.id}>
              <th scope="row">{r.value === scale.min && scale.minLabel ? `${r.value} (${scale.minLabel})` : r.value === scale.max && scale.maxLabel ? `${r.value} (${scale.maxLabel})` : r.value}</th>
              <td data-testid={`scale-count-${r.id}`}>{r.count}</td>
              <td data-testid={`scale-share-${r.id}`}>{r.share}</td>
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
