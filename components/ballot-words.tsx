"use client";
/** A word cloud's ballot: up to three short fields, one word or short phrase each, all labelled. */
export interface BallotWordsProps {
  /** The words typed so far, one per field (empty ones included). */
  words: readonly string[];
  fields: number;
  maxLength: number;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  hint: string;
  /** "Woord 1", made by the page in its language. */
  fieldLabel: (n: number) => string;
  onChange: (words: string[]) => void;
}

export function BallotWords({ words, fields, maxLength, disabled, labelledBy, hint, fieldLabel, onChange }: BallotWordsProps) {
  const set = (i: number, text: string) => {
    const next = Array.from({ length: fields }, (_, k) => words[k] ?? "");
    next[i] = text;
    onChange(next);
  };
  return (
    <fieldset className="ballot ballot--words" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="words-hint">
      <p id="words-hint" className="ballot__hint">
        {hint}
      </p>
      {Array.from({ length: fields }, (_, i) => (
        <div key={i} className="words-field">
          <label htmlFor={`word-${i + 1}`}>{fieldLabel(i + 1)}</label>
          <input
            id={`word-${i + 1}`}
            className="input"
            type="text"
            autoComplete="off"
            enterKeyHint={i + 1 < fields ? "next" : "send"}
            maxLength={maxLength}
            value={words[i] ?? ""}
            disabled={disabled}
            onChange={(e) => set(i, e.target.value)}
            data-testid={`word-${i + 1}`}
          />
        </div>
      ))}
    </fieldset>
  );
}
