"use client";
import { useState } from "react";
import { Bar, BarChart, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";

export interface CompareSeries {
  key: string;
  name: string;
}

/** Grouped horizontal bars: one group per challenge, one bar per session, shares of respondents in %. */
export function CompareChart({ rows, series }: { rows: Record<string, string | number>[]; series: CompareSeries[] }) {
  const colours = ["#1f5f8b", "#c2410c", "#1e7a46", "#6b21a8", "#a16207", "#0f766e"];
  // The labels take at most 40 % of a narrow chart so the bars keep room on a phone.
  const [labelWidth, setLabelWidth] = useState(260);
  return (
    <div style={{ width: "100%", height: rows.length * (series.length * 16 + 18) + 60 }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" onResize={(width) => setLabelWidth(Math.max(96, Math.min(260, Math.round(width * 0.4))))}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="label" width={labelWidth} tickLine={false} interval={0} tick={{ fontSize: 13, fill: "var(--fg)" }} />
          {/* In the order of the table beside it, not sorted by name. */}
          <Legend itemSorter={null} />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={colours[i % colours.length]} barSize={14} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
