"use client";
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatPercent, type Language } from "@/lib/i18n";
import type { ChartRow } from "@/lib/poll/chart-rows";

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
}

const SIZES = {
  screen: { font: 22, labelWidth: 560, rowHeight: 58, barSize: 38 },
  compact: { font: 13, labelWidth: 190, rowHeight: 40, barSize: 22 },
} as const;

/**
 * Horizontal bars like figure 1 of the article: one bar per option, length = share of respondents. The bars
 * keep their identity between updates (keyed by option id), so recharts animates from the old length to the
 * new one instead of redrawing from zero.
 */
export function ResultsChart({ rows, respondents, size, title, caption, respondentsLabel, language, animate = true, fontSize }: ResultsChartProps) {
  const base = SIZES[size];
  const scale = fontSize ? fontSize / base.font : 1;
  const s = { font: base.font * scale, labelWidth: base.labelWidth * scale, rowHeight: base.rowHeight * scale, barSize: base.barSize * scale };
  // The screen's chart fills the space its page gives it; elsewhere it is as tall as its rows.
  const height = size === "screen" ? "100%" : rows.length * s.rowHeight + 40;
  return (
    <figure className={`results-chart results-chart--${size}`} data-testid="results-chart">
      <figcaption className="results-chart__head">
        <span className="results-chart__title">{title}</span>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </figcaption>
      <div className="results-chart__plot" style={{ width: "100%", height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {/* The table below is the accessible version; the drawing itself stays out of the tab order. */}
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: s.font * 6, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <XAxis type="number" domain={[0, 100]} hide />
            <YAxis
              type="category"
              dataKey="label"
              width={s.labelWidth}
              tickLine={false}
              axisLine={false}
              tick={{ fontSize: s.font, fill: "var(--fg)" }}
              interval={0}
            />
            <Bar
              dataKey="share"
              fill="var(--bar)"
              barSize={s.barSize}
              radius={[0, 6, 6, 0]}
              isAnimationActive={animate}
              animationDuration={450}
              animationEasing="ease-out"
              background={{ fill: "var(--bar-track)", radius: 6 }}
            >
              <LabelList
                dataKey="share"
                position="right"
                content={(props) => {
                  const { x, y, width, height: h, index } = props as { x: number; y: number; width: number; height: number; index: number };
                  const row = rows[index];
                  if (!row) return null;
                  return (
                    <text x={Number(x) + Number(width) + 10} y={Number(y) + Number(h) / 2} dominantBaseline="central" fontSize={s.font} fill="var(--fg)" fontWeight={600}>
                      {`${formatPercent(language, row.share)} (${row.count})`}
                    </text>
                  );
                }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The same figures as text, for screen readers and for tests that read what a person sees. */}
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
              <th scope="row">{r.label}</th>
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
