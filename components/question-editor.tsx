"use client";
/** Write or rewrite a question; the form's rules are the server's (lib/poll/question-draft.ts), checked while typing. */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { draftProblems, hasMaximum, hasOptions, type DraftProblem } from "@/lib/poll/question-draft";
import type { QuestionDraft, QuestionView } from "@/lib/protocol";
import { LIMITS, QUESTION_KINDS, type QuestionKind } from "@/lib/protocol-constants";

/** What the editor holds while the facilitator types: strings as typed, turned into a draft on save. */
export interface EditorForm {
  kind: QuestionKind;
  prompt: string;
  options: string[];
  /** "" means no maximum (multiple) or rank them all (ranking). */
  maxChoices: string;
  scaleMin: string;
  scaleMax: string;
  minLabel: string;
  maxLabel: string;
}

export type DraftHint = DraftProblem;

export function emptyForm(kind: QuestionKind = "single"): EditorForm {
  return { kind, prompt: "", options: ["", ""], maxChoices: "", scaleMin: "1", scaleMax: "5", minLabel: "", maxLabel: "" };
}

/** The editor filled in with a question as the server shows it (for "edit"). */
export function formFromQuestion(q: QuestionView): EditorForm {
  const base = emptyForm(q.kind);
  return {
    ...base,
    prompt: q.prompt,
    options: q.options.length > 0 ? q.options.map((o) => o.label) : base.options,
    maxChoices: q.maxChoices === null ? "" : String(q.maxChoices),
    scaleMin: q.scale ? String(q.scale.min) : base.scaleMin,
    scaleMax: q.scale ? String(q.scale.max) : base.scaleMax,
    minLabel: q.scale?.minLabel ?? "",
    maxLabel: q.scale?.maxLabel ?? "",
  };
}

const filled = (options: readonly string[]) => options.map((o) => o.trim()).filter((o) => o !== "");

/**
 * The rules the server applies to a draft (lib/poll/question-draft.ts), checked while typing so the facilitator
 * sees what is missing before sending. The server stays the judge: its refusal is shown as well.
 */
export function draftHints(form: EditorForm): DraftHint[] {
  return draftProblems(toDraft(form));
}

/** A number as typed; an empty field is not 0. */
const typedNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The draft the server receives: only the fields of the chosen kind, options trimmed and empty rows left out. */
export function toDraft(form: EditorForm): QuestionDraft {
  const draft: QuestionDraft = { kind: form.kind, prompt: form.prompt.trim() };
  if (hasOptions(form.kind)) draft.options = filled(form.options);
  if (hasMaximum(form.kind)) draft.maxChoices = form.maxChoices === "" ? null : Number(form.maxChoices);
  if (form.kind === "scale") {
    draft.scale = { min: typedNumber(form.scaleMin), max: typedNumber(form.scaleMax), minLabel: form.minLabel.trim(), maxLabel: form.maxLabel.trim() };
  }
  return draft;
}

export interface QuestionEditorLabels {
  title: string;
  kind: string;
  kinds: Record<QuestionKind, string>;
  prompt: string;
  options: string;
  option: (n: number) => string;
  addOption: string;
  removeOption: (n: number) => string;
  maxChoices: string;
  maxRank: string;
  noMaximum: string;
  allOptions: string;
  scaleMin: string;
  scaleMax: string;
  scaleMinLabel: string;
  scaleMaxLabel: string;
  submit: string;
  cancel: string;
  hints: Record<DraftHint, string>;
}

export interface QuestionEditorProps {
  /** The form to start from; the page gives the editor a new `key` to start over. */
  initial: EditorForm;
  labels: QuestionEditorLabels;
  busy: boolean;
  /** The server's refusal of the last save, already worded for the facilitator. */
  error: string | null;
  /** Without a cancel handler there is no cancel button (an empty session always shows the editor). */
  onCancel?: () => void;
  /**
   * Opened by the facilitator (not shown on its own in an empty session): the form comes into view and its
   * first field takes focus, so typing starts where they just clicked.
   */
  focusOnOpen?: boolean;
  onSubmit: (draft: QuestionDraft) => void;
}

/** Write or rewrite a question: its kind, prompt and, by kind, its options, maximum or scale. */
export function QuestionEditor({ initial, labels: l, busy, error, onCancel, onSubmit, focusOnOpen = false }: QuestionEditorProps) {
  const id = useId();
  const [form, setForm] = useState<EditorForm>(initial);
  const [tried, setTried] = useState(false);
  const optionsRef = useRef<HTMLOListElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const el = formRef.current;
    if (!focusOnOpen || !el) return;
    const box = el.getBoundingClientRect();
    // The whole form when it fits the window, otherwise its top: never a form half below the fold.
    if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest" });
    el.querySelector<HTMLElement>("select, input, textarea")?.focus({ preventScroll: true });
  }, [focusOnOpen]);
  const hints = draftHints(form);
  const showHints = tried && hints.length > 0;
  const optionCount = filled(form.options).length;
  const set = (patch: Partial<EditorForm>) => setForm((f) => ({ ...f, ...patch }));

  function setOption(index: number, value: string) {
    setForm((f) => ({ ...f, options: f.options.map((o, i) => (i === index ? value : o)) }));
  }

  function addOption() {
    setForm((f) => ({ ...f, options: [...f.options, ""] }));
    // The new row is there after this render: put the cursor in it.
    requestAnimationFrame(() => optionsRef.current?.querySelector<HTMLInputElement>("li:last-child input")?.focus());
  }

  function removeOption(index: number) {
    setForm((f) => ({ ...f, options: f.options.filter((_, i) => i !== index) }));
    requestAnimationFrame(() => {
      const inputs = optionsRef.current?.querySelectorAll<HTMLInputElement>("input");
      inputs?.[Math.min(index, inputs.length - 1)]?.focus();
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (hints.length > 0) return;
    onSubmit(toDraft(form));
  }

  const maxUpTo = Math.max(optionCount, 1);
  return (
    <form ref={formRef} className="question-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate data-testid="question-editor">
      <h3 id={`${id}-title`} className="question-editor__title">
        {l.title}
      </h3>
      <label htmlFor={`${id}-kind`}>{l.kind}</label>
      <select
        id={`${id}-kind`}
        className="input"
        value={form.kind}
        onChange={(e) => {
          const kind = e.target.value as QuestionKind;
          setForm((f) => ({ ...f, kind, options: f.options.length >= 2 ? f.options : [...f.options, "", ""].slice(0, 2) }));
        }}
      >
        {QUESTION_KINDS.map((k) => (
          <option key={k} value={k}>
            {l.kinds[k]}
          </option>
        ))}
      </select>

      <label htmlFor={`${id}-prompt`}>{l.prompt}</label>
      <textarea
        id={`${id}-prompt`}
        className="input question-editor__prompt"
        rows={2}
        maxLength={300}
        value={form.prompt}
        aria-invalid={showHints && hints.includes("prompt") ? true : undefined}
        onChange={(e) => set({ prompt: e.target.value })}
      />

      {hasOptions(form.kind) ? (
        <fieldset className="question-editor__options">
          <legend>{l.options}</legend>
          <ol ref={optionsRef}>
            {form.options.map((value, index) => (
              <li key={index}>
                <label htmlFor={`${id}-option-${index}`} className="visually-hidden">
                  {l.option(index + 1)}
                </label>
                <input
                  id={`${id}-option-${index}`}
                  className="input"
                  value={value}
                  maxLength={120}
                  placeholder={l.option(index + 1)}
                  onChange={(e) => setOption(index, e.target.value)}
                  onKeyDown={(e) => {
                    // Enter in the last row adds the next one, as in a list one types line by line.
                    if (e.key === "Enter") {
                      e.preventDefault();
                      if (index === form.options.length - 1 && form.options.length < LIMITS.options) addOption();
                    }
                  }}
                  onPaste={(e) => {
                    // Pasting several lines fills one row per line.
                    const lines = e.clipboardData.getData("text").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
                    if (lines.length < 2) return;
                    e.preventDefault();
                    setForm((f) => {
                      const options = [...f.options.slice(0, index), ...lines, ...f.options.slice(index + 1)].slice(0, LIMITS.options);
                      return { ...f, options };
                    });
                  }}
                />
                <button
                  type="button"
                  className="button button--small button--icon button--quiet"
                  aria-label={l.removeOption(index + 1)}
                  disabled={form.options.length <= 2}
                  onClick={() => removeOption(index)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button button--small" onClick={addOption} disabled={form.options.length >= LIMITS.options}>
            {l.addOption}
          </button>
        </fieldset>
      ) : null}

      {hasMaximum(form.kind) ? (
        <div className="question-editor__row">
          <label htmlFor={`${id}-max`}>{form.kind === "ranking" ? l.maxRank : l.maxChoices}</label>
          <select id={`${id}-max`} className="input input--inline" value={form.maxChoices} onChange={(e) => set({ maxChoices: e.target.value })}>
            <option value="">{form.kind === "ranking" ? l.allOptions : l.noMaximum}</option>
            {Array.from({ length: Math.max(maxUpTo, Number(form.maxChoices) || 0) }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {form.kind === "scale" ? (
        <div className="question-editor__scale">
          <div>
            <label htmlFor={`${id}-min`}>{l.scaleMin}</label>
            <input id={`${id}-min`} className="input" type="number" inputMode="numeric" min={-10} max={10} step={1} value={form.scaleMin} onChange={(e) => set({ scaleMin: e.target.value })} />
          </div>
          <div>
            <label htmlFor={`${id}-max-value`}>{l.scaleMax}</label>
            <input id={`${id}-max-value`} className="input" type="number" inputMode="numeric" min={-10} max={10} step={1} value={form.scaleMax} onChange={(e) => set({ scaleMax: e.target.value })} />
          </div>
          <div>
            <label htmlFor={`${id}-min-label`}>{l.scaleMinLabel}</label>
            <input id={`${id}-min-label`} className="input" maxLength={60} value={form.minLabel} onChange={(e) => set({ minLabel: e.target.value })} />
          </div>
          <div>
            <label htmlFor={`${id}-max-label`}>{l.scaleMaxLabel}</label>
            <input id={`${id}-max-label`} className="input" maxLength={60} value={form.maxLabel} onChange={(e) => set({ maxLabel: e.target.value })} />
          </div>
        </div>
      ) : null}

      {showHints ? (
        // The alert wraps the list: role="alert" on the <ul> itself would take its list semantics away.
        <div role="alert" data-testid="editor-hints">
          <ul className="question-editor__hints">
            {hints.map((h) => (
              <li key={h}>{l.hints[h]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert" data-testid="editor-error">
          {error}
        </p>
      ) : null}
      <div className="question-editor__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {l.submit}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {l.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
