"use client";
/** The presenter's controls of the active question: previous/next, switches that show their state, and the rarer tools. */
import { useId, useRef, useState } from "react";
import { TIMER_PRESETS_S, validTimerSeconds } from "@/lib/poll/timer";
import type { QuestionStatus, TimerView } from "@/lib/protocol";
import { LIMITS } from "@/lib/protocol-constants";
import { Countdown } from "./countdown";

export interface ConsoleSwitchProps {
  checked: boolean;
  /** What "on" means, and the switch's name: it stays the same whichever way the switch stands. */
  label: string;
  /** The state in words ("Stemmen is open"): shown beside the switch, not only as its colour or position. */
  state: string;
  /** The key that does the same, shown on the control and announced as `aria-keyshortcuts` (none: no key). */
  shortcut?: string;
  /** While a command is on its way the switch ignores clicks but keeps focus (a disabled button would drop it). */
  busy?: boolean;
  tone?: "voting" | "plain";
  testId?: string;
  stateTestId?: string;
  onToggle: () => void;
}

/** A switch with its name, its state in text and its key: one large target a presenter hits without looking twice. */
export function ConsoleSwitch({ checked, label, state, shortcut, busy = false, tone = "plain", testId, stateTestId, onToggle }: ConsoleSwitchProps) {
  const id = useId();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-state`}
      aria-keyshortcuts={shortcut}
      aria-disabled={busy || undefined}
      className={`switch switch--${tone}`}
      data-testid={testId}
      onClick={() => {
        if (!busy) onToggle();
      }}
    >
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      <span className="switch__text">
        <span id={`${id}-label`} className="switch__label">
          {label}
        </span>
        <span id={`${id}-state`} className="switch__state" data-testid={stateTestId}>
          {state}
        </span>
      </span>
      {shortcut ? (
        <kbd className="switch__key" aria-hidden="true">
          {shortcut}
        </kbd>
      ) : null}
    </button>
  );
}

export interface ConsoleControlsProps {
  status: QuestionStatus;
  resultsVisible: boolean;
  busy: boolean;
  labels: {
    /** Names the group: these switches act on the active question. */
    title: string;
    voting: string;
    votingOpen: string;
    votingClosed: string;
    results: string;
    resultsShown: string;
    resultsHidden: string;
  };
  onToggleVoting: () => void;
  onToggleResults: () => void;
}

/** The two switches a presenter flips during a question: voting open (c) and results on the phones (r). */
export function ConsoleControls({ status, resultsVisible, busy, labels: l, onToggleVoting, onToggleResults }: ConsoleControlsProps) {
  return (
    <div className="controls" role="group" aria-label={l.title}>
      <ConsoleSwitch
        checked={status === "open"}
        label={l.voting}
        state={status === "open" ? l.votingOpen : l.votingClosed}
        shortcut="c"
        busy={busy}
        tone="voting"
        testId="toggle-voting"
        stateTestId="voting-status"
        onToggle={onToggleVoting}
      />
      <ConsoleSwitch
        checked={resultsVisible}
        label={l.results}
        state={resultsVisible ? l.resultsShown : l.resultsHidden}
        shortcut="r"
        busy={busy}
        testId="toggle-results"
        stateTestId="results-visibility"
        onToggle={onToggleResults}
      />
    </div>
  );
}

export interface QuestionNavigationProps {
  /** Place of the active question, from 1; 0 when there is none. */
  position: number;
  total: number;
  labels: { title: string; previous: string; next: string; previousName: string; nextName: string; position: string };
  onPrevious: () => void;
  onNext: () => void;
}

/**
 * Previous and next question, as a presenter's clicker has them, with the place in the session between them.
 * At either end the button stays focusable (aria-disabled): a disabled button would throw the keyboard user's
 * focus back to the top of the page right after reaching the last question.
 */
export function QuestionNavigation({ position, total, labels: l, onPrevious, onNext }: QuestionNavigationProps) {
  const atStart = position <= 1;
  const atEnd = position >= total;
  return (
    <nav className="question-nav" aria-label={l.title} data-testid="question-nav">
      <button
        type="button"
        className="button question-nav__button"
        aria-label={l.previousName}
        aria-keyshortcuts="p"
        aria-disabled={atStart || undefined}
        onClick={() => {
          if (!atStart) onPrevious();
        }}
        data-testid="previous-question"
      >
        <span aria-hidden="true">←</span> {l.previous} <kbd aria-hidden="true">p</kbd>
      </button>
      <p className="question-nav__position" data-testid="question-position">
        {l.position}
      </p>
      <button
        type="button"
        className="button question-nav__button"
        aria-label={l.nextName}
        aria-keyshortcuts="n"
        aria-disabled={atEnd || undefined}
        onClick={() => {
          if (!atEnd) onNext();
        }}
        data-testid="next-question"
      >
        <kbd aria-hidden="true">n</kbd> {l.next} <span aria-hidden="true">→</span>
      </button>
    </nav>
  );
}

export interface QuestionToolsProps {
  maxChoices: number | null;
  optionCount: number;
  /**
   * The maximum set here: a multiple choice's (1 to one fewer than its options, or none) or a dot vote's budget
   * (LIMITS.dotBudget); `null` for the other kinds (a ranking's is set in the editor).
   */
  maximum: "choices" | "budget" | null;
  /** The maximum can only change before the first vote of a round. */
  canConfigure: boolean;
  busy: boolean;
  /** A silent vote: the room sees how many voted, no numbers, until the reveal. */
  silent: boolean;
  labels: {
    title: string;
    silent: string;
    silentOn: string;
    silentOff: string;
    revote: string;
    revoteHint: string;
    resetQuestion: string;
    resetConfirm: string;
    cancel: string;
    confirm: string;
    maxChoicesLabel: string;
    noMaximum: string;
    budgetLabel: string;
  };
  onReset: () => void;
  onMaxChoices: (max: number | null) => void;
  onToggleSilent: () => void;
  onRevote: () => void;
}

/** The maxima to choose from: a multiple choice's 1 to one fewer than its options, a dot vote's budget range. */
function maximumChoices(maximum: "choices" | "budget", optionCount: number): number[] {
  const [from, to] = maximum === "budget" ? [LIMITS.dotBudget.min, LIMITS.dotBudget.max] : [1, optionCount - 1];
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** What a facilitator does seldom with the active question: set a maximum, start a new round (after confirming). */
export function QuestionTools(props: QuestionToolsProps) {
  const { labels: l, busy } = props;
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  // The confirmation replaces the button: give focus back to it when the question is kept as it was.
  const back = () => {
    setConfirming(false);
    requestAnimationFrame(() => resetButton.current?.focus());
  };
  return (
    <section className="question-tools" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="question-tools__title">
        {l.title}
      </h3>
      <div className="question-tools__row">
        <ConsoleSwitch
          checked={props.silent}
          label={l.silent}
          state={props.silent ? l.silentOn : l.silentOff}
          shortcut="h"
          busy={busy}
          testId="toggle-silent"
          stateTestId="silent-status"
          onToggle={props.onToggleSilent}
        />
      </div>
      <div className="question-tools__row">
        <button type="button" className="button" aria-describedby={`${id}-revote-hint`} aria-disabled={busy || undefined} onClick={() => !busy && props.onRevote()} data-testid="revote">
          {l.revote}
        </button>
        <span id={`${id}-revote-hint`} className="hint">
          {l.revoteHint}
        </span>
      </div>
      {props.maximum ? (
        <div className="question-tools__row">
          <label htmlFor={`${id}-max`}>{props.maximum === "budget" ? l.budgetLabel : l.maxChoicesLabel}</label>
          <select
            id={`${id}-max`}
            className="input input--inline"
            value={props.maxChoices ?? ""}
            disabled={busy || !props.canConfigure}
            onChange={(e) => props.onMaxChoices(e.target.value === "" ? null : Number(e.target.value))}
            data-testid="question-maximum"
          >
            {props.maximum === "choices" ? <option value="">{l.noMaximum}</option> : null}
            {maximumChoices(props.maximum, props.optionCount).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`${id}-reset-text`} className="confirm">
          <p id={`${id}-reset-text`}>{l.resetConfirm}</p>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              props.onReset();
              back();
            }}
          >
            {l.confirm}
          </button>
          <button type="button" className="button" onClick={back} autoFocus>
            {l.cancel}
          </button>
        </div>
      ) : (
        <button ref={resetButton} type="button" className="button button--quiet" onClick={() => setConfirming(true)} disabled={busy}>
          {l.resetQuestion}
        </button>
      )}
    </section>
  );
}

export interface TimerControlsProps {
  /** The running countdown of the active question, if any. */
  timer: TimerView | undefined;
  busy: boolean;
  labels: {
    title: string;
    startGroup: string;
    custom: string;
    start: string;
    running: string;
    extend: string;
    extendName: string;
    stop: string;
    hint: string;
    customInvalid: string;
  };
  onStart: (seconds: number) => void;
  onExtend: (seconds: number) => void;
  onStop: () => void;
}

/** The seconds a preset button names: "30 s", "1 min", "2 min". */
function presetText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${seconds / 60} min`;
}

/** One extension of a running countdown, in seconds. */
export const TIMER_EXTEND_S = 30;

/**
 * A countdown for the active question: one click on 30 s, 1 min or 2 min (or a length of one's own) opens voting
 * with it; while it runs the clock shows, with "+30 s" and stop. The server closes voting at 0:00.
 */
export function TimerControls({ timer, busy, labels: l, onStart, onExtend, onStop }: TimerControlsProps) {
  const id = useId();
  const [custom, setCustom] = useState("");
  const [invalid, setInvalid] = useState(false);
  const startCustom = () => {
    const seconds = Number(custom);
    if (!validTimerSeconds(seconds)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onStart(seconds);
  };
  return (
    <section className="timer-controls" aria-labelledby={`${id}-title`} data-testid="timer-controls">
      <h3 id={`${id}-title`} className="timer-controls__title">
        {l.title}
      </h3>
      {timer ? (
        <div className="timer-controls__running">
          <Countdown timer={timer} label={l.running} className="console-countdown" testId="console-countdown" />
          <button type="button" className="button" aria-label={l.extendName} aria-disabled={busy || undefined} onClick={() => !busy && onExtend(TIMER_EXTEND_S)} data-testid="timer-extend">
            {l.extend}
          </button>
          <button type="button" className="button button--quiet" aria-disabled={busy || undefined} onClick={() => !busy && onStop()} data-testid="timer-stop">
            {l.stop}
          </button>
        </div>
      ) : (
        <>
          <div className="timer-controls__presets" role="group" aria-label={l.startGroup}>
            {TIMER_PRESETS_S.map((seconds) => (
              <button key={seconds} type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && onStart(seconds)} data-testid={`timer-preset-${seconds}`}>
                {presetText(seconds)}
              </button>
            ))}
          </div>
          <form
            className="timer-controls__custom"
            // Our own message says what length the server takes, instead of the browser's bubble.
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) startCustom();
            }}
          >
            <label htmlFor={`${id}-custom`}>{l.custom}</label>
            <input
              id={`${id}-custom`}
              className="input input--inline"
              type="number"
              inputMode="numeric"
              min={LIMITS.timerSeconds.min}
              max={LIMITS.timerSeconds.max}
              step={1}
              value={custom}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? `${id}-invalid` : undefined}
              onChange={(e) => setCustom(e.target.value)}
              data-testid="timer-custom"
            />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {l.start}
            </button>
            {invalid ? (
              <p id={`${id}-invalid`} className="error" data-testid="timer-custom-invalid">
                {l.customInvalid}
              </p>
            ) : null}
          </form>
        </>
      )}
      {timer ? <p className="hint timer-controls__hint">{l.hint}</p> : null}
    </section>
  );
}
