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
  /** "" means no maximum (multiple) or rank them all (ranking); a dot vote's budget of dots as typed. */
  maxChoices: string;
  scaleMin: string;
  scaleMax: string;
  minLabel: string;
  maxLabel: string;
  /** Single choice only: its answers sort the room into groups. */
  grouping: boolean;
  /** The grouping question whose answers the question is asked of; "" means everyone. */
  audienceQuestionId: string;
  /** The answers (groups) of that question that are asked. */
  audienceOptionIds: string[];
}

/** The server's rules of a draft, and the editor's own: a question for some groups names at least one. */
export type DraftHint = DraftProblem | "audience";

/** A grouping question of the session as the editor offers it: "3. Welke rol speel je?" and its answers. */
export interface GroupingChoice {
  id: string;
  label: string;
  groups: readonly { id: string; label: string }[];
}

/** A new dot vote's budget, as the field shows it. */
const DEFAULT_BUDGET = String(LIMITS.dotBudget.default);

export function emptyForm(kind: QuestionKind = "single"): EditorForm {
  return { kind, prompt: "", options: ["", ""], maxChoices: kind === "dots" ? DEFAULT_BUDGET : "", scaleMin: "1", scaleMax: "5", minLabel: "", maxLabel: "", grouping: false, audienceQuestionId: "", audienceOptionIds: [] };
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
    grouping: q.grouping === true,
    audienceQuestionId: q.audience?.questionId ?? "",
    audienceOptionIds: q.audience ? [...q.audience.optionIds] : [],
  };
}

const filled = (options: readonly string[]) => options.map((o) => o.trim()).filter((o) => o !== "");

/**
 * The rules the server applies to a draft (lib/poll/question-draft.ts), checked while typing so the facilitator
 * sees what is missing before sending. The server stays the judge: its refusal is shown as well.
 */
export function draftHints(form: EditorForm): DraftHint[] {
  const hints: DraftHint[] = draftProblems(toDraft(form));
  if (form.audienceQuestionId !== "" && form.audienceOptionIds.length === 0) hints.push("audience");
  return hints;
}

/** A number as typed; an empty field is not 0. */
const typedNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The draft the server receives: only the fields of the chosen kind, options trimmed and empty rows left out. */
export function toDraft(form: EditorForm): QuestionDraft {
  const draft: QuestionDraft = { kind: form.kind, prompt: form.prompt.trim() };
  if (hasOptions(form.kind)) draft.options = filled(form.options);
  // A dot vote always has a budget: an emptied field is no budget (NaN), which the rules name, not "no maximum".
  if (form.kind === "dots") draft.maxChoices = typedNumber(form.maxChoices);
  else if (hasMaximum(form.kind)) draft.maxChoices = form.maxChoices === "" ? null : Number(form.maxChoices);
  if (form.kind === "scale") {
    draft.scale = { min: typedNumber(form.scaleMin), max: typedNumber(form.scaleMax), minLabel: form.minLabel.trim(), maxLabel: form.maxLabel.trim() };
  }
  // Only a single choice sorts the room; changing the kind drops the mark. `null` asks everyone again.
  if (form.kind === "single") draft.grouping = form.grouping;
  draft.audience = form.audienceQuestionId === "" ? null : { questionId: form.audienceQuestionId, optionIds: form.audienceOptionIds };
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
  /** "Stippen per deelnemer (1 tot 10)" */
  budget: string;
  noMaximum: string;
  allOptions: string;
  scaleMin: string;
  scaleMax: string;
  scaleMinLabel: string;
  scaleMaxLabel: string;
  /** The folded part of the form with the grouping question and the audience. */
  groupsSection: string;
  grouping: string;
  groupingHint: string;
  audience: string;
  audienceEveryone: string;
  audienceGroups: string;
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
  /** The session's grouping questions (not the one being edited): the groups a question can be limited to. */
  groupingQuestions?: readonly GroupingChoice[];
}

/** Write or rewrite a question: its kind, prompt and, by kind, its options, maximum or scale. */
export function QuestionEditor({ initial, labels: l, busy, error, onCancel, onSubmit, focusOnOpen = false, groupingQuestions = [] }: QuestionEditorProps) {
  const id = useId();
  const [form, setForm] = useState<EditorForm>(initial);
  const [tried, setTried] = useState(false);
  // Open from the start when the question uses it; afterwards the facilitator opens and closes it.
  const [moreOpen] = useState(initial.grouping || initial.audienceQuestionId !== "");
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
  const audienceGroups = groupingQuestions.find((g) => g.id === form.audienceQuestionId)?.groups;
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
          // A budget of dots and a maximum of choices mean different things: switching starts each from its default.
          const maxChoices = kind === "dots" ? DEFAULT_BUDGET : form.kind === "dots" ? "" : form.maxChoices;
          setForm((f) => ({ ...f, kind, maxChoices, options: f.options.length >= 2 ? f.options : [...f.options, "", ""].slice(0, 2) }));
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

      {form.kind === "dots" ? (
        <div className="question-editor__row">
          <label htmlFor={`${id}-budget`}>{l.budget}</label>
          <input
            id={`${id}-budget`}
            className="input input--inline"
            type="number"
            inputMode="numeric"
            min={LIMITS.dotBudget.min}
            max={LIMITS.dotBudget.max}
            step={1}
            value={form.maxChoices}
            aria-invalid={showHints && hints.includes("budget") ? true : undefined}
            data-testid="editor-budget"
            onChange={(e) => set({ maxChoices: e.target.value })}
          />
        </div>
      ) : hasMaximum(form.kind) ? (
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

      {form.kind === "single" || groupingQuestions.length > 0 || form.audienceQuestionId !== "" ? (
        // Rarer settings, folded away unless the question uses them: the form stays short enough to fit a laptop.
        <details className="question-editor__more" open={moreOpen}>
          <summary>{l.groupsSection}</summary>
          {form.kind === "single" ? (
            <div className="question-editor__check">
              <input id={`${id}-grouping`} type="checkbox" checked={form.grouping} onChange={(e) => set({ grouping: e.target.checked })} aria-describedby={`${id}-grouping-hint`} />
              <label htmlFor={`${id}-grouping`}>{l.grouping}</label>
              <p id={`${id}-grouping-hint`} className="hint">
                {l.groupingHint}
              </p>
            </div>
          ) : null}

          {groupingQuestions.length > 0 || form.audienceQuestionId !== "" ? (
            <div className="question-editor__audience">
              <label htmlFor={`${id}-audience`}>{l.audience}</label>
              <select
                id={`${id}-audience`}
                className="input"
                value={form.audienceQuestionId}
                onChange={(e) => set({ audienceQuestionId: e.target.value, audienceOptionIds: [] })}
              >
                <option value="">{l.audienceEveryone}</option>
                {groupingQuestions.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
              {audienceGroups ? (
                <fieldset className="question-editor__groups">
                  <legend>{l.audienceGroups}</legend>
                  {audienceGroups.map((g) => (
                    <label key={g.id} className="question-editor__group">
                      <input
                        type="checkbox"
                        checked={form.audienceOptionIds.includes(g.id)}
                        onChange={(e) =>
                          setForm((f) => ({
                            ...f,
                            // In the grouping question's order, whatever order they were ticked in.
                            audienceOptionIds: audienceGroups.map((x) => x.id).filter((x) => (x === g.id ? e.target.checked : f.audienceOptionIds.includes(x))),
                          }))
                        }
                      />
                      {g.label}
                    </label>
                  ))}
                </fieldset>
              ) : null}
            </div>
          ) : null}
        </details>
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
