"use client";

export interface BallotOpenProps {
  value: string;
  maxLength: number;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  label: string;
  hint: string;
  /** "12 of 280 characters", made by the page in its language. */
  counter: string;
  onChange: (text: string) => void;
}

/** An open question: a labelled textarea with a character counter that the screen reader can reach. */
export function BallotOpen({ value, maxLength, disabled, labelledBy, label, hint, counter, onChange }: BallotOpenProps) {
  const near = value.length >= maxLength - 20;
  return (
    <fieldset className="ballot ballot--open" disabled={disabled} aria-labelledby={labelledBy}>
      <label htmlFor="open-answer" className="open-answer__label">
        {label}
      </label>
      <p id="open-answer-hint" className="ballot__hint">
        {hint}
      </p>
      <textarea
        id="open-answer"
        className="input open-answer__input"
        rows={4}
        maxLength={maxLength}
        value={value}
        disabled={disabled}
        aria-describedby="open-answer-hint open-answer-counter"
        onChange={(e) => onChange(e.target.value)}
        data-testid="open-answer"
      />
      {/* Announced only near the limit: a count read out after every keystroke would drown the typing. */}
      <p id="open-answer-counter" className={`open-answer__counter${near ? " is-near" : ""}`} aria-live={near ? "polite" : "off"} data-testid="open-counter">
        {counter}
      </p>
    </fieldset>
  );
}
