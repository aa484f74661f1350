"use client";
/** The follow-up of the nine challenges: rank the N most recognised, with what that ranking would hold said in advance. */
import { useId } from "react";

export interface FollowupFormProps {
  /** How many options the question has: N runs from 2 to this (at most 9). */
  optionCount: number;
  topN: number;
  busy: boolean;
  /** What the ranking would hold right now ("The ranking would now hold: …"); null when there can be none. */
  preview: string | null;
  /** Why it holds more or fewer than N (a tie at the boundary, too few chosen), or why there can be none yet. */
  note: string | null;
  /** The server's refusal of the last attempt, in the facilitator's words. */
  error: string | null;
  labels: { title: string; topLabel: string; create: (n: number) => string; hint: string };
  onTopN: (topN: number) => void;
  onCreate: (topN: number) => void;
}

/**
 * On the nine-challenges question: make a ranking of its N most recognised options, placed right after it. The
 * preview follows the votes as they come in, so a tie or a too-short list is known before the click.
 */
export function FollowupForm({ optionCount, topN, busy, preview, note, error, labels: l, onTopN, onCreate }: FollowupFormProps) {
  const id = useId();
  const most = Math.max(2, Math.min(9, optionCount));
  return (
    <section className="followup" aria-labelledby={`${id}-title`} data-testid="followup">
      <h3 id={`${id}-title`} className="followup__title">
        {l.title}
      </h3>
      <p className="hint" id={`${id}-hint`}>
        {l.hint}
      </p>
      <div className="followup__row">
        <label htmlFor={`${id}-top`}>{l.topLabel}</label>
        <select id={`${id}-top`} className="input input--inline" value={topN} onChange={(e) => onTopN(Number(e.target.value))} data-testid="followup-top">
          {Array.from({ length: most - 1 }, (_, i) => i + 2).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          aria-disabled={busy || undefined}
          aria-describedby={`${id}-hint ${id}-preview`}
          onClick={() => {
            if (!busy) onCreate(topN);
          }}
          data-testid="followup-create"
        >
          {l.create(topN)}
        </button>
      </div>
      <div id={`${id}-preview`} className="followup__preview" data-testid="followup-preview">
        {preview ? <p>{preview}</p> : null}
        {/* After a refusal the alert below says the same: once is enough. */}
        {note && note !== error ? <p className="followup__note">{note}</p> : null}
      </div>
      {error ? (
        <p className="error" role="alert" data-testid="followup-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
