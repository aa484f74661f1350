import type { BarRow } from "@/lib/poll/report-rows";

/**
 * A question's chart and table in one: each row is a label, a bar and its figure, as text a screen reader and a
 * printer both read (the figures appear once, not in a chart and again in a table). The bars are drawn with
 * CSS, so they print sharp at the page's own text size.
 */
export function ReportBars({
  rows,
  caption,
  labelHeading,
  valueHeading,
  testId,
}: {
  rows: readonly BarRow[];
  caption: string;
  labelHeading: string;
  valueHeading: string;
  testId?: string;
}) {
  return (
    <table className="bars" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col">{valueHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-option={r.id}>
            <th scope="row" className="bars__label">
              {r.label}
            </th>
            <td>
              <div className="bars__cell">
                <span className="bars__track" aria-hidden="true">
                  <span className="bars__fill" style={{ width: `${Math.max(0, Math.min(1, r.fraction)) * 100}%` }} />
                </span>
                <span className="bars__figure">{r.display}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
