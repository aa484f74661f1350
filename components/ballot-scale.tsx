"use client";
import type { ScaleSettings } from "@/lib/protocol";

export interface BallotScaleProps {
  scale: ScaleSettings;
  /** The picked value, `null` before a pick. */
  value: number | null;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  hint: string;
  onSelect: (value: number) => void;
}

/**
 * A scale ballot: one radio per value, in a row that wraps on narrow phones. The end labels are shown once
 * above the row and are also part of the first and last radio's name, so a screen reader hears
 * "1, I don't do this yet" without the sighted reader seeing the label twice.
 */
export function BallotScale({ scale, value, disabled, labelledBy, hint, onSelect }: BallotScaleProps) {
  const values: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) values.push(v);
  const endLabel = (v: number) => (v === scale.min ? scale.minLabel : v === scale.max ? scale.maxLabel : "");
  return (
    <fieldset className="ballot ballot--scale" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="ballot-hint">
      <p id="ballot-hint" className="ballot__hint">
        {hint}
      </p>
      {scale.minLabel || scale.maxLabel ? (
        <div className="scale-ends" aria-hidden="true">
          <span>
            <strong>{scale.min}</strong> {scale.minLabel}
          </span>
          <span>
            <strong>{scale.max}</strong> {scale.maxLabel}
          </span>
        </div>
      ) : null}
      <ul className="scale-values">
        {values.map((v) => {
          const checked = value === v;
          const end = endLabel(v);
          return (
            <li key={v} className={`scale-value${checked ? " is-checked" : ""}`}>
              <label className="scale-value__label">
                <input type="radio" name="scale" value={v} checked={checked} disabled={disabled} onChange={() => onSelect(v)} data-testid={`scale-value-${v}`} />
                <span className="scale-value__number">{v}</span>
                {end ? <span className="visually-hidden">, {end}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
