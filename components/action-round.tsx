"use client";
/**
 * The console's action round, shown beside the question it belongs to: proposals asked for the top challenges (on
 * the challenge question), the proposals picked for a dot vote (on a proposal question), and the dot vote's ranking
 * turned into actions (on the dot vote). Props in, events out: the console page sends the commands.
 */
import { useId, useState } from "react";
import { dotRows } from "@/lib/poll/dots-rows";
import { planFollowup } from "@/lib/poll/followup-plan";
import type { Language } from "@/lib/i18n";
import { actionWord, type ActionKey } from "@/lib/messages/actions";
import { dotsCount } from "@/lib/messages/dots";
import { ACTION_LIMITS } from "@/lib/action-constants";
import { LIMITS } from "@/lib/protocol-constants";
import type { OptionView } from "@/lib/protocol";
import { ActionForm, type ActionDraft } from "./action-plan";
import "./action-round.css";

const word = (language: Language) => (key: ActionKey, values?: Record<string, string | number>) => actionWord(language, key, values);

export interface ActionPromptsProps {
  language: Language;
  options: readonly OptionView[];
  counts: Readonly<Record<string, number>>;
  busy: boolean;
  error: string | null;
  onCreate: (topN: number) => void;
}

/** On the challenge question: which challenges get a proposal question (the top N, ties kept), said before the click. */
export function ActionPrompts({ language, options, counts, busy, error, onCreate }: ActionPromptsProps) {
  const w = word(language);
  const id = useId();
  const [topN, setTopN] = useState(3);
  // The follow-up's rule, ties at the boundary included: the server applies the same one.
  const { ids, tied } = planFollowup(options.map((o) => o.id), counts, topN);
  const label = (optionId: string) => options.find((o) => o.id === optionId)?.label ?? optionId;
  return (
    <section className="action-round" aria-labelledby={`${id}-title`} data-testid="action-prompts">
      <h3 id={`${id}-title`} className="action-round__title">
        {w("actionsTitle")}
      </h3>
      <p className="hint">{w("actionsIntro")}</p>
      <div className="action-round__row">
        <label htmlFor={`${id}-top`}>{w("actionsTopLabel")}</label>
        <select id={`${id}-top`} className="input input--inline" value={topN} onChange={(e) => setTopN(Number(e.target.value))} data-testid="action-prompts-top">
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="button" className="button" aria-disabled={busy || ids.length === 0 || undefined} aria-describedby={`${id}-preview`} onClick={() => !busy && ids.length > 0 && onCreate(topN)} data-testid="action-prompts-create">
          {w("actionsCreate")}
        </button>
      </div>
      <div id={`${id}-preview`} data-testid="action-prompts-preview">
        <p>{ids.length > 0 ? w("actionsPreview", { list: ids.map(label).join(", ") }) : w("actionsNone")}</p>
        {tied.length > 1 ? <p className="action-round__note">{w("actionsTie", { list: tied.map(label).join(", ") })}</p> : null}
      </div>
      {error ? (
        <p className="error" role="alert" data-testid="action-prompts-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** A proposal the dot vote can take: an open answer of a proposal question, with the challenge it answers. */
export interface ProposalChoice {
  questionId: string;
  answerId: string;
  text: string;
  challenge: string;
}

export interface ProposalPickerProps {
  language: Language;
  /** `null` until loaded (the facilitator asks for them when the proposals are in). */
  proposals: readonly ProposalChoice[] | null;
  busy: boolean;
  error: string | null;
  onLoad: () => void;
  onStart: (picked: ProposalChoice[], budget: number) => void;
}

/** On a proposal question: pick the proposals of every proposal question for the dot vote, and the dots each participant gets. */
export function ProposalPicker({ language, proposals, busy, error, onLoad, onStart }: ProposalPickerProps) {
  const w = word(language);
  const id = useId();
  const max = ACTION_LIMITS.dotProposals;
  const [unpicked, setUnpicked] = useState<ReadonlySet<string>>(new Set());
  const [budget, setBudget] = useState<number>(LIMITS.dotBudget.default);
  const picked = (proposals ?? []).filter((p) => !unpicked.has(p.answerId));
  const problem = picked.length > max ? w("proposalsTooMany", { max }) : picked.length < 2 ? w("proposalsTooFew") : null;
  return (
    <section className="action-round" aria-labelledby={`${id}-title`} data-testid="proposal-picker">
      <h3 id={`${id}-title`} className="action-round__title">
        {w("proposalsTitle")}
      </h3>
      <p className="hint">{w("proposalsIntro", { max })}</p>
      {proposals === null ? (
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => !busy && onLoad()} data-testid="proposals-load">
          {w("proposalsLoad")}
        </button>
      ) : proposals.length === 0 ? (
        <p data-testid="proposals-empty">{w("proposalsEmpty")}</p>
      ) : (
        <>
          <fieldset className="action-round__proposals">
            <legend>{w("proposalsPicked", { n: picked.length, max })}</legend>
            {proposals.map((p) => (
              <label key={p.answerId} className="action-round__proposal" data-testid="proposal">
                <input
                  type="checkbox"
                  checked={!unpicked.has(p.answerId)}
                  onChange={(e) => {
                    const next = new Set(unpicked);
                    if (e.target.checked) next.delete(p.answerId);
                    else next.add(p.answerId);
                    setUnpicked(next);
                  }}
                />
                <span>
                  {p.text}
                  <span className="action-round__about">{p.challenge}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="action-round__row">
            <label htmlFor={`${id}-budget`}>{w("proposalsBudget")}</label>
            <input
              id={`${id}-budget`}
              className="input input--inline"
              type="number"
              min={LIMITS.dotBudget.min}
              max={LIMITS.dotBudget.max}
              value={budget}
              onChange={(e) => setBudget(Math.min(LIMITS.dotBudget.max, Math.max(LIMITS.dotBudget.min, Math.round(Number(e.target.value) || 1))))}
              data-testid="proposals-budget"
            />
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy || problem !== null || undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onClick={() => !busy && problem === null && onStart(picked, budget)}
              data-testid="proposals-start"
            >
              {w("proposalsStart")}
            </button>
          </div>
          {problem ? (
            <p id={`${id}-problem`} className="hint">
              {problem}
            </p>
          ) : null}
        </>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="proposals-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export interface ActionAdoptProps {
  language: Language;
  options: readonly OptionView[];
  counts: Readonly<Record<string, number>>;
  /** Option ids already made into an action of the plan. */
  adopted: ReadonlySet<string>;
  busy: boolean;
  error: string | null;
  onAdopt: (optionId: string, draft: ActionDraft) => Promise<boolean>;
}

/** On the dot vote: its proposals by dots, each one a click away from an action with an owner and a due date. */
export function ActionAdopt({ language, options, counts, adopted, busy, error, onAdopt }: ActionAdoptProps) {
  const w = word(language);
  const id = useId();
  const [open, setOpen] = useState<string | null>(null);
  const descriptions = new Map(options.map((o) => [o.id, o.description]));
  return (
    <section className="action-round" aria-labelledby={`${id}-title`} data-testid="action-adopt">
      <h3 id={`${id}-title`} className="action-round__title">
        {w("adoptTitle")}
      </h3>
      <p className="hint">{w("adoptIntro")}</p>
      <ol className="action-round__ranking">
        {dotRows(options, { counts }).map((o) => (
          <li key={o.id} className="action-round__ranked" data-testid="adopt-row">
            <p className="action-round__text">
              {o.label} <span className="action-round__dots">{dotsCount(language, o.dots)}</span>
            </p>
            {descriptions.get(o.id) ? <p className="action-round__about">{descriptions.get(o.id)}</p> : null}
            {adopted.has(o.id) ? (
              <p className="action-round__done">{w("adoptInPlan")}</p>
            ) : open === o.id ? (
              <ActionForm
                language={language}
                initial={{ text: o.label, owner: "", due: "" }}
                submit={w("formAdd")}
                busy={busy}
                onCancel={() => setOpen(null)}
                onSubmit={async (draft) => {
                  if (await onAdopt(o.id, draft)) setOpen(null);
                }}
              />
            ) : (
              <button type="button" className="button" aria-label={w("adoptButtonName", { text: o.label })} onClick={() => setOpen(o.id)} data-testid="adopt-open">
                {w("adoptButton")}
              </button>
            )}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="error" role="alert" data-testid="adopt-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
