"use client";
import { useEffect, useRef, useState } from "react";
import { addRanked, moveRanked, removeRanked } from "@/lib/poll/ranking-draft";
import type { OptionView } from "@/lib/protocol";

export interface BallotRankingLabels {
  yourOrder: string;
  others: string;
  empty: string;
  full: string;
  add: string;
  addLabel: (label: string) => string;
  upLabel: (label: string) => string;
  downLabel: (label: string) => string;
  removeLabel: (label: string) => string;
  place: (n: number) => string;
  moved: (label: string, n: number) => string;
  removed: (label: string) => string;
}

export interface BallotRankingProps {
  options: OptionView[];
  /** Option ids in rank order, the first is the most important. */
  ranking: readonly string[];
  /** Most options a ballot may rank. */
  max: number;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  hint: string;
  /** How the ranking is counted, in one sentence. */
  scoring: string;
  labels: BallotRankingLabels;
  onChange: (ranking: string[]) => void;
}

type Control = "up" | "down" | "remove" | "add";

/**
 * A ranking ballot without drag and drop: options are added to an ordered list and moved with buttons, which
 * works the same with a thumb, a keyboard and a screen reader. Focus follows the option that moved, and a
 * polite live region says where it landed.
 */
export function BallotRanking({ options, ranking, max, disabled, labelledBy, hint, scoring, labels, onChange }: BallotRankingProps) {
  const root = useRef<HTMLFieldSetElement>(null);
  const [focusTarget, setFocusTarget] = useState<{ id: string; control: Control } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const byId = new Map(options.map((o) => [o.id, o]));
  const ranked = ranking.map((id) => byId.get(id)).filter((o): o is OptionView => o !== undefined);
  const others = options.filter((o) => !ranking.includes(o.id));
  const full = ranked.length >= max;

  // Moving a focused element in the DOM drops its focus: put it back on the same option's control.
  useEffect(() => {
    if (!focusTarget) return;
    const find = (control: Control) =>
      root.current?.querySelector<HTMLButtonElement>(`[data-rank-option="${CSS.escape(focusTarget.id)}"][data-rank-control="${control}"]:not(:disabled)`);
    const fallbacks: Control[] = [focusTarget.control, "up", "down", "remove", "add"];
    for (const control of fallbacks) {
      const button = find(control);
      if (button) {
        button.focus();
        break;
      }
    }
    setFocusTarget(null);
  }, [focusTarget]);

  function change(next: string[], id: string, control: Control) {
    onChange(next);
    setFocusTarget({ id, control });
    const label = byId.get(id)?.label ?? id;
    const place = next.indexOf(id);
    setAnnouncement(place >= 0 ? labels.moved(label, place + 1) : labels.removed(label));
  }

  return (
    <fieldset ref={root} className="ballot ballot--ranking" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="ballot-hint ranking-scoring">
      <p id="ballot-hint" className="ballot__hint">
        {hint}
      </p>
      <p id="ranking-scoring" className="ranking__scoring">
        {scoring}
      </p>

      <p id="ranking-chosen" className="ranking__heading">
        {labels.yourOrder}
      </p>
      {ranked.length === 0 ? (
        <p className="hint">{labels.empty}</p>
      ) : (
        <ol className="ranking__list" aria-labelledby="ranking-chosen" data-testid="ranking-chosen">
          {ranked.map((o, index) => (
            <li key={o.id} className="ranking__item is-ranked" data-testid={`ranked-${o.id}`}>
              <span className="ranking__place" aria-hidden="true">
                {index + 1}
              </span>
              <span className="ranking__label">
                <span className="visually-hidden">{labels.place(index + 1)}: </span>
                {o.label}
              </span>
              <span className="ranking__buttons">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={labels.upLabel(o.label)}
                  disabled={disabled || index === 0}
                  data-rank-option={o.id}
                  data-rank-control="up"
                  data-testid={`rank-up-${o.id}`}
                  onClick={() => change(moveRanked(ranking, o.id, -1), o.id, "up")}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={labels.downLabel(o.label)}
                  disabled={disabled || index === ranked.length - 1}
                  data-rank-option={o.id}
                  data-rank-control="down"
                  data-testid={`rank-down-${o.id}`}
                  onClick={() => change(moveRanked(ranking, o.id, 1), o.id, "down")}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={labels.removeLabel(o.label)}
                  disabled={disabled}
                  data-rank-option={o.id}
                  data-rank-control="remove"
                  data-testid={`rank-remove-${o.id}`}
                  onClick={() => change(removeRanked(ranking, o.id), o.id, "add")}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {full && others.length > 0 ? <p className="hint">{labels.full}</p> : null}

      {others.length > 0 ? (
        <>
          <p id="ranking-others" className="ranking__heading">
            {labels.others}
          </p>
          <ul className="ranking__list" aria-labelledby="ranking-others">
            {others.map((o) => (
              <li key={o.id}>
                {/* The whole option is the button: a thumb adds it to the order wherever it lands. */}
                <button
                  type="button"
                  className="ranking__item ranking__add"
                  aria-label={labels.addLabel(o.label)}
                  disabled={disabled || full}
                  data-rank-option={o.id}
                  data-rank-control="add"
                  data-testid={`rank-add-${o.id}`}
                  onClick={() => change(addRanked(ranking, o.id, max), o.id, "up")}
                >
                  <span className="ranking__label">{o.label}</span>
                  <span className="ranking__add-cue" aria-hidden="true">
                    + {labels.add}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </fieldset>
  );
}
