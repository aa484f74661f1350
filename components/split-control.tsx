"use client";
/** The console's choice of how the room's results are split: by one of the session's grouping questions, or not. */
import { useId } from "react";

export interface SplitControlProps {
  /** The grouping question the results are split by; "" when they are not. */
  value: string;
  choices: readonly { id: string; label: string }[];
  busy: boolean;
  /** `hint` is shown while the results are split (what it means for the screen and small groups). */
  labels: { label: string; none: string; hint: string; notHere?: string | null };
  onChange: (byQuestionId: string | null) => void;
}

export function SplitControl({ value, choices, busy, labels: l, onChange }: SplitControlProps) {
  const id = useId();
  return (
    <div className="split-control" data-testid="split-control">
      <label htmlFor={`${id}-by`} className="split-control__label">
        {l.label}
      </label>
      <select
        id={`${id}-by`}
        className="input input--inline"
        value={value}
        aria-describedby={value === "" ? undefined : `${id}-hint`}
        // While the command is on its way the choice stays put (a disabled select would drop focus).
        aria-busy={busy || undefined}
        onChange={(e) => {
          if (!busy) onChange(e.target.value === "" ? null : e.target.value);
        }}
        data-testid="split-select"
      >
        <option value="">{l.none}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {/* Not split, the line stays short: the chart keeps its room on a laptop. */}
      {value === "" ? null : (
        <p id={`${id}-hint`} className="hint split-control__hint">
          {l.notHere ? (
            <>
              <strong data-testid="split-not-here">{l.notHere}</strong>{" "}
            </>
          ) : null}
          {l.hint}
        </p>
      )}
    </div>
  );
}
