"use client";
import { Bar, BarChart, LabelList, Rectangle, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { RankingRow } from "@/lib/poll/ranking-rows";

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
}

const SIZES = {
  screen: { font: 22, labelWidth: 560, rowHeight: 58, barSize: 38 },
  compact: { font: 13, labelWidth: 120, rowHeight: 40, barSize: 22 },
} as const;

/** A shape of our own keeps zero bars in the chart, so their label ("0 pts") still shows: nobody ranked it. */
const drawBar = (props: BarShapeProps) => <Rectangle {...props} />;

/** A ranking's results: horizontal bars of Borda points, best first, with the counting method in one line. */
export function ResultsRanking({ rows, respondents, size, title, caption, explanation, respondentsLabel, optionHeader, pointsHeader, rankedByHeader, pointsShort, animate = true, fontSize }: ResultsRankingProps) {
  const base = SIZES[size];
  const scale = fontSize ? fontSize / base.font : 1;
  const s = { font: base.font * scale, labelWidth: base.labelWidth * scale, barSize: base.barSize * scale, rowHeight: base.rowHeight * scale };
  const top = Math.max(1, ...rows.map((r) => r.score));
  const height = size === "screen" ? "100%" : rows.length * s.rowHeight + 40;
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
      <div className="results-chart__plot" style={{ width: "100%", height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: s.font * 5, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <XAxis type="number" domain={[0, top]} hide />
            <YAxis type="category" dataKey="label" width={s.labelWidth} tickLine={false} axisLine={false} tick={{ fontSize: s.font, fill: "var(--fg)" }} interval={0} />
            <Bar
              dataKey="score"
              fill="var(--bar)"
              barSize={s.barSize}
              radius={[0, 6, 6, 0]}
              isAnimationActive={animate}
              animationDuration={450}
              animationEasing="ease-out"
              background={{ fill: "var(--bar-track)", radius: 6 }}
              shape={drawBar}
            >
              <LabelList
                dataKey="score"
                position="right"
                content={(props) => {
                  const { x, y, width, height: h, index } = props as { x: number; y: number; width: number; height: number; index: number };
                  const row = rows[index];
                  if (!row) return null;
                  return (
                    <text x={Number(x) + Number(width) + 10} y={Number(y) + Number(h) / 2} dominantBaseline="central" fontSize={s.font} fill="var(--fg)" fontWeight={600}>
                      {pointsShort(row.score)}
                    </text>
                  );
                }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
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
              <th scope="row">{r.label}</th>
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
