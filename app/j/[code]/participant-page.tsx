"use client";
import { useEffect, useMemo, useState } from "react";
import { BallotForm } from "@/components/ballot-form";
import { LanguageSwitch } from "@/components/language-switch";
import dynamic from "next/dynamic";
import { LiveSummary } from "@/components/live-summary";
import { StatusBanner } from "@/components/status-banner";
import { newVoteId, participantId } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { useSession } from "@/lib/client/use-session";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useMediaQuery, useThrottledValue } from "@/lib/client/use-media";
import { chartRows } from "@/lib/poll/chart-rows";
import { resultsSummary } from "@/lib/poll/summary";
import { localiseOptions } from "@/lib/questions";
import type { ParticipantAuth } from "@/lib/protocol";

// Charts are only needed once the facilitator shows results: keep recharts out of the ballot's first load.
const ResultsChart = dynamic(() => import("@/components/results-chart").then((m) => m.ResultsChart), { ssr: false });

/** How often the screen reader hears updated results at most. */
const SUMMARY_INTERVAL_MS = 5000;

type SendState = { kind: "idle" } | { kind: "sending" } | { kind: "counted" } | { kind: "failed"; message: string };

export function ParticipantPage({ code }: { code: string }) {
  const [auth, setAuth] = useState<ParticipantAuth | null>(null);
  useEffect(() => setAuth({ code, participantId: participantId() }), [code]);
  const { view, socket, dispatch } = useSession(auth);
  const { language, choose, t } = useLanguage(view.state?.session.language);

  const question = view.state?.question;
  const stored = view.state?.ballot;
  /** The participant's draft; `null` while it equals what the server holds. */
  const [draft, setDraft] = useState<Set<string> | null>(null);
  const [send, setSend] = useState<SendState>({ kind: "idle" });

  const storedSet = useMemo(() => new Set(Array.isArray(stored) ? stored : []), [stored]);
  const selected = draft ?? storedSet;
  const options = useMemo(() => (question ? localiseOptions(question.options, language) : []), [question, language]);

  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const rows = useMemo(() => chartRows(options, view.results, false), [options, view.results]);
  const summary = useThrottledValue(
    question?.resultsVisible && view.results ? resultsSummary(language, rows, view.results.respondents) : "",
    SUMMARY_INTERVAL_MS,
  );

  // A reset clears the stored ballot: forget a receipt that no longer holds.
  useEffect(() => {
    if (!stored) setSend((s) => (s.kind === "counted" ? { kind: "idle" } : s));
  }, [stored]);

  if (view.connection === "refused") {
    return (
      <main className="phone">
        <p className="error" role="alert">
          {t(refusalMessageKey(view.refusal))}
        </p>
        <a className="button" href="/">
          {t("appName")}
        </a>
      </main>
    );
  }
  if (!view.state || !question) {
    return (
      <main className="phone">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }

  const open = question.status === "open";
  const dirty = draft !== null;

  function toggle(optionId: string) {
    const next = new Set(selected);
    if (next.has(optionId)) next.delete(optionId);
    else next.add(optionId);
    setDraft(next);
    setSend({ kind: "idle" });
  }

  async function submit() {
    if (!socket || !question) return;
    setSend({ kind: "sending" });
    const optionIds = question.options.map((o) => o.id).filter((id) => selected.has(id));
    try {
      // With `retries` the client keeps this emit until the server acks it, also across a reconnect.
      const ack = await socket.emitWithAck("vote:cast", { questionId: question.id, optionIds, voteId: newVoteId() });
      if (ack.ok) {
        dispatch({ type: "ballot:acked", questionId: question.id, ballot: ack.data.ballot });
        setDraft(null);
        setSend({ kind: "counted" });
      } else {
        setSend({ kind: "failed", message: ack.error.message });
      }
    } catch {
      setSend({ kind: "failed", message: t("reconnecting") });
    }
  }

  const hint = question.maxChoices === null ? t("pickAll") : t("pickAtMost", { max: question.maxChoices });
  const showReceipt = send.kind === "counted" || (!dirty && stored !== undefined && send.kind === "idle");

  return (
    <main className="phone">
      <header className="phone__header">
        <p className="phone__title">{view.state.session.title}</p>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <BallotForm
          options={options}
          selected={selected}
          disabled={!open}
          maxChoices={question.maxChoices}
          legend={language === view.state.session.language ? question.prompt : t("chartTitle")}
          hint={hint}
          moreInfoLabel={t("moreInfo")}
          onToggle={toggle}
        />
        {open ? (
          <div className="phone__actions">
            <button type="submit" className="button button--primary button--block" disabled={send.kind === "sending"}>
              {send.kind === "sending" ? t("sending") : stored ? t("update") : t("submit")}
            </button>
            {selected.size === 0 ? <p className="hint">{t("noneSelected")}</p> : null}
          </div>
        ) : null}
      </form>

      <div aria-live="polite" className="phone__feedback">
        {!open ? (
          <p className="notice" data-testid="closed-message">
            {t("closedMessage")} {stored === undefined ? t("notVoted") : null}
          </p>
        ) : send.kind === "sending" && view.connection !== "connected" ? (
          <p className="hint" data-testid="pending">
            {t("pendingOffline")}
          </p>
        ) : send.kind === "failed" ? (
          <p className="error" role="alert">
            {t("voteFailed", { message: send.message })}
          </p>
        ) : dirty && stored !== undefined ? (
          <p className="hint">{t("unsavedChanges")}</p>
        ) : showReceipt && stored !== undefined ? (
          <p className="receipt" data-testid="receipt">
            <strong>{t("receipt")}</strong> {t("receiptChange")}
          </p>
        ) : null}
      </div>

      {question.resultsVisible && view.results ? (
        <section className="phone__results" aria-label={t("resultsTitle")}>
          <ResultsChart
            rows={rows}
            respondents={view.results.respondents}
            size="compact"
            title={t("resultsTitle")}
            caption={t("chartCaption")}
            respondentsLabel={t("respondents")}
            language={language}
            animate={!reducedMotion}
          />
        </section>
      ) : null}
      <LiveSummary text={summary} />
    </main>
  );
}
