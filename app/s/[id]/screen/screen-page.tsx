"use client";
import { useEffect, useState } from "react";
import { JoinPanel } from "@/components/join-panel";
import { ResultsChart } from "@/components/results-chart";
import { ShortcutHelp } from "@/components/shortcut-help";
import { StatusBanner } from "@/components/status-banner";
import { screenKeyFor } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery, useWindowHeight } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { chartRows } from "@/lib/poll/chart-rows";
import { LANGUAGES, type Language } from "@/lib/languages";
import type { ScreenAuth } from "@/lib/protocol";
import { bilingualOptions } from "@/lib/questions";

type Theme = "light" | "dark";

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
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const [sortByShare, setSortByShare] = useState(false);
  // A washed-out projector needs the light theme; a dark hall the dark one.
  const [theme, setTheme] = useState<Theme>("light");
  const [showJoin, setShowJoin] = useState(true);
  const [second, setSecond] = useState<Language | null>(null);
  const [help, setHelp] = useState(false);
  // Labels scale with the window so 720p and 1080p projectors show the same proportions.
  const chartFont = Math.round(Math.min(26, Math.max(13, useWindowHeight() / 46)));

  const cycleSecond = () =>
    setSecond((current) => {
      const others = LANGUAGES.filter((l) => l !== language);
      const next = current === null ? 0 : others.indexOf(current) + 1;
      return others[next] ?? null;
    });
  const toggleFullscreen = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  useShortcuts({
    s: () => setSortByShare((v) => !v),
    t: () => setTheme((v) => (v === "light" ? "dark" : "light")),
    j: () => setShowJoin((v) => !v),
    l: cycleSecond,
    f: toggleFullscreen,
    "?": () => setHelp(true),
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    return () => void delete document.documentElement.dataset.theme;
  }, [theme]);

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
  if (!question) return null;
  const results = view.results;
  const options = bilingualOptions(question.options, language, second);
  return (
    <main className="screen" data-testid="screen-view">
      <header className="screen__header">
        <div className="screen__heading">
          <h1 className="screen__title">{session.title}</h1>
          <p className="screen__prompt">{question.prompt}</p>
        </div>
        {showJoin && state.joinUrl ? <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="screen" /> : null}
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />
      <section className="screen__chart">
        <ResultsChart
          rows={chartRows(options, results, sortByShare)}
          respondents={results?.respondents ?? 0}
          size="screen"
          title={t("chartTitle")}
          caption={t("chartCaption")}
          respondentsLabel={t("respondents")}
          language={language}
          animate={!reducedMotion}
          fontSize={chartFont}
        />
      </section>
      <footer className="screen__footer">
        <span className={`pill ${question.status === "open" ? "pill--open" : "pill--closed"}`}>
          {question.status === "open" ? t("votingOpen") : t("votingClosed")}
        </span>
        <button type="button" className="button button--quiet" aria-pressed={sortByShare} onClick={() => setSortByShare((s) => !s)} data-testid="sort-toggle">
          {sortByShare ? t("articleOrder") : t("sortByShare")}
        </button>
        <button type="button" className="button button--quiet" aria-pressed={theme === "dark"} onClick={() => setTheme((v) => (v === "light" ? "dark" : "light"))} data-testid="theme-toggle">
          {t("toggleTheme")}
        </button>
        <button type="button" className="button button--quiet" onClick={cycleSecond} data-testid="second-language">
          {t("secondLanguage")}: {second ?? t("noSecondLanguage")}
        </button>
        <button type="button" className="button button--quiet" onClick={toggleFullscreen}>
          {t("fullscreen")}
        </button>
        <button type="button" className="button button--quiet" aria-label={t("showShortcuts")} onClick={() => setHelp(true)}>
          ?
        </button>
      </footer>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={() => setHelp(false)}
        shortcuts={[
          { key: "s", label: t("sortByShare") },
          { key: "t", label: t("toggleTheme") },
          { key: "j", label: t("toggleJoinInfo") },
          { key: "l", label: t("secondLanguage") },
          { key: "f", label: t("fullscreen") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
    </main>
  );
}
