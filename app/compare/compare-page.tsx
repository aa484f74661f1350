"use client";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import Link from "next/link";
import { useEffect, useState } from "react";
import "../home.css";
import { CompareChart } from "@/components/compare-chart";
import { downloadBlob } from "@/lib/client/download";
import { knownSessions, storedHostKey, type KnownSession } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { CHALLENGES } from "@/lib/challenges";
import { formatPercent } from "@/lib/i18n";
import { api } from "@/lib/client/api-client";
import type { Comparison } from "@/lib/protocol";

/** Two or more sessions that asked the nine challenges, side by side. */
export function ComparePage() {
  const { language, t } = useLanguage(undefined, REPORT_MESSAGES);
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setSessions(knownSessions()), []);

  const body = () => ({ sessions: [...picked].map((id) => ({ id, hostKey: storedHostKey(id) ?? "" })), language });

  async function run() {
    if (picked.size < 2) return setMessage(t("pickTwo"));
    setMessage(null);
    const res = await api.compare(body());
    if (!res.ok) return setMessage(t("errorGeneric"));
    setComparison(res.data);
  }

  async function exportCsv() {
    const res = await api.compareCsv(body());
    if (res.ok) downloadBlob(res.data.blob, res.data.name);
  }

  const shown = comparison?.groups.filter((g) => g.shares) ?? [];
  const rows = CHALLENGES.map((c) => ({ label: c.label[language], ...Object.fromEntries(shown.map((g) => [g.sessionId, g.shares?.[c.id] ?? 0])) }));

  return (
    <main className="compare" data-testid="compare">
      <p>
        <Link href="/">{t("backHome")}</Link>
      </p>
      <h1>{t("compareTitle")}</h1>
      <p>{t("compareIntro")}</p>
      <fieldset className="card">
        <legend>{t("mySessions")}</legend>
        <ul className="compare__pick">
          {sessions.map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="checkbox"
                  checked={picked.has(s.id)}
                  onChange={(e) =>
                    setPicked((p) => {
                      const next = new Set(p);
                      if (e.target.checked) next.add(s.id);
                      else next.delete(s.id);
                      return next;
                    })
                  }
                />
                {s.title || s.id} <span className="hint">({new Date(s.createdAt).toLocaleDateString()})</span>
              </label>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--primary" onClick={() => void run()}>
          {t("compareRun")}
        </button>
      </fieldset>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      {comparison ? (
        <section aria-label={t("compareTitle")}>
          {shown.length > 0 ? <CompareChart rows={rows} series={shown.map((g) => ({ key: g.sessionId, name: `${g.title} (n = ${g.respondents})` }))} /> : null}
          <table className="report">
            <thead>
              <tr>
                <th scope="col">{t("chartTitle")}</th>
                {comparison.groups.map((g) => (
                  <th key={g.sessionId} scope="col" className="num">
                    {g.title} (n = {g.respondents})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CHALLENGES.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.label[language]}</th>
                  {comparison.groups.map((g) => (
                    <td key={g.sessionId} className="num" data-testid={`compare-${g.sessionId}-${c.id}`}>
                      {g.shares ? formatPercent(language, g.shares[c.id] ?? 0) : "–"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.groups
            .filter((g) => !g.shares)
            .map((g) => (
              <p key={g.sessionId} className="notice" data-testid="withheld">
                {g.title}: {g.withheld === "not_asked" ? t("notAsked") : t("tooFew", { k: comparison.minGroupSize })}
              </p>
            ))}
          <button type="button" className="button" onClick={() => void exportCsv()} data-testid="compare-csv">
            {t("compareExport")}
          </button>
        </section>
      ) : null}
    </main>
  );
}
