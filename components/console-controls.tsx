"use client";
import { useState } from "react";
import type { QuestionStatus } from "@/lib/protocol";

export interface ConsoleControlsProps {
  status: QuestionStatus;
  resultsVisible: boolean;
  maxChoices: number | null;
  optionCount: number;
  /** Only a multiple-choice question has a maximum to set here (a ranking's is set in the editor). */
  showMaxChoices: boolean;
  /** The maximum can only change before the first vote of a round. */
  canConfigure: boolean;
  busy: boolean;
  labels: {
    /** Names the group: these controls act on the active question. */
    title: string;
    votingOpen: string;
    votingClosed: string;
    closeVoting: string;
    reopenVoting: string;
    showResults: string;
    hideResults: string;
    resultsShown: string;
    resultsHidden: string;
    resetQuestion: string;
    resetConfirm: string;
    cancel: string;
    confirm: string;
    maxChoicesLabel: string;
    noMaximum: string;
  };
  onOpen: () => void;
  onClose: () => void;
  onShowResults: () => void;
  onHideResults: () => void;
  onReset: () => void;
  onMaxChoices: (max: number | null) => void;
}

export function ConsoleControls(props: ConsoleControlsProps) {
  const { status, resultsVisible, labels: l, busy } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="controls" aria-label={l.title}>
      <div className="controls__row">
        <span className={`pill ${status === "open" ? "pill--open" : "pill--closed"}`} data-testid="voting-status">
          {status === "open" ? l.votingOpen : l.votingClosed}
        </span>
        {status === "open" ? (
          <button type="button" className="button" onClick={props.onClose} disabled={busy} data-testid="toggle-voting">
            {l.closeVoting}
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onOpen} disabled={busy} data-testid="toggle-voting">
            {l.reopenVoting}
          </button>
        )}
      </div>
      <div className="controls__row">
        <span className="pill" data-testid="results-visibility">
          {resultsVisible ? l.resultsShown : l.resultsHidden}
        </span>
        {resultsVisible ? (
          <button type="button" className="button" onClick={props.onHideResults} disabled={busy}>
            {l.hideResults}
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onShowResults} disabled={busy}>
            {l.showResults}
          </button>
        )}
      </div>
      {props.showMaxChoices ? (
        <div className="controls__row">
          <label htmlFor="max-choices">{l.maxChoicesLabel}</label>
          <select
            id="max-choices"
            className="input input--inline"
            value={props.maxChoices ?? ""}
            disabled={busy || !props.canConfigure}
            onChange={(e) => props.onMaxChoices(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">{l.noMaximum}</option>
            {Array.from({ length: props.optionCount - 1 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="controls__row">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="reset-confirm-text" className="confirm">
            <p id="reset-confirm-text">{l.resetConfirm}</p>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirming(false);
                props.onReset();
              }}
            >
              {l.confirm}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              {l.cancel}
            </button>
          </div>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirming(true)} disabled={busy}>
            {l.resetQuestion}
          </button>
        )}
      </div>
    </section>
  );
}
