"use client";
import { OptionExplanation } from "./option-explanation";
import type { OptionView } from "@/lib/protocol";

export interface BallotFormProps {
  options: OptionView[];
  selected: ReadonlySet<string>;
  disabled: boolean;
  /** `null`: no maximum. */
  maxChoices: number | null;
  legend: string;
  hint: string;
  moreInfoLabel: string;
  onToggle: (optionId: string) => void;
}

/**
 * A multiple-choice ballot (such as the nine challenges) as real checkboxes with labels: large tap targets,
 * readable by screen readers, each option with its explanation (when it has one) opening below it.
 */
export function BallotForm({ options, selected, disabled, maxChoices, legend, hint, moreInfoLabel, onToggle }: BallotFormProps) {
  const full = maxChoices !== null && selected.size >= maxChoices;
  return (
    <fieldset className="ballot" disabled={disabled} aria-describedby="ballot-hint">
      <legend className="ballot__legend">{legend}</legend>
      <p id="ballot-hint" className="ballot__hint">
        {hint}
      </p>
      <ul className="ballot__options">
        {options.map((o) => {
          const checked = selected.has(o.id);
          return (
            <li key={o.id} className={`ballot__option${checked ? " is-checked" : ""}`}>
              <label className="ballot__label">
                <input
                  type="checkbox"
                  name="option"
                  value={o.id}
                  checked={checked}
                  disabled={disabled || (!checked && full)}
                  onChange={() => onToggle(o.id)}
                  data-testid={`option-${o.id}`}
                />
                <span>{o.label}</span>
              </label>
              <OptionExplanation description={o.description} label={moreInfoLabel} />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
