/**
 * Bars made for a narrow screen: the label on a line of its own, a bar over the full width under it, the
 * figure at the end of the line. Plain HTML, so the figures are drawn at all times (also while a bar grows),
 * wrap with the text at 200 %, and are what a screen reader reads: no second, hidden table is needed.
 */

export interface PhoneBar {
  id: string;
  label: string;
  /** How much of the track the bar fills, 0 to 100. */
  fill: number;
  /** The figure at the end: "67 %", "5 pts". */
  value: string;
  /** How many people, shown after the figure in brackets (left out when absent). */
  count?: number;
  /** A second line under the label, e.g. "ranked by 2". */
  note?: string;
  /** The participant chose this one: said in words beside the label ("your choice"), not by colour alone. */
  mine?: string;
  /** Test ids of the figure and the count (share-<id>, count-<id>, score-<id>). */
  valueTestId?: string;
  countTestId?: string;
}

export interface PhoneBarsProps {
  bars: PhoneBar[];
  /** A ranking: an ordered list, each bar with its place. */
  ordered?: boolean;
  /** Id of the caption that says what the figures are. */
  describedBy?: string;
  /** Bars glide to their new length (off when the reader prefers reduced motion). */
  animate: boolean;
}

export function PhoneBars({ bars, ordered = false, describedBy, animate }: PhoneBarsProps) {
  const items = bars.map((b, index) => (
    <li key={b.id} className={`phone-bar${b.mine ? " is-mine" : ""}`} data-option-id={b.id}>
      <span className="phone-bar__text">
        <span className="phone-bar__label">
          {ordered ? <span className="phone-bar__place">{index + 1}. </span> : null}
          {b.label}
          {b.mine ? <span className="phone-bar__mine">{b.mine}</span> : null}
          {b.note ? <span className="phone-bar__note">{b.note}</span> : null}
        </span>
        <span className="phone-bar__value">
          <strong data-testid={b.valueTestId}>{b.value}</strong>
          {b.count === undefined ? null : (
            <span className="phone-bar__count">
              {" "}
              (<span data-testid={b.countTestId}>{b.count}</span>)
            </span>
          )}
        </span>
      </span>
      <span className="phone-bar__track" aria-hidden="true">
        <span className="phone-bar__fill" style={{ width: `${Math.max(0, Math.min(100, b.fill))}%` }} />
      </span>
    </li>
  ));
  const className = `phone-bars${animate ? " phone-bars--animate" : ""}`;
  return ordered ? (
    <ol className={className} aria-describedby={describedBy}>
      {items}
    </ol>
  ) : (
    <ul className={className} aria-describedby={describedBy}>
      {items}
    </ul>
  );
}
