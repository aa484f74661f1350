"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { knownSessions, rememberHostKey, rememberSession, storedHostKey, type KnownSession } from "@/lib/client/local";
import type { MessageKey } from "@/lib/i18n";
import { api } from "@/lib/client/api-client";
import type { SessionSummary } from "@/lib/protocol";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The sessions this browser holds host keys for, with live figures from the server. */
export function MySessions({ t }: { t: T }) {
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const [summaries, setSummaries] = useState<Record<string, SessionSummary | null>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => setSessions(knownSessions()), []);
  useEffect(() => {
    for (const s of sessions) {
      const key = storedHostKey(s.id);
      if (!key) continue;
      void api.summary(s.id, key).then((res) => setSummaries((m) => ({ ...m, [s.id]: res.ok ? res.data : null })));
    }
  }, [sessions]);

  async function duplicate(session: KnownSession) {
    const key = storedHostKey(session.id);
    if (!key) return;
    const res = await api.duplicateSession(session.id, key);
    if (!res.ok) return setMessage(t("errorGeneric"));
    const created = res.data;
    const title = summaries[session.id]?.session.title ?? session.title;
    rememberHostKey(created.id, created.hostKey);
    rememberSession({ id: created.id, title, createdAt: new Date().toISOString() });
    setSessions(knownSessions());
    setMessage(t("duplicated", { title }));
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
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {sessions.length === 0 ? (
        <p>{t("noSessions")}</p>
      ) : (
        <ul className="my-sessions__list" data-testid="my-sessions">
          {sessions.map((s) => {
            const summary = summaries[s.id];
            const title = summary?.session.title ?? s.title;
            return (
              <li key={s.id} className="my-sessions__item" data-session-id={s.id}>
                <div>
                  <strong>{title || s.id}</strong>
                  <span className="hint">
                    {" "}
                    · <time dateTime={summary?.createdAt ?? s.createdAt}>{new Date(summary?.createdAt ?? s.createdAt).toLocaleDateString()}</time>
                    {summary ? ` · ${t("respondentsN", { n: summary.respondents })}` : null}
                  </span>
                </div>
                <div className="my-sessions__links">
                  <Link className="button button--quiet" href={`/s/${s.id}/host`}>
                    {t("console")}
                  </Link>
                  {summary ? (
                    <a className="button button--quiet" href={summary.screenPath} target="_blank" rel="noopener">
                      {t("screen")}
                    </a>
                  ) : null}
                  <Link className="button button--quiet" href={`/s/${s.id}/report`}>
                    {t("report")}
                  </Link>
                  <button type="button" className="button button--quiet" onClick={() => void duplicate(s)}>
                    {t("duplicate")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
