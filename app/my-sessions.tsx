"use client";
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { api } from "@/lib/client/api-client";
import { forgetSessionKeys, knownSessions, rememberHostKey, rememberSession, storedHostKey, updateKnownSession, type KnownSession } from "@/lib/client/local";
import { summaryOf, useSessionSummaries, type SummaryState } from "@/lib/client/use-session-summaries";
import { formatDateTime } from "@/lib/dates";
import { formatNumber, type Language, type MessageKey } from "@/lib/i18n";
import type { SessionSummary } from "@/lib/protocol";
import { parseRecoveryFragment } from "@/lib/keyring";
import { KeysPanel, restoredText, restoreSessions } from "./keys-panel";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** What the list says after an action, with a way back when there is one. */
interface Notice {
  text: string;
  undo?: () => void;
}

/** "9 vragen", and whether voting is open: every question open, none, or some. */
function sessionState(summary: SessionSummary, t: T): { questions: string; voting: string | null; open: boolean } {
  const n = summary.questions.length;
  const open = summary.questions.filter((q) => q.status === "open").length;
  const questions = n === 0 ? t("noQuestionsYet") : n === 1 ? t("questionsOne") : t("questionsN", { n });
  if (n === 0) return { questions, voting: null, open: false };
  const voting = open === n ? t("votingOpen") : open === 0 ? t("votingClosed") : t("votingOpenSome", { open, n });
  return { questions, voting, open: open > 0 };
}

const respondentsText = (n: number, language: Language, t: T) => (n === 1 ? t("respondentsOne") : t("respondentsN", { n: formatNumber(language, n) }));

/**
 * The sessions this browser holds host keys for, with the server's own figures: title (as renamed or named as a
 * copy there), date and time, questions and whether voting is open, respondents. Each can be renamed, taken off
 * this browser's list (the session stays) or deleted with its answers (after saying what that means).
 */
export function MySessions({ t, language }: { t: T; language: Language }) {
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const { summaries, patch } = useSessionSummaries(sessions);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => setSessions(knownSessions()), []);
  const refresh = () => setSessions(knownSessions());

  // A recovery link (`/#restore=…`): its keys join this browser's, and the link leaves the address bar at once.
  useEffect(() => {
    const parsed = parseRecoveryFragment(window.location.hash);
    if (!parsed) return;
    history.replaceState(null, "", window.location.pathname + window.location.search);
    if (!parsed.ok) return setNotice({ text: t("keysProblem") });
    void restoreSessions(parsed.sessions).then((result) => {
      setSessions(knownSessions());
      setNotice({ text: restoredText(t, result) });
    });
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function duplicate(session: KnownSession) {
    const key = storedHostKey(session.id);
    if (!key) return;
    const res = await api.duplicateSession(session.id, key);
    if (!res.ok) return setNotice({ text: t("errorGeneric") });
    const created = res.data;
    rememberHostKey(created.id, created.hostKey);
    // The server names the copy ("… (kopie)"): show its title, never the original's.
    const copy = await api.summary(created.id, created.hostKey);
    const title = copy.ok ? copy.data.session.title : "";
    rememberSession({ id: created.id, title, createdAt: copy.ok ? copy.data.createdAt : new Date().toISOString() });
    refresh();
    setNotice({ text: t("duplicated", { title: title || created.id }) });
  }

  async function rename(session: KnownSession, title: string): Promise<boolean> {
    const key = storedHostKey(session.id);
    if (!key) return false;
    const res = await api.renameSession(session.id, key, { title });
    if (!res.ok) {
      setNotice({ text: res.status === 400 ? res.error.message : t("errorGeneric") });
      return false;
    }
    const renamed = res.data.session.title;
    updateKnownSession(session.id, { title: renamed });
    patch(session.id, (s) => ({ ...s, session: { ...s.session, title: renamed } }));
    setNotice({ text: t("renamed", { title: renamed }) });
    return true;
  }

  function forget(session: KnownSession, title: string) {
    const key = storedHostKey(session.id);
    forgetSessionKeys(session.id);
    refresh();
    setNotice({
      text: t("forgotten", { title }),
      undo: key
        ? () => {
            rememberHostKey(session.id, key);
            rememberSession(session);
            refresh();
            setNotice(null);
          }
        : undefined,
    });
  }

  async function remove(session: KnownSession, title: string) {
    const key = storedHostKey(session.id);
    if (!key) return;
    const res = await api.deleteSession(session.id, key);
    if (!res.ok) return setNotice({ text: t("errorGeneric") });
    forgetSessionKeys(session.id);
    refresh();
    setNotice({ text: t("deleted", { title }) });
  }

  return (
    <section className="card my-sessions" aria-labelledby="my-sessions-heading">
      <div className="my-sessions__head">
        <div>
          <h2 id="my-sessions-heading">{t("mySessions")}</h2>
          <p className="hint">{t("mySessionsIntro")}</p>
        </div>
        {sessions.length >= 2 ? (
          <Link className="button" href="/compare">
            {t("compare")}
          </Link>
        ) : null}
      </div>
      <div role="status" className="my-sessions__status">
        {notice ? (
          <p className="notice" data-testid="my-sessions-notice">
            {notice.text}{" "}
            {notice.undo ? (
              <button type="button" className="button button--quiet" onClick={notice.undo}>
                {t("putBack")}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {sessions.length === 0 ? (
        <p>{t("noSessions")}</p>
      ) : (
        <ul className="my-sessions__list" data-testid="my-sessions">
          {sessions.map((s) => (
            <SessionItem
              key={s.id}
              session={s}
              state={summaries[s.id]}
              t={t}
              language={language}
              onDuplicate={() => void duplicate(s)}
              onRename={(title) => rename(s, title)}
              onForget={(title) => forget(s, title)}
              onDelete={(title) => void remove(s, title)}
            />
          ))}
        </ul>
      )}
      <KeysPanel
        t={t}
        count={sessions.length}
        onRestored={(text) => {
          refresh();
          setNotice({ text });
        }}
      />
    </section>
  );
}

function SessionItem({
  session,
  state,
  t,
  language,
  onDuplicate,
  onRename,
  onForget,
  onDelete,
}: {
  session: KnownSession;
  state: SummaryState | undefined;
  t: T;
  language: Language;
  onDuplicate: () => void;
  onRename: (title: string) => Promise<boolean>;
  onForget: (title: string) => void;
  onDelete: (title: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [confirming, setConfirming] = useState(false);
  const summary = summaryOf(state);
  const title = summary?.session.title || session.title || session.id;
  const createdAt = summary?.createdAt ?? session.createdAt;
  const facts = summary ? sessionState(summary, t) : null;
  const id = session.id;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await onRename(draft.trim())) setEditing(false);
  }

  return (
    <li className="my-sessions__item" data-session-id={id}>
      <div className="my-sessions__main">
        {editing ? (
          <form className="my-sessions__rename" onSubmit={(e) => void save(e)}>
            <label htmlFor={`rename-${id}`}>{t("renameLabel", { title })}</label>
            <div className="my-sessions__rename-row">
              <input id={`rename-${id}`} className="input" value={draft} maxLength={120} required autoFocus onChange={(e) => setDraft(e.target.value)} />
              <button type="submit" className="button button--primary" disabled={draft.trim() === ""}>
                {t("save")}
              </button>
              <button type="button" className="button" onClick={() => setEditing(false)}>
                {t("cancel")}
              </button>
            </div>
          </form>
        ) : (
          <h3 className="my-sessions__title">{title}</h3>
        )}
        <p className="my-sessions__meta">
          <time dateTime={createdAt} data-testid="session-time">
            {formatDateTime(language, createdAt)}
          </time>
          {facts ? (
            <>
              <span aria-hidden="true"> · </span>
              <span>{facts.questions}</span>
              {facts.voting ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <span className={facts.open ? "state state--open" : "state state--closed"} data-testid="session-state">
                    {facts.voting}
                  </span>
                </>
              ) : null}
              <span aria-hidden="true"> · </span>
              <span data-testid="session-respondents">{respondentsText(summary?.respondents ?? 0, language, t)}</span>
            </>
          ) : null}
        </p>
        {state === "gone" ? <p className="error">{t("sessionGone")}</p> : state === "error" ? <p className="hint">{t("sessionUnreachable")}</p> : null}
      </div>
      <div className="my-sessions__actions">
        {state !== "gone" ? (
          <div className="my-sessions__group">
            <Link className="button button--quiet" href={`/s/${id}/host`}>
              {t("console")}
            </Link>
            {summary ? (
              <a className="button button--quiet" href={summary.screenPath} target="_blank" rel="noopener">
                {t("screen")}
              </a>
            ) : null}
            <Link className="button button--quiet" href={`/s/${id}/report`}>
              {t("report")}
            </Link>
          </div>
        ) : null}
        <div className="my-sessions__group">
          {state !== "gone" ? (
            <>
              <button type="button" className="button button--quiet" onClick={onDuplicate}>
                {t("duplicate")}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setDraft(title);
                  setEditing(true);
                  setConfirming(false);
                }}
              >
                {t("rename")}
              </button>
            </>
          ) : null}
          <button type="button" className="button button--quiet" aria-expanded={confirming} onClick={() => setConfirming((c) => !c)}>
            {t("removeMenu")}
          </button>
        </div>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`remove-${id}`} className="my-sessions__remove">
          <p id={`remove-${id}`}>
            <strong>{t("removeQuestion", { title })}</strong>
          </p>
          <div className="my-sessions__choice">
            <button type="button" className="button" onClick={() => onForget(title)} aria-describedby={`forget-hint-${id}`}>
              {t("forget")}
            </button>
            <p className="hint" id={`forget-hint-${id}`}>
              {t("forgetExplained")}
            </p>
          </div>
          {state !== "gone" ? (
            <div className="my-sessions__choice">
              <button type="button" className="button button--danger" onClick={() => onDelete(title)} aria-describedby={`delete-hint-${id}`}>
                {t("deleteForGood")}
              </button>
              <p className="hint" id={`delete-hint-${id}`}>
                {t("deleteExplained")}
              </p>
            </div>
          ) : null}
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t("cancel")}
          </button>
        </div>
      ) : null}
    </li>
  );
}
