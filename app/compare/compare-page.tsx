"use client";
import { EXPORT_MESSAGES } from "@/lib/messages/exports";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import { ExportChoices } from "@/components/export-choices";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import "../home.css";
import { CompareChart } from "@/components/compare-chart";
import { LanguageSwitch } from "@/components/language-switch";
import { api } from "@/lib/client/api-client";
import { downloadBlob } from "@/lib/client/download";
import { knownSessions, storedHostKey, type KnownSession } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { summaryOf, useSessionSummaries } from "@/lib/client/use-session-summaries";
import { CHALLENGES } from "@/lib/challenges";
import { formatDateTime } from "@/lib/dates";
import { formatNumber, formatPercent } from "@/lib/i18n";
import { comparisonCsv } from "@/lib/poll/compare";
import type { CsvDialect } from "@/lib/poll/export";
import type { Comparison } from "@/lib/protocol";

/** Two or more sessions that asked the nine challenges, side by side; what is shown is what is exported. */
export function ComparePage() {
  const { language, choose, t } = useLanguage(undefined, REPORT_MESSAGES);
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  /** The comparison on the page: the export writes exactly this, never a new request. */
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setSessions(knownSessions()), []);
  const { summaries } = useSessionSummaries(sessions);

  async function run() {
    if (picked.size < 2) return setMessage(t("pickTwo"));
    setMessage(null);
    const res = await api.compare({ sessions: [...picked].map((id) => ({ id, hostKey: storedHostKey(id) ?? "" })), language });
    if (!res.ok) return setMessage(t("errorGeneric"));
    setComparison(res.data);
  }

  // The CSV is written here from the comparison on the page, so ticking other sessions afterwards cannot change it.
  function exportCsv(dialect: CsvDialect) {
    if (!comparison) return;
    const csv = comparisonCsv(comparison, language, dialect);
    downloadBlob(new Blob([csv], { type: "text/csv;charset=utf-8" }), dialect === "semicolon" ? "tafelronde-compare-semicolon.csv" : "tafelronde-compare.csv");
  }

  const visible = useMemo(() => comparison?.groups.filter((g) => g.shares) ?? [], [comparison]);
  const rows = CHALLENGES.map((c) => ({ label: c.label[language], ...Object.fromEntries(visible.map((g) => [g.sessionId, g.shares?.[c.id] ?? 0])) }));

  return (
    <main className="compare" data-testid="compare">
      <div className="compare__top">
        <Link href="/">{t("backHome")}</Link>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </div>
      <h1>{t("compareTitle")}</h1>
      <p>{t("compareIntro")}</p>
      <fieldset className="card compare__picker">
        <legend>{t("mySessions")}</legend>
        <ul className="compare__pick">
          {sessions.map((s) => {
            const summary = summaryOf(summaries[s.id]);
            const challenges = summary?.questions.find((q) => q.template === "nine-challenges");
            return (
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
                  <span>
                    {summary?.session.title || s.title || s.id}{" "}
                    <span className="hint">
                      (<time dateTime={summary?.createdAt ?? s.createdAt}>{formatDateTime(language, summary?.createdAt ?? s.createdAt)}</time>
                      {summary ? ` · ${challenges ? t("compareOnChallenges", { n: formatNumber(language, challenges.respondents) }) : t("notAsked")}` : null})
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <p className="hint">{t("compareThresholdBefore")}</p>
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
        <section aria-labelledby="comparison-heading" className="compare__result">
          <h2 id="comparison-heading">{t("chartTitle")}</h2>
          {visible.length > 0 ? <CompareChart rows={rows} series={visible.map((g) => ({ key: g.sessionId, name: `${g.title} (n = ${g.respondents})` }))} /> : null}
          <div className="compare__table">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("chartCaption")}</th>
                  {comparison.groups.map((g) => (
                    <th key={g.sessionId} scope="col" className="num">
                      {g.title} <span className="nowrap">(n = {formatNumber(language, g.respondents)})</span>
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
          </div>
          <div className="compare__privacy" data-testid="privacy-threshold">
            <p>{t("compareThreshold", { k: comparison.minGroupSize })}</p>
            {comparison.groups.some((g) => !g.shares) ? (
              <ul>
                {comparison.groups
                  .filter((g) => !g.shares)
                  .map((g) => (
                    <li key={g.sessionId} data-testid="withheld">
                      <strong>{g.title}</strong>:{" "}
                      {g.withheld === "not_asked" ? t("notAsked") : t("withheldTooFew", { n: formatNumber(language, g.respondents), k: comparison.minGroupSize })}
                    </li>
                  ))}
              </ul>
            ) : null}
          </div>
          <div className="compare__exports">
            <h3>{t("exportsTitle")}</h3>
            <p className="hint">{t("compareExportHint")}</p>
            <ExportChoices
              formats={["csv-semicolon", "csv"]}
              words={EXPORT_MESSAGES[language]}
              testId={(format) => `compare-${format}`}
              onDownload={(format) => exportCsv(format === "csv-semicolon" ? "semicolon" : "comma")}
            />
          </div>
        </section>
      ) : null}
    </main>
  );
}
