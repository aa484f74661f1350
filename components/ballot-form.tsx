"use client";
import { OptionExplanation } from "./option-explanation";
import type { OptionView } from "@/lib/protocol";

export interface BallotFormProps {
  options: OptionView[];
  selected: ReadonlySet<string>;
  /** "None of these" is ticked: an answer of its own, the empty list. */
  none: boolean;
  disabled: boolean;
  /** `null`: no maximum. */
  maxChoices: number | null;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  hint: string;
  moreInfoLabel: string;
  noneLabel: string;
  onToggle: (optionId: string) => void;
  onNone: () => void;
}

/**
 * A multiple-choice ballot (such as the nine challenges) as real checkboxes with labels: large tap targets,
 * readable by screen readers, each option with its explanation (when it has one) opening below it. "None of
 * these" is a choice of its own at the end, so an empty ballot is always meant.
 */
export function BallotForm({ options, selected, none, disabled, maxChoices, labelledBy, hint, moreInfoLabel, noneLabel, onToggle, onNone }: BallotFormProps) {
  const full = maxChoices !== null && selected.size >= maxChoices;
  return (
    <fieldset className="ballot" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="ballot-hint">
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
              <OptionExplanation description={o.description} label={moreInfoLabel} about={o.label} />
            </li>
          );
        })}
        <li className={`ballot__option ballot__option--none${none ? " is-checked" : ""}`}>
          <label className="ballot__label">
            <input type="checkbox" name="none" checked={none} disabled={disabled} onChange={onNone} data-testid="option-none" />
            <span>{noneLabel}</span>
          </label>
        </li>
      </ul>
    </fieldset>
  );
}
