"use client";
/**
 * The console's action round and plan, wired: which part the active question gets (proposals on the challenge
 * question, the picker on a proposal question, actions from a dot vote), the plan's state and its HTTP calls.
 */
import { useCallback, useEffect, useState } from "react";
import { ActionAdopt, ActionPrompts, ProposalPicker, type ProposalChoice } from "@/components/action-round";
import { ActionPlan, type ActionDraft } from "@/components/action-plan";
import { isChallengeQuestion } from "@/lib/challenge-questions";
import { CHALLENGES } from "@/lib/challenges";
import { api, type ApiResult } from "@/lib/client/api-client";
import type { SessionSocket } from "@/lib/client/socket";
import type { Language } from "@/lib/i18n";
import { actionWord } from "@/lib/messages/actions";
import { parseActionTemplate } from "@/lib/poll/actions";
import type { Ack, ActionView, QuestionView, Results } from "@/lib/protocol";

interface Auth {
  sessionId: string;
  hostKey: string;
}

/**
 * The plan of the session: loaded on start and on every reconnect, changed through the API, and sent whole by the
 * server (`plan:updated`) whenever it changes, from this console, a colleague's or a tool, on any node.
 */
export function useActionPlan(auth: Auth | null, language: Language, socket: SessionSocket | null) {
  const [actions, setActions] = useState<ActionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(async () => {
    if (!auth) return;
    const res = await api.actions(auth.sessionId, auth.hostKey);
    if (res.ok) setActions(res.data.actions);
  }, [auth]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => {
    if (!socket) return;
    const updated = ({ actions: plan }: { actions: ActionView[] }) => setActions(plan);
    // A change made while this console was offline came as a `plan:updated` it never got: read the plan again on
    // every reconnect.
    const reconnected = () => void reload();
    socket.on("plan:updated", updated);
    socket.on("connect", reconnected);
    return () => {
      socket.off("plan:updated", updated);
      socket.off("connect", reconnected);
    };
  }, [socket, reload]);
  /** Run one change; say why it failed in the console's language, and read the plan back either way. */
  const change = useCallback(
    async (work: (a: Auth) => Promise<ApiResult<unknown>>): Promise<boolean> => {
      if (!auth) return false;
      setError(null);
      setBusy(true);
      const res = await work(auth);
      setBusy(false);
      if (!res.ok) setError(actionWord(language, "planError", { reason: res.error.message }));
      await reload();
      return res.ok;
    },
    [auth, language, reload],
  );
  return { actions, error, busy, change };
}

export type ActionPlanState = ReturnType<typeof useActionPlan>;

export interface ActionRoundPartProps {
  auth: Auth | null;
  language: Language;
  question: QuestionView;
  results: Results | undefined;
  plan: ActionPlanState;
  busy: boolean;
  send: (event: "actions:prompts" | "actions:dots", payload: Record<string, unknown>) => Promise<Ack<unknown> | null>;
  /** The refusal of a command in the console's words, `null` when it was done. */
  refusal: (ack: Ack<unknown> | null) => string | null;
}

/** The part of the action round that belongs to the active question, if any. */
export function ActionRoundPart({ auth, language, question, results, plan, busy, send, refusal }: ActionRoundPartProps) {
  const [error, setError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<ProposalChoice[] | null>(null);
  const round = parseActionTemplate(question.template);
  const counts = results?.counts ?? {};

  if (question.kind === "multiple" && isChallengeQuestion(question)) {
    return (
      <ActionPrompts
        language={language}
        options={question.options}
        counts={counts}
        busy={busy}
        error={error}
        onCreate={async (topN) => {
          setError(null);
          setError(refusal(await send("actions:prompts", { questionId: question.id, topN })));
        }}
      />
    );
  }
  if (round?.kind === "prompt") {
    return (
      <ProposalPicker
        key={question.id}
        language={language}
        proposals={proposals}
        busy={busy}
        error={error}
        onLoad={async () => {
          if (!auth) return;
          // Every proposal question's answers, the hidden ones left out: the report has them all, with their ids.
          const report = await api.report(auth.sessionId, auth.hostKey);
          if (!report.ok) return setError(actionWord(language, "planError", { reason: report.error.message }));
          setProposals(
            report.data.questions.flatMap(({ question: q, results: r }) => {
              const about = parseActionTemplate(q.template);
              if (about?.kind !== "prompt") return [];
              const challenge = CHALLENGES.find((c) => c.id === about.challengeId)?.label[language] ?? "";
              return (r.answers ?? []).filter((a) => !a.hidden).map((a) => ({ questionId: q.id, answerId: a.id, text: a.text, challenge }));
            }),
          );
        }}
        onStart={async (picked, budget) => {
          setError(null);
          setError(refusal(await send("actions:dots", { proposals: picked.map((p) => ({ questionId: p.questionId, answerId: p.answerId })), budget })));
        }}
      />
    );
  }
  if (question.kind === "dots") {
    return (
      <ActionAdopt
        language={language}
        options={question.options}
        counts={counts}
        adopted={new Set(plan.actions.flatMap((a) => (a.from?.questionId === question.id ? [a.from.optionId] : [])))}
        busy={plan.busy}
        error={plan.error}
        onAdopt={(optionId, draft: ActionDraft) =>
          plan.change((a) => api.createAction(a.sessionId, a.hostKey, { from: { questionId: question.id, optionId }, text: draft.text, owner: draft.owner, due: draft.due }))
        }
      />
    );
  }
  return null;
}

/** The plan's card on the console. */
export function ActionPlanPart({ language, plan }: { language: Language; plan: ActionPlanState }) {
  return (
    <ActionPlan
      language={language}
      actions={plan.actions}
      busy={plan.busy}
      error={plan.error}
      onAdd={(draft) => plan.change((a) => api.createAction(a.sessionId, a.hostKey, { ...draft, about: null }))}
      onUpdate={(actionId, draft) => plan.change((a) => api.updateAction(a.sessionId, a.hostKey, actionId, draft))}
      onDelete={(actionId) => void plan.change((a) => api.deleteAction(a.sessionId, a.hostKey, actionId))}
    />
  );
}
