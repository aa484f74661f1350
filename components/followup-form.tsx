"use client";
import { useId, useState } from "react";

export interface FollowupFormProps {
  /** How many options the question has: N runs from 2 to this (at most 9). */
  optionCount: number;
  busy: boolean;
  labels: { title: string; topLabel: string; create: (n: number) => string; hint: string };
  onCreate: (topN: number) => void;
}

/** On the nine-challenges question: make a ranking of its N most recognised options, placed right after it. */
export function FollowupForm({ optionCount, busy, labels: l, onCreate }: FollowupFormProps) {
  const id = useId();
  const most = Math.max(2, Math.min(9, optionCount));
  const [topN, setTopN] = useState(Math.min(3, most));
  return (
    <section className="followup" aria-labelledby={`${id}-title`} data-testid="followup">
      <h3 id={`${id}-title`} className="followup__title">
        {l.title}
      </h3>
      <p className="hint" id={`${id}-hint`}>
        {l.hint}
      </p>
      <div className="controls__row">
        <label htmlFor={`${id}-top`}>{l.topLabel}</label>
        <select id={`${id}-top`} className="input input--inline" value={topN} onChange={(e) => setTopN(Number(e.target.value))} data-testid="followup-top">
          {Array.from({ length: most - 1 }, (_, i) => i + 2).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={busy} aria-describedby={`${id}-hint`} onClick={() => onCreate(topN)} data-testid="followup-create">
          {l.create(topN)}
        </button>
      </div>
    </section>
  );
}
