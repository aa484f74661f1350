"use client";
/** The console's action plan: each action with its owner, due date and challenge, edited or removed in place; an action of one's own added. */
import { useId, useState } from "react";
import { formatDueDate } from "@/lib/action-wording";
import { CHALLENGES } from "@/lib/challenges";
import type { Language } from "@/lib/i18n";
import { actionWord, type ActionKey } from "@/lib/messages/actions";
import { ACTION_LIMITS } from "@/lib/action-constants";
import type { ActionView } from "@/lib/protocol";
import "./action-round.css";

/** What the facilitator types for an action. */
export interface ActionDraft {
  text: string;
  owner: string;
  due: string;
}

const word = (language: Language) => (key: ActionKey, values?: Record<string, string | number>) => actionWord(language, key, values);

export interface ActionFormProps {
  language: Language;
  initial: ActionDraft;
  submit: string;
  busy: boolean;
  onCancel?: () => void;
  onSubmit: (draft: ActionDraft) => void | Promise<void>;
}

/** Text, owner and due date: all three needed, as the server asks. */
export function ActionForm({ language, initial, submit, busy, onCancel, onSubmit }: ActionFormProps) {
  const w = word(language);
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>(initial);
  const ready = draft.text.trim() !== "" && draft.owner.trim() !== "" && draft.due !== "";
  return (
    <form
      className="action-form"
      data-testid="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void onSubmit({ text: draft.text.trim(), owner: draft.owner.trim(), due: draft.due });
      }}
    >
      <label htmlFor={`${id}-text`}>{w("formText")}</label>
      <textarea id={`${id}-text`} className="input" rows={2} maxLength={ACTION_LIMITS.actionText} required value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} data-testid="action-text" />
      <div className="action-form__pair">
        <div>
          <label htmlFor={`${id}-owner`}>{w("formOwner")}</label>
          <input id={`${id}-owner`} className="input" maxLength={ACTION_LIMITS.actionOwner} required value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} data-testid="action-owner" />
        </div>
        <div>
          <label htmlFor={`${id}-due`}>{w("formDue")}</label>
          <input id={`${id}-due`} className="input" type="date" required value={draft.due} onChange={(e) => setDraft({ ...draft, due: e.target.value })} data-testid="action-due" />
        </div>
      </div>
      <div className="action-form__buttons">
        <button type="submit" className="button button--primary" aria-disabled={busy || !ready || undefined} data-testid="action-submit">
          {submit}
        </button>
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {w("formCancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

export interface ActionPlanProps {
  language: Language;
  actions: readonly ActionView[];
  busy: boolean;
  error: string | null;
  onAdd: (draft: ActionDraft) => Promise<boolean>;
  onUpdate: (actionId: string, draft: ActionDraft) => Promise<boolean>;
  onDelete: (actionId: string) => void;
}

export function ActionPlan({ language, actions, busy, error, onAdd, onUpdate, onDelete }: ActionPlanProps) {
  const w = word(language);
  const id = useId();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const challenge = (about: string | null) => (about ? CHALLENGES.find((c) => c.id === about)?.label[language] : undefined);
  return (
    <section className="action-plan" aria-labelledby={`${id}-title`} data-testid="action-plan">
      <h3 id={`${id}-title`}>{w("planCardTitle")}</h3>
      <p className="hint">{w("planCardIntro")}</p>
      {actions.length === 0 ? <p data-testid="action-plan-empty">{w("planEmpty")}</p> : null}
      <ol className="action-plan__list">
        {actions.map((a) => (
          <li key={a.id} className="action-plan__item" data-testid="action-plan-item">
            {editing === a.id ? (
              <ActionForm
                language={language}
                initial={{ text: a.text, owner: a.owner, due: a.due }}
                submit={w("formSave")}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSubmit={async (draft) => {
                  if (await onUpdate(a.id, draft)) setEditing(null);
                }}
              />
            ) : (
              <>
                <p className="action-plan__text">{a.text}</p>
                <p className="action-plan__meta">
                  {w("planOwnerDue", { owner: a.owner, due: formatDueDate(language, a.due) })}
                  {challenge(a.about) ? ` · ${w("planAbout", { challenge: challenge(a.about) ?? "" })}` : ""}
                </p>
                <div className="action-plan__buttons">
                  <button type="button" className="button" aria-label={w("planEditName", { text: a.text })} onClick={() => setEditing(a.id)} data-testid="action-edit">
                    {w("planEdit")}
                  </button>
                  <button type="button" className="button button--quiet" aria-label={w("planDeleteName", { text: a.text })} aria-disabled={busy || undefined} onClick={() => !busy && onDelete(a.id)} data-testid="action-delete">
                    {w("planDelete")}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      {actions.length >= ACTION_LIMITS.actions ? (
        <p className="hint">{w("planFull", { max: ACTION_LIMITS.actions })}</p>
      ) : editing === "new" ? (
        <ActionForm
          language={language}
          initial={{ text: "", owner: "", due: "" }}
          submit={w("formAdd")}
          busy={busy}
          onCancel={() => setEditing(null)}
          onSubmit={async (draft) => {
            if (await onAdd(draft)) setEditing(null);
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing("new")} data-testid="action-own">
          {w("planOwn")}
        </button>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="action-plan-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
