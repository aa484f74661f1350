"use client";
/** The active question's presenter notes on the console: read at a glance, edited in place, never on a phone or screen. */
import { useEffect, useId, useRef, useState } from "react";
import { LIMITS } from "@/lib/protocol-constants";

export interface PresenterNotesProps {
  /** The notes as the console shows them (own, or the article's); empty without any. */
  notes: string;
  busy: boolean;
  labels: { title: string; hint: string; empty: string; edit: string; save: string; cancel: string; field: string; counter: (n: number) => string };
  /** Resolves with whether the notes were stored (the editor closes then). */
  onSave: (notes: string) => Promise<boolean>;
}

export function PresenterNotes({ notes, busy, labels: l, onSave }: PresenterNotesProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  // After the editor closes, focus goes back to the button that opened it (once it is drawn again).
  const returnFocus = useRef(false);
  useEffect(() => {
    if (draft === null && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [draft]);
  const close = () => {
    returnFocus.current = true;
    setDraft(null);
  };
  return (
    <section className="presenter-notes" aria-labelledby={`${id}-title`} data-testid="presenter-notes">
      <div className="presenter-notes__head">
        <h3 id={`${id}-title`} className="presenter-notes__title">
          {l.title}
        </h3>
        <span className="presenter-notes__hint">{l.hint}</span>
        {draft === null ? (
          <button ref={editButton} type="button" className="button button--quiet" onClick={() => setDraft(notes)} data-testid="notes-edit">
            {l.edit}
          </button>
        ) : null}
      </div>
      {draft === null ? (
        notes ? (
          <p className="presenter-notes__text" data-testid="notes-text">
            {notes}
          </p>
        ) : (
          <p className="presenter-notes__empty hint">{l.empty}</p>
        )
      ) : (
        <form
          className="presenter-notes__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void onSave(draft).then((stored) => stored && close());
          }}
        >
          <label htmlFor={`${id}-field`}>{l.field}</label>
          <textarea
            id={`${id}-field`}
            className="input presenter-notes__field"
            rows={5}
            maxLength={LIMITS.notes}
            value={draft}
            aria-describedby={`${id}-counter`}
            onChange={(e) => setDraft(e.target.value)}
            autoFocus
          />
          <p id={`${id}-counter`} className="hint presenter-notes__counter">
            {l.counter(draft.length)}
          </p>
          <div className="presenter-notes__actions">
            <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
              {l.save}
            </button>
            <button type="button" className="button" onClick={close}>
              {l.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
