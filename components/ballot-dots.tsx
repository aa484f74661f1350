"use client";
/** A dot-voting ballot: a − / count / + stepper per option that spreads a budget of dots, several on one if wanted. */
import { useRef, useState } from "react";
import type { OptionView } from "@/lib/protocol";

export interface BallotDotsLabels {
  /** "Verdeel je 3 stippen over de opties. …" */
  hint: string;
  /** "2 van 3 stippen over" */
  left: (left: number) => string;
  /** The buttons' names, in words: "Stip bij: Koffie", "Stip weg van: Koffie". */
  add: (label: string) => string;
  remove: (label: string) => string;
  /** "Koffie: 2 stippen" */
  onOption: (label: string, dots: number) => string;
}

export interface BallotDotsProps {
  options: OptionView[];
  /** Dots placed so far per option id (every option present). */
  spread: Readonly<Record<string, number>>;
  budget: number;
  disabled: boolean;
  /** Id of the element that shows the question (the page's heading). */
  labelledBy: string;
  labels: BallotDotsLabels;
  /** A tap on + (1) or − (−1) of one option; the page keeps the draft within the budget. */
  onStep: (optionId: string, step: 1 | -1) => void;
}

/**
 * Per option its label (and description), then − / count / +, each button a 44 px target named in words. The
 * line with the dots left sits above the options and a polite live region says each tap's outcome. When a tap
 * disables the button it was made with (the last dot placed, an option back at 0), focus moves to the other
 * button of the same row instead of falling back to the page.
 */
export function BallotDots({ options, spread, budget, disabled, labelledBy, labels, onStep }: BallotDotsProps) {
  const root = useRef<HTMLFieldSetElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const placed = options.reduce((sum, o) => sum + (spread[o.id] ?? 0), 0);
  const left = Math.max(0, budget - placed);

  function step(option: OptionView, by: 1 | -1) {
    const before = spread[option.id] ?? 0;
    const after = Math.max(0, before + by);
    const placedAfter = placed - before + after;
    onStep(option.id, by);
    setAnnouncement(`${labels.onOption(option.label, after)}. ${labels.left(budget - placedAfter)}.`);
    const dead = (by === 1 && placedAfter >= budget) || (by === -1 && after === 0);
    if (dead) {
      const other = root.current?.querySelector<HTMLButtonElement>(`[data-dots-option="${CSS.escape(option.id)}"][data-dots-step="${by === 1 ? "-1" : "1"}"]`);
      other?.focus();
    }
  }

  return (
    <fieldset ref={root} className="ballot ballot--dots" disabled={disabled} aria-labelledby={labelledBy} aria-describedby="ballot-hint dots-left">
      <p id="ballot-hint" className="ballot__hint">
        {labels.hint}
      </p>
      <p id="dots-left" className={`dots__left${left === 0 ? " is-spent" : ""}`} data-testid="dots-left">
        <span className="dots__pips" aria-hidden="true">
          {Array.from({ length: budget }, (_, i) => (
            <span key={i} className={`dots__pip${i < left ? " is-left" : ""}`} />
          ))}
        </span>
        <span>{labels.left(left)}</span>
      </p>
      <ul className="ballot__options">
        {options.map((o) => {
          const count = spread[o.id] ?? 0;
          const labelId = `dots-label-${o.id}`;
          return (
            <li key={o.id} className={`ballot__option dots__option${count > 0 ? " is-checked" : ""}`} data-testid={`dots-option-${o.id}`}>
              <span className="dots__text">
                <span id={labelId} className="dots__label">
                  {o.label}
                </span>
                {o.description ? <span className="dots__description">{o.description}</span> : null}
              </span>
              <span className="dots__stepper" role="group" aria-labelledby={labelId}>
                <button
                  type="button"
                  className="icon-button dots__button"
                  aria-label={labels.remove(o.label)}
                  disabled={disabled || count === 0}
                  data-dots-option={o.id}
                  data-dots-step="-1"
                  data-testid={`dots-remove-${o.id}`}
                  onClick={() => step(o, -1)}
                >
                  <span aria-hidden="true">−</span>
                </button>
                <span className="dots__count" data-testid={`dots-count-${o.id}`}>
                  {count}
                </span>
                <button
                  type="button"
                  className="icon-button dots__button"
                  aria-label={labels.add(o.label)}
                  disabled={disabled || left === 0}
                  data-dots-option={o.id}
                  data-dots-step="1"
                  data-testid={`dots-add-${o.id}`}
                  onClick={() => step(o, 1)}
                >
                  <span aria-hidden="true">+</span>
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </fieldset>
  );
}
