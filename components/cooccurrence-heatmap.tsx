import type { OptionView } from "@/lib/protocol";

/**
 * Which options were picked together: a table whose cells are shaded by how many respondents picked both.
 * The numbers are always printed, so the shading is never the only cue.
 */
export function CooccurrenceHeatmap({ options, matrix, caption }: { options: OptionView[]; matrix: number[][]; caption: string }) {
  const max = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i)));
  return (
    <div className="heatmap" data-testid="cooccurrence">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <td />
            {options.map((o) => (
              <th key={o.id} scope="col" className="rotated">
                {o.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {options.map((row, i) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              {options.map((col, j) => {
                const value = matrix[i]?.[j] ?? 0;
                const strength = i === j ? 0 : value / max;
                return (
                  <td
                    key={col.id}
                    style={{ background: i === j ? "var(--bar-track)" : `rgb(31 95 139 / ${(strength * 0.85).toFixed(2)})`, color: strength > 0.55 ? "#fff" : "inherit" }}
                  >
                    {value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
