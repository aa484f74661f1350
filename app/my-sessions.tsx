"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { knownSessions, rememberHostKey, rememberSession, storedHostKey, type KnownSession } from "@/lib/client/local";
import type { MessageKey } from "@/lib/i18n";
import type { CreatedSession } from "@/lib/protocol";

interface Summary {
  title: string;
  createdAt: string;
  respondents: number;
  screenPath: string;
}

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The sessions this browser holds host keys for, with live figures from the server. */
export function MySessions({ t }: { t: T }) {
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const [summaries, setSummaries] = useState<Record<string, Summary | null>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => setSessions(knownSessions()), []);
  useEffect(() => {
    for (const s of sessions) {
      const key = storedHostKey(s.id);
      if (!key) continue;
      void fetch(`/api/sessions/${s.id}/summary`, { headers: { authorization: `Bearer ${key}` } })
        .then(async (res) => (res.ok ? ((await res.json()) as { session: { title: string }; createdAt: string; respondents: number; screenPath: string }) : null))
        .then((body) =>
          setSummaries((m) => ({ ...m, [s.id]: body ? { title: body.session.title, createdAt: body.createdAt, respondents: body.respondents, screenPath: body.screenPath } : null })),
        );
    }
  }, [sessions]);

  async function duplicate(session: KnownSession) {
    const key = storedHostKey(session.id);
    if (!key) return;
    const res = await fetch(`/api/sessions/${session.id}/duplicate`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
    if (res.status !== 201) return setMessage(t("errorGeneric"));
    const created = (await res.json()) as CreatedSession;
    const title = summaries[session.id]?.title ?? session.title;
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
            const title = summary?.title ?? s.title;
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
