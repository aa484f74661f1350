"use client";
/** The session's questions in order: activate, move, edit (in place, at the row) and remove each one. */
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { QuestionKind, QuestionSummary } from "@/lib/protocol";

export interface QuestionListLabels {
  title: string;
  /** "Vraag {n}" style, already filled in by the caller per number. */
  number: (n: number) => string;
  kinds: Record<QuestionKind, string>;
  statusOpen: string;
  statusClosed: string;
  active: string;
  /** The badge of a grouping question: its answers sort the room. */
  grouping: string;
  respondents: (n: number) => string;
  locked: string;
  activate: string;
  activateName: (n: number) => string;
  moveUpName: (n: number) => string;
  moveDownName: (n: number) => string;
  edit: string;
  editName: (n: number) => string;
  remove: string;
  removeName: (n: number) => string;
  removeConfirm: (n: number) => string;
  removeConfirmButton: string;
  cancel: string;
}

/** A row: the question's summary, and whom it is asked of in words ("Alleen voor: Netwerkmanager"). */
export type QuestionListItem = QuestionSummary & { audienceText?: string | null };

export interface QuestionListProps {
  questions: readonly QuestionListItem[];
  activeId: string | null;
  /** The question open in the editor, marked so the facilitator sees which one they are changing. */
  editingId: string | null;
  /** The editor, drawn inside the row it edits: where the facilitator just clicked, not at the end of a long list. */
  editor?: ReactNode;
  labels: QuestionListLabels;
  onActivate: (questionId: string) => void;
  onMove: (questionId: string, position: number) => void;
  onEdit: (questionId: string) => void;
  onRemove: (questionId: string) => void;
}

const KIND_ICONS: Record<QuestionKind, string> = { single: "◉", multiple: "☑", scale: "↔", ranking: "⇅", open: "✎", words: "☁", dots: "●" };

/**
 * The session's questions in order, with the active one marked. Every row raises events; the page decides
 * what they do. After a move the row changes place, so focus is put back on the button that was pressed
 * (or its sibling when that one is now disabled at the end of the list).
 */
export function QuestionList({ questions, activeId, editingId, editor, labels: l, onActivate, onMove, onEdit, onRemove }: QuestionListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  const activating = useRef<string | null>(null);
  const order = questions.map((q) => q.id).join(",");

  // The pressed "activate" button is gone once its row is active: keep the keyboard user on that row.
  useEffect(() => {
    if (!activeId || activating.current !== activeId) return;
    activating.current = null;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(activeId)}"]`);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (row && lost) row.focus();
  }, [activeId]);

  useEffect(() => {
    const wanted = refocus.current;
    const list = listRef.current;
    if (!wanted || !list) return;
    const row = list.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(wanted.id)}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-move="${wanted.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${wanted.direction === "up" ? "down" : "up"}"]`);
    const target = same && !same.disabled ? same : other;
    if (target && !target.disabled) {
      target.focus();
      refocus.current = null;
    }
  }, [order]);

  // The question stays: back to its remove button, which the confirmation replaced.
  function keep(id: string) {
    setConfirming(null);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(id)}"] [data-action="remove"]`)?.focus());
  }

  function move(id: string, index: number, direction: "up" | "down") {
    refocus.current = { id, direction };
    onMove(id, direction === "up" ? index - 1 : index + 1);
  }

  return (
    <ol className="question-list" ref={listRef} aria-label={l.title}>
      {questions.map((q, index) => {
        const n = index + 1;
        const active = q.id === activeId;
        const editing = q.id === editingId && editor;
        return (
          <li
            key={q.id}
            className={`question-item${active ? " is-active" : ""}${editing ? " is-editing" : ""}`}
            aria-current={active ? "step" : undefined}
            tabIndex={-1}
            data-testid="question-item"
            data-question-id={q.id}
          >
            <div className="question-item__head">
              <span className="question-item__number" aria-hidden="true">
                {n}
              </span>
              <div className="question-item__text">
                <p className="question-item__meta">
                  <span className="visually-hidden">{l.number(n)}: </span>
                  <span className="question-item__kind" data-testid="question-kind" data-kind={q.kind}>
                    <span aria-hidden="true">{KIND_ICONS[q.kind]} </span>
                    {l.kinds[q.kind]}
                  </span>
                  {q.grouping ? (
                    <span className="question-item__grouping" data-testid="question-grouping">
                      {l.grouping}
                    </span>
                  ) : null}
                  <span className={`question-item__status question-item__status--${q.status}`}>{q.status === "open" ? l.statusOpen : l.statusClosed}</span>
                  <span data-testid="question-respondents">{l.respondents(q.respondents)}</span>
                  {q.locked ? <span className="question-item__locked">{l.locked}</span> : null}
                  {active ? (
                    <strong className="pill pill--active" data-testid="question-active">
                      {l.active}
                    </strong>
                  ) : null}
                </p>
                <p className="question-item__prompt" data-testid="question-prompt">
                  {q.prompt}
                </p>
                {q.audienceText ? (
                  <p className="question-item__audience" data-testid="question-audience">
                    {q.audienceText}
                  </p>
                ) : null}
              </div>
            </div>
            {editing ? (
              editor
            ) : confirming === q.id ? (
              <div role="alertdialog" aria-labelledby={`remove-confirm-${q.id}`} className="confirm question-item__confirm">
                <p id={`remove-confirm-${q.id}`}>{l.removeConfirm(n)}</p>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    setConfirming(null);
                    onRemove(q.id);
                  }}
                >
                  {l.removeConfirmButton}
                </button>
                <button type="button" className="button" onClick={() => keep(q.id)} autoFocus>
                  {l.cancel}
                </button>
              </div>
            ) : (
              <div className="question-item__actions">
                {active ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={l.activateName(n)}
                    onClick={() => {
                      activating.current = q.id;
                      onActivate(q.id);
                    }}
                  >
                    {l.activate}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small button--icon"
                  aria-label={l.moveUpName(n)}
                  data-move="up"
                  disabled={index === 0}
                  onClick={() => move(q.id, index, "up")}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="button button--small button--icon"
                  aria-label={l.moveDownName(n)}
                  data-move="down"
                  disabled={index === questions.length - 1}
                  onClick={() => move(q.id, index, "down")}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                {/* Built-in questions keep their wording in every language and their place in comparisons:
                    editing would turn them into ordinary questions, so only the facilitator's own are editable. */}
                {q.locked || q.template !== null ? null : (
                  <button type="button" className="button button--small" aria-label={l.editName(n)} data-action="edit" onClick={() => onEdit(q.id)}>
                    {l.edit}
                  </button>
                )}
                <button type="button" className="button button--small button--quiet" aria-label={l.removeName(n)} data-action="remove" onClick={() => setConfirming(q.id)}>
                  {l.remove}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
