import type { BarRow } from "@/lib/poll/report-rows";

/**
 * A plain SVG bar chart: it prints sharply on A4 and downloads as SVG or PNG as it is. Label, bar and figure
 * are all text in the drawing, so no colour is needed to read it.
 */
export function ReportBars({ rows, title, id }: { rows: BarRow[]; title: string; id: string }) {
  const labelWidth = 300;
  const barWidth = 380;
  const rowHeight = 30;
  const width = labelWidth + barWidth + 110;
  const height = rows.length * rowHeight + 10;
  return (
    <svg
      id={id}
      className="report-chart"
      viewBox={`0 0 ${width} ${height}`}
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label={title}
      fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
      fontSize="13"
    >
      <rect x="0" y="0" width={width} height={height} fill="#ffffff" />
      {rows.map((r, i) => {
        const y = i * rowHeight + 5;
        return (
          <g key={r.id}>
            <text x={labelWidth - 8} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="central" fill="#1b2430">
              {r.label.length > 44 ? `${r.label.slice(0, 43)}…` : r.label}
            </text>
            <rect x={labelWidth} y={y + 5} width={barWidth} height={rowHeight - 10} rx="4" fill="#e8e4da" />
            <rect x={labelWidth} y={y + 5} width={Math.max(0, Math.min(1, r.fraction)) * barWidth} height={rowHeight - 10} rx="4" fill="#1f5f8b" />
            <text x={labelWidth + barWidth + 8} y={y + rowHeight / 2} dominantBaseline="central" fill="#1b2430" fontWeight="600">
              {r.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
