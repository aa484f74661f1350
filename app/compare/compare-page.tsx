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
import { comparisonColumns, comparisonCsv } from "@/lib/poll/compare";
import type { CsvDialect } from "@/lib/poll/export";
import type { Comparison, Language } from "@/lib/protocol";

/** Two or more sessions that asked the nine challenges, side by side; what is shown is what is exported. */
export function ComparePage() {
  const { language, choose, t } = useLanguage(undefined, REPORT_MESSAGES);
  const [sessions, setSessions] = useState<KnownSession[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  /** The comparison on the page: the export writes exactly this, never a new request. */
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** A grouping question to compare per group too: its template id or its prompt; "" for none. */
  const [groupBy, setGroupBy] = useState("");
  /** The prompt of the grouping question the comparison on the page was made per. */
  const [comparedBy, setComparedBy] = useState("");
  useEffect(() => setSessions(knownSessions()), []);
  const { summaries } = useSessionSummaries(sessions);
  // The grouping questions of the picked sessions, by the key the server matches them on.
  const groupings = useMemo(() => {
    const found = new Map<string, string>();
    for (const id of picked) {
      for (const q of summaryOf(summaries[id])?.questions ?? []) if (q.grouping) found.set(q.template ?? q.prompt, q.prompt);
    }
    return [...found];
  }, [picked, summaries]);

  async function run() {
    if (picked.size < 2) return setMessage(t("pickTwo"));
    setMessage(null);
    const by = groupings.find(([key]) => key === groupBy);
    const res = await api.compare({ sessions: [...picked].map((id) => ({ id, hostKey: storedHostKey(id) ?? "" })), language, ...(by ? { groupBy: by[0] } : {}) });
    setComparedBy(by?.[1] ?? "");
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
        {groupings.length > 0 ? (
          <p className="compare__group-by">
            <label htmlFor="compare-group-by">{t("compareGroupBy")}</label>
            <select id="compare-group-by" className="input" value={groupBy} onChange={(e) => setGroupBy(e.target.value)} data-testid="compare-group-by">
                <option value="">{t("compareGroupByNone")}</option>
                {groupings.map(([key, prompt]) => (
                  <option key={key} value={key}>
                    {prompt}
                  </option>
                ))}
            </select>
          </p>
        ) : null}
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
          {/* Scrolls sideways on a phone: reachable and named for the keyboard. */}
          <div className="compare__table" tabIndex={0} role="region" aria-labelledby="comparison-heading">
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
          {comparison.groups.some((g) => g.byGroup !== undefined) ? <ByGroup comparison={comparison} prompt={comparedBy} language={language} t={t} /> : null}
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

type T = ReturnType<typeof useLanguage>["t"];

/** The nine challenges per session and group, exactly the columns the CSV holds; small groups only together. */
function ByGroup({ comparison, prompt, language, t }: { comparison: Comparison; prompt: string; language: Language; t: T }) {
  // The sessions' own columns are in the table above; these are the columns per session and group.
  const sessions = new Set(comparison.groups.map((g) => g.sessionId));
  const columns = comparisonColumns(comparison, language).filter((c) => c.shares && !sessions.has(c.key));
  return (
    <section className="compare__by-group" aria-labelledby="by-group-heading" data-testid="compare-by-group">
      <h3 id="by-group-heading">{t("compareByGroupTitle", { prompt })}</h3>
      <p className="hint">{t("compareByGroupHint", { k: comparison.minGroupSize })}</p>
      {columns.length > 0 ? (
        <div className="compare__table" tabIndex={0} role="region" aria-labelledby="by-group-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("chartCaption")}</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {c.heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CHALLENGES.map((ch) => (
                <tr key={ch.id}>
                  <th scope="row">{ch.label[language]}</th>
                  {columns.map((c) => (
                    <td key={c.key} className="num" data-testid={`compare-group-${c.key}-${ch.id}`}>
                      {formatPercent(language, c.shares?.[ch.id] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ul>
        {comparison.groups.map((g) =>
          g.byGroup === null ? (
            <li key={g.sessionId}>{t("compareNoGroupQuestion", { title: g.title })}</li>
          ) : g.byGroup && g.byGroup.withheld.length > 0 ? (
            <li key={g.sessionId} data-testid="compare-withheld-groups">
              {t("compareWithheldGroups", { title: g.title, groups: g.byGroup.withheld.join(", ") })}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
