"use client";
import { Bar, BarChart, LabelList, Rectangle, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from "recharts";
import { formatPercent, type Language } from "@/lib/i18n";
import { formatMean, type ScaleRow } from "@/lib/poll/scale-rows";
import type { ScaleSettings } from "@/lib/protocol";

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

const FONT = { screen: 22, compact: 13 } as const;

/** A shape of our own keeps zero bars in the chart, so their label ("0") still shows: nobody chose it. */
const drawBar = (props: BarShapeProps) => <Rectangle {...props} />;

/**
 * A scale question's results: one column per value (how many chose it, and what share), the mean in large
 * type beside it, and the scale's end labels under the first and last column.
 */
export function ResultsScale({ rows, respondents, mean, scale, size, title, caption, respondentsLabel, meanLabel, noMeanLabel, valueHeader, language, animate = true, fontSize }: ResultsScaleProps) {
  const font = fontSize ?? FONT[size];
  const top = Math.max(1, ...rows.map((r) => r.count));
  const height = size === "screen" ? "100%" : 220;
  const shownMean = mean == null ? noMeanLabel : formatMean(language, mean);
  return (
    <figure className={`results-chart results-chart--${size} results-scale`} data-testid="results-chart">
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
          <div className="results-chart__plot" style={{ width: "100%", height }} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: font * 2.8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
                <XAxis dataKey="id" tickLine={false} axisLine={{ stroke: "var(--line)" }} tick={{ fontSize: font * 1.2, fill: "var(--fg)", fontWeight: 700 }} interval={0} />
                <YAxis type="number" domain={[0, top]} hide />
                <Bar
                  dataKey="count"
                  fill="var(--bar)"
                  radius={[6, 6, 0, 0]}
                  maxBarSize={font * 6}
                  isAnimationActive={animate}
                  animationDuration={450}
                  animationEasing="ease-out"
                  background={{ fill: "var(--bar-track)", radius: 6 }}
                  shape={drawBar}
                >
                  <LabelList
                    dataKey="count"
                    position="top"
                    content={(props) => {
                      const { x, y, width, index } = props as { x: number; y: number; width: number; index: number };
                      const row = rows[index];
                      if (!row) return null;
                      const cx = Number(x) + Number(width) / 2;
                      // Two short lines instead of one long one: eleven columns on a phone leave little width.
                      return (
                        <g>
                          <text x={cx} y={Number(y) - font * 1.45} textAnchor="middle" fontSize={font} fill="var(--fg)" fontWeight={700}>
                            {row.count}
                          </text>
                          <text x={cx} y={Number(y) - font * 0.4} textAnchor="middle" fontSize={font * 0.85} fill="var(--fg)">
                            {formatPercent(language, row.share)}
                          </text>
                        </g>
                      );
                    }}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
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
