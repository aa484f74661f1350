"use client";
import { useEffect, useState } from "react";
import { ConsoleControls } from "@/components/console-controls";
import { JoinPanel } from "@/components/join-panel";
import { LanguageSwitch } from "@/components/language-switch";
import { ResultsChart } from "@/components/results-chart";
import { ShortcutHelp } from "@/components/shortcut-help";
import { StatusBanner } from "@/components/status-banner";
import { forgetSessionKeys, hostKeyFor } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { chartRows } from "@/lib/poll/chart-rows";
import { localiseOptions } from "@/lib/questions";
import type { ExportFormat, FacilitatorAuth, FacilitatorEvent } from "@/lib/protocol";

export function ConsolePage({ sessionId }: { sessionId: string }) {
  const [auth, setAuth] = useState<FacilitatorAuth | null>(null);
  const [missingKey, setMissingKey] = useState(false);
  useEffect(() => {
    const hostKey = hostKeyFor(sessionId);
    if (hostKey) setAuth({ sessionId, hostKey });
    else setMissingKey(true);
  }, [sessionId]);
  const { view, socket } = useSession(auth);
  const { language, choose, t } = useLanguage(view.state?.session.language);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [sortByShare, setSortByShare] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function command(event: FacilitatorEvent, extra: { maxChoices?: number | null } = {}) {
    const question = view.state?.question;
    if (!socket || !question) return;
    setBusy(true);
    setMessage(null);
    try {
      const ack =
        event === "question:configure"
          ? await socket.emitWithAck(event, { questionId: question.id, maxChoices: extra.maxChoices ?? null })
          : await socket.emitWithAck(event, { questionId: question.id });
      if (!ack.ok) setMessage(ack.error.message);
      else if (event === "question:reset") setMessage(t("resetDone"));
    } catch {
      setMessage(t("errorGeneric"));
    } finally {
      setBusy(false);
    }
  }

  const [help, setHelp] = useState(false);
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const activeQuestion = view.state?.question;
  useShortcuts({
    c: () => void (activeQuestion && command(activeQuestion.status === "open" ? "question:close" : "question:open")),
    r: () => void (activeQuestion && command(activeQuestion.resultsVisible ? "results:hide" : "results:show")),
    s: () => setSortByShare((v) => !v),
    o: () => void (view.state?.screenPath && window.open(view.state.screenPath, "_blank", "noopener")),
    "?": () => setHelp(true),
  });

  if (missingKey) {
    return (
      <main className="console">
        <p className="error" role="alert">
          {t("noKey")}
        </p>
      </main>
    );
  }
  if (view.connection === "refused") {
    return (
      <main className="console">
        <p className="error" role="alert">
          {t(refusalMessageKey(view.refusal))}
        </p>
      </main>
    );
  }
  const state = view.state;
  if (!state || !auth) {
    return (
      <main className="console">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const { session, question } = state;
  if (!question) return null;
  const results = view.results;
  const options = localiseOptions(question.options, language);

  async function download(format: ExportFormat) {
    if (!auth) return;
    setMessage(null);
    const res = await fetch(`/api/sessions/${session.id}/export?format=${format}`, {
      headers: { authorization: `Bearer ${auth.hostKey}` },
    });
    if (!res.ok) {
      setMessage(t("errorGeneric"));
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `tafelronde.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }

  async function deleteSession() {
    if (!auth) return;
    setConfirmDelete(false);
    const res = await fetch(`/api/sessions/${session.id}`, { method: "DELETE", headers: { authorization: `Bearer ${auth.hostKey}` } });
    if (res.status === 204) forgetSessionKeys(session.id);
    else setMessage(t("errorGeneric"));
  }

  return (
    <main className="console">
      <header className="console__header">
        <div>
          <p className="eyebrow">{t("consoleTitle")}</p>
          <h1 className="console__title" data-testid="session-title">
            {session.title}
          </h1>
        </div>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      <div className="console__grid">
        <aside className="console__side">
          {state.joinUrl ? <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="compact" /> : null}
          <dl className="stats">
            <div>
              <dt>{t("participantsConnected")}</dt>
              <dd data-testid="participants-count">{results?.participants ?? 0}</dd>
            </div>
            <div>
              <dt>{t("respondents")}</dt>
              <dd data-testid="respondents-count">{results?.respondents ?? 0}</dd>
            </div>
          </dl>
          <ConsoleControls
            status={question.status}
            resultsVisible={question.resultsVisible}
            maxChoices={question.maxChoices}
            optionCount={question.options.length}
            canConfigure={(results?.respondents ?? 0) === 0}
            busy={busy}
            labels={{
              votingOpen: t("votingOpen"),
              votingClosed: t("votingClosed"),
              closeVoting: t("closeVoting"),
              reopenVoting: t("reopenVoting"),
              showResults: t("showResults"),
              hideResults: t("hideResults"),
              resultsShown: t("resultsShownOnPhones"),
              resultsHidden: t("resultsHiddenOnPhones"),
              resetQuestion: t("resetQuestion"),
              resetConfirm: t("resetConfirm"),
              cancel: t("cancel"),
              confirm: t("confirm"),
              maxChoicesLabel: t("maxChoicesLabel"),
              noMaximum: t("noMaximum"),
            }}
            onOpen={() => void command("question:open")}
            onClose={() => void command("question:close")}
            onShowResults={() => void command("results:show")}
            onHideResults={() => void command("results:hide")}
            onReset={() => void command("question:reset")}
            onMaxChoices={(max) => void command("question:configure", { maxChoices: max })}
          />
          {message ? (
            <p className="notice" role="status">
              {message}
            </p>
          ) : null}
          <div className="console__links">
            {state.screenPath ? (
              <a className="button" href={state.screenPath} target="_blank" rel="noopener" data-testid="open-screen">
                {t("openScreen")}
              </a>
            ) : null}
            <button type="button" className="button" onClick={() => void download("csv")} data-testid="export-csv">
              {t("exportCsv")}
            </button>
            <button type="button" className="button" onClick={() => void download("json")} data-testid="export-json">
              {t("exportJson")}
            </button>
            <button type="button" className="button button--quiet" aria-label={t("showShortcuts")} onClick={() => setHelp(true)}>
              ?
            </button>
          </div>
          <div className="console__danger">
            {confirmDelete ? (
              <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm">
                <p id="delete-confirm-text">{t("deleteConfirm")}</p>
                <button type="button" className="button button--danger" onClick={() => void deleteSession()}>
                  {t("deleteConfirmButton")}
                </button>
                <button type="button" className="button" onClick={() => setConfirmDelete(false)} autoFocus>
                  {t("cancel")}
                </button>
              </div>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => setConfirmDelete(true)}>
                {t("deleteSession")}
              </button>
            )}
          </div>
        </aside>

        <section className="console__chart">
          <h2 className="visually-hidden">{t("resultsTitle")}</h2>
          <p className="console__prompt">{question.prompt}</p>
          <label className="toggle">
            <input type="checkbox" checked={sortByShare} onChange={(e) => setSortByShare(e.target.checked)} /> {t("sortByShare")}
          </label>
          <ResultsChart
            rows={chartRows(options, results, sortByShare)}
            respondents={results?.respondents ?? 0}
            size="compact"
            title={t("chartTitle")}
            caption={t("chartCaption")}
            respondentsLabel={t("respondents")}
            language={language}
            animate={!reducedMotion}
          />
        </section>
      </div>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={() => setHelp(false)}
        shortcuts={[
          { key: "c", label: t("toggleVoting") },
          { key: "r", label: t("toggleResults") },
          { key: "s", label: t("sortByShare") },
          { key: "o", label: t("openScreen") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
    </main>
  );
}
