"use client";
import { OptionExplanation } from "./option-explanation";
import type { OptionView } from "@/lib/protocol";

export interface BallotSingleProps {
  options: OptionView[];
  /** The picked option, `null` before a pick. */
  selected: string | null;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  hint: string;
  moreInfoLabel: string;
  onSelect: (optionId: string) => void;
}

/** A single-choice ballot: a radio group with real labels, as large to tap as the checkboxes of a multiple choice. */
export function BallotSingle({ options, selected, disabled, labelledBy, hint, moreInfoLabel, onSelect }: BallotSingleProps) {
  return (
    <fieldset className="ballot" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="ballot-hint">
      <p id="ballot-hint" className="ballot__hint">
        {hint}
      </p>
      <ul className="ballot__options">
        {options.map((o) => {
          const checked = selected === o.id;
          return (
            <li key={o.id} className={`ballot__option${checked ? " is-checked" : ""}`}>
              <label className="ballot__label">
                <input type="radio" name="option" value={o.id} checked={checked} disabled={disabled} onChange={() => onSelect(o.id)} data-testid={`option-${o.id}`} />
                <span>{o.label}</span>
              </label>
              <OptionExplanation description={o.description} label={moreInfoLabel} about={o.label} />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
