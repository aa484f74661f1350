"use client";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import { useEffect, useState } from "react";
import "../../../home.css";
import { CooccurrenceHeatmap } from "@/components/cooccurrence-heatmap";
import { ReportBars } from "@/components/report-bars";
import { api } from "@/lib/client/api-client";
import { downloadBlob, svgToPngBlob } from "@/lib/client/download";
import { hostKeyFor } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { formatNumber, LOCALES, type MessageKey } from "@/lib/i18n";
import { reportBars } from "@/lib/poll/report-rows";
import type { QuestionKind, ReportData, ReportQuestion } from "@/lib/protocol";

const KIND_LABEL: Record<QuestionKind, MessageKey> = {
  single: "kindSingle",
  multiple: "kindMultiple",
  scale: "kindScale",
  ranking: "kindRanking",
  open: "kindOpen",
};

/** The printable report: title, date, n, each question with its chart and table, the co-occurrence heatmap. */
export function ReportPage({ sessionId }: { sessionId: string }) {
  const [report, setReport] = useState<ReportData | null>(null);
  const [hostKey, setHostKey] = useState<string | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const { language, t } = useLanguage(report?.session.language, REPORT_MESSAGES);

  useEffect(() => {
    const key = hostKeyFor(sessionId);
    if (!key) return setProblem("noKeyReport");
    setHostKey(key);
    void api.report(sessionId, key).then((res) => {
      if (!res.ok) return setProblem(res.status === 403 ? "wrongKey" : "errorGeneric");
      setReport(res.data);
    });
  }, [sessionId]);

  if (problem) {
    return (
      <main className="report">
        <p className="error" role="alert">
          {t(problem)}
        </p>
      </main>
    );
  }
  if (!report) {
    return (
      <main className="report">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const n = Math.max(0, ...report.questions.map((q) => q.results.respondents));
  const dateFormat = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "long", timeStyle: "short" });

  async function exportXlsx() {
    if (!hostKey) return;
    const res = await api.exportFile(sessionId, hostKey, "xlsx");
    if (res.ok) downloadBlob(res.data.blob, res.data.name);
  }

  return (
    <main className="report" data-testid="report">
      <header className="report__head">
        <div>
          <p className="eyebrow">{t("reportTitle")}</p>
          <h1>{report.session.title}</h1>
          <p className="report__meta">
            {t("reportDate")}: {dateFormat.format(new Date(report.createdAt))} · n = {formatNumber(language, n)} · {t("reportExported")}{" "}
            {dateFormat.format(new Date(report.exportedAt))}
          </p>
        </div>
        <div className="report__actions">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t("print")}
          </button>
          <button type="button" className="button" onClick={() => void exportXlsx()} data-testid="report-xlsx">
            {t("downloadXlsx")}
          </button>
        </div>
      </header>
      {report.questions.map((q, index) => (
        <QuestionSection key={q.question.id} index={index} item={q} minGroupSize={report.minGroupSize} t={t} language={language} />
      ))}
    </main>
  );
}

function QuestionSection({
  index,
  item,
  minGroupSize,
  t,
  language,
}: {
  index: number;
  item: ReportQuestion;
  minGroupSize: number;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  language: ReturnType<typeof useLanguage>["language"];
}) {
  const { question, results } = item;
  const bars = reportBars(language, question, results);
  const chartId = `chart-${question.id}`;
  const fileBase = `${index + 1}-${question.kind}`;
  const svg = () => document.getElementById(chartId) as SVGSVGElement | null;
  const k = question.maxChoices ?? question.options.length;
  return (
    <section className="report__question" aria-labelledby={`q-${question.id}`} data-question-kind={question.kind}>
      <h2 id={`q-${question.id}`}>
        {index + 1}. {question.prompt}
      </h2>
      <p className="report__kind">
        {t(KIND_LABEL[question.kind])} · n = {results.respondents}
        {question.kind === "scale" && results.mean != null ? ` · ${t("mean")} ${formatNumber(language, results.mean)}` : null}
      </p>
      {question.kind === "ranking" ? <p className="hint">{t("bordaExplained", { k, k1: k - 1 })}</p> : null}
      {bars.length > 0 ? (
        <>
          <ReportBars id={chartId} rows={bars} title={question.prompt} />
          <div className="report__actions">
            <button type="button" className="button button--quiet" onClick={() => { const el = svg(); if (el) downloadBlob(new Blob([new XMLSerializer().serializeToString(el)], { type: "image/svg+xml" }), `${fileBase}.svg`); }}>
              {t("downloadSvg")}
            </button>
            <button type="button" className="button button--quiet" onClick={() => { const el = svg(); if (el) void svgToPngBlob(el).then((png) => downloadBlob(png, `${fileBase}.png`)); }}>
              {t("downloadPng")}
            </button>
          </div>
          <table>
            <tbody>
              {bars.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.label}</th>
                  <td className="num">{b.display}{question.kind === "ranking" ? ` ${t("points")}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {question.kind === "open" ? (
        <>
          <p>{t("answersCount", { n: results.answers?.length ?? 0 })}</p>
          <ul className="open-list">
            {(results.answers ?? []).map((a) => (
              <li key={a.id}>
                {a.text}
                {a.hidden ? <span className="hint"> ({t("hiddenOnScreen")})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {question.kind === "multiple" ? (
        <>
          <h3>{t("cooccurrenceTitle")}</h3>
          {item.cooccurrence ? (
            <>
              <p className="hint">{t("cooccurrenceIntro")}</p>
              <CooccurrenceHeatmap options={question.options} matrix={item.cooccurrence} caption={t("cooccurrenceTitle")} />
            </>
          ) : (
            <p className="notice" data-testid="too-few">
              {t("tooFew", { k: minGroupSize })}
            </p>
          )}
        </>
      ) : null}
    </section>
  );
}
