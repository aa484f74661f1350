"use client";
/** A network over time: the nine challenges at each measurement with its n, and the change; what is shown is what is exported. */
import Link from "next/link";
import { useEffect, useState } from "react";
import "../../home.css";
import { CompareChart } from "@/components/compare-chart";
import { TrendTable } from "@/components/trend-table";
import { ExportChoices } from "@/components/export-choices";
import { LanguageSwitch } from "@/components/language-switch";
import { api } from "@/lib/client/api-client";
import { downloadBlob } from "@/lib/client/download";
import { knownSessions, storedHostKey } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { CHALLENGES } from "@/lib/challenges";
import { formatNumber } from "@/lib/i18n";
import { EXPORT_MESSAGES } from "@/lib/messages/exports";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import { trendCsv } from "@/lib/poll/trend";
import type { NetworkTrend } from "@/lib/protocol";

/** The host keys this browser holds, the session the page was opened from first: any measurement's key opens the trend. */
function candidateKeys(): string[] {
  const from = new URLSearchParams(window.location.search).get("from");
  const ids = [...(from ? [from] : []), ...knownSessions().map((s) => s.id)];
  return [...new Set(ids)].flatMap((id) => storedHostKey(id) ?? []);
}

export function TrendPage({ networkId }: { networkId: string }) {
  const { language, choose, t } = useLanguage(undefined, REPORT_MESSAGES);
  const [trend, setTrend] = useState<NetworkTrend | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      for (const key of candidateKeys()) {
        const res = await api.trend(networkId, key);
        if (cancelled) return;
        if (res.ok) return setTrend(res.data);
      }
      setMissing(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [networkId]);

  if (missing) {
    return (
      <main className="compare">
        <p className="error" role="alert">
          {t("trendNoKey")}
        </p>
        <Link href="/">{t("backHome")}</Link>
      </main>
    );
  }
  if (!trend) {
    return (
      <main className="compare">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const shown = trend.measurements.filter((m) => m.shares);
  const rows = CHALLENGES.map((c) => ({ label: c.label[language], ...Object.fromEntries(shown.map((m) => [m.sessionId, m.shares?.[c.id] ?? 0])) }));
  const change = trend.change;
  return (
    <main className="compare" data-testid="trend">
      <div className="compare__top">
        <Link href="/">{t("backHome")}</Link>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
      </div>
      <h1>{trend.network.name}</h1>
      <p className="eyebrow">{t("trendTitle")}</p>
      <p>{t("trendIntro", { network: trend.network.name })}</p>
      <section aria-labelledby="trend-heading" className="compare__result">
        <h2 id="trend-heading">{t("chartTitle")}</h2>
        {shown.length > 0 ? <CompareChart rows={rows} series={shown.map((m) => ({ key: m.sessionId, name: `${t("trendMeasurement", { n: m.measurement })} (n = ${m.respondents})` }))} /> : null}
        <TrendTable
          trend={trend}
          language={language}
          labelledBy="trend-heading"
          words={{ caption: t("chartCaption"), measurement: (n) => t("trendMeasurement", { n }), change: (from, to) => t("trendChange", { from, to }) }}
        />
        {change ? null : <p className="hint">{t("trendNoChange")}</p>}
        <div className="compare__privacy" data-testid="privacy-threshold">
          <p>{t("trendThreshold", { k: trend.minGroupSize })}</p>
          {trend.measurements.some((m) => !m.shares) ? (
            <ul>
              {trend.measurements
                .filter((m) => !m.shares)
                .map((m) => (
                  <li key={m.sessionId} data-testid="withheld">
                    <strong>{t("trendMeasurement", { n: m.measurement })}</strong>:{" "}
                    {m.withheld === "not_asked" ? t("notAsked") : t("withheldTooFew", { n: formatNumber(language, m.respondents), k: trend.minGroupSize })}
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
        <div className="compare__exports">
          <h3>{t("exportsTitle")}</h3>
          <ExportChoices
            formats={["csv-semicolon", "csv"]}
            words={EXPORT_MESSAGES[language]}
            testId={(format) => `trend-${format}`}
            onDownload={(format) => {
              const dialect = format === "csv-semicolon" ? "semicolon" : "comma";
              downloadBlob(new Blob([trendCsv(trend, language, dialect)], { type: "text/csv;charset=utf-8" }), dialect === "semicolon" ? "tafelronde-trend-semicolon.csv" : "tafelronde-trend.csv");
            }}
          />
        </div>
      </section>
    </main>
  );
}
