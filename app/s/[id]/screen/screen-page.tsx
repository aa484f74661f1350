"use client";
import { useEffect, useState } from "react";
import { JoinPanel } from "@/components/join-panel";
import { ResultsChart } from "@/components/results-chart";
import { StatusBanner } from "@/components/status-banner";
import { screenKeyFor } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useSession } from "@/lib/client/use-session";
import { chartRows } from "@/lib/poll/chart-rows";
import type { ScreenAuth } from "@/lib/protocol";

/** The projector view: read-only, readable from the back of the room. */
export function ScreenPage({ sessionId }: { sessionId: string }) {
  const [auth, setAuth] = useState<ScreenAuth | null>(null);
  const [missingKey, setMissingKey] = useState(false);
  useEffect(() => {
    const screenKey = screenKeyFor(sessionId);
    if (screenKey) setAuth({ sessionId, screenKey });
    else setMissingKey(true);
  }, [sessionId]);
  const { view } = useSession(auth);
  const { language, t } = useLanguage(view.state?.session.language);
  const [sortByShare, setSortByShare] = useState(false);

  if (missingKey || view.connection === "refused") {
    return (
      <main className="screen">
        <p className="error" role="alert">
          {missingKey ? t("noKey") : t(refusalMessageKey(view.refusal))}
        </p>
      </main>
    );
  }
  const state = view.state;
  if (!state) {
    return (
      <main className="screen">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const { session, question } = state;
  const results = view.results;
  return (
    <main className="screen" data-testid="screen-view">
      <header className="screen__header">
        <div className="screen__heading">
          <h1 className="screen__title">{session.title}</h1>
          <p className="screen__prompt">{question.prompt}</p>
        </div>
        {state.joinUrl ? <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="screen" /> : null}
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />
      <section className="screen__chart">
        <ResultsChart
          rows={chartRows(question.options, results, sortByShare)}
          respondents={results?.respondents ?? 0}
          size="screen"
          title={t("chartTitle")}
          caption={t("chartCaption")}
          respondentsLabel={t("respondents")}
          language={language}
        />
      </section>
      <footer className="screen__footer">
        <span className={`pill ${question.status === "open" ? "pill--open" : "pill--closed"}`}>
          {question.status === "open" ? t("votingOpen") : t("votingClosed")}
        </span>
        <button type="button" className="button button--quiet" aria-pressed={sortByShare} onClick={() => setSortByShare((s) => !s)} data-testid="sort-toggle">
          {sortByShare ? t("articleOrder") : t("sortByShare")}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen())}
        >
          {t("fullscreen")}
        </button>
      </footer>
    </main>
  );
}
