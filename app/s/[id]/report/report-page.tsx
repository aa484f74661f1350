"use client";
/**
 * The printable report of a session: its summary, each answered question's chart-table and its splits by group, the
 * questions from the floor with their votes, the previous plan's progress beside the network's trend, and the
 * session's action plan on a page of its own.
 */
import { EXPORT_MESSAGES } from "@/lib/messages/exports";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import { ExportChoices } from "@/components/export-choices";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import "../../../home.css";
import "./report.css";
import { CooccurrenceHeatmap } from "@/components/cooccurrence-heatmap";
import { LanguageSwitch } from "@/components/language-switch";
import { ReportBars } from "@/components/report-bars";
import { ActionPlanTable, actionPlanWords } from "@/components/report-action-plan";
import { PlanReviewSection, type PlanReviewProps } from "@/components/plan-review";
import { ReportFloor, type ReportFloorProps } from "@/components/report-floor";
import { TrendTable } from "@/components/trend-table";
import { ReportSplit } from "@/components/report-split";
import { api } from "@/lib/client/api-client";
import { downloadBlob, svgToPngBlob } from "@/lib/client/download";
import { hostKeyFor } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { formatDateTime } from "@/lib/dates";
import { formatNumber, LOCALES, type Language, type MessageKey } from "@/lib/i18n";
import { splitWord } from "@/lib/messages/split";
import { audienceLabels } from "@/lib/poll/audience";
import { barsSvg, leadingBars, reportBars, type BarRow } from "@/lib/poll/report-rows";
import { ROUND_NOW, roundId, roundsView } from "@/lib/poll/rounds";
import { visibleWords } from "@/lib/poll/words";
import { groupingWords, isEmptySplit, listOf, splitNotes, splitView, type SplitView } from "@/lib/poll/split-rows";
import { rewordQuestion } from "@/lib/question-wording";
import { QUESTION_TEMPLATES, TEMPLATE_WORDING } from "@/lib/templates";
import type { ExportFormat, QuestionKind, ReportData, ReportQuestion } from "@/lib/protocol";
import { LIMITS } from "@/lib/protocol-constants";
import { voiceWord } from "@/lib/messages/voices";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The word cloud and its layout library load only for a session with a word cloud. */
const WordCloud = lazy(() => import("@/components/word-cloud").then((m) => ({ default: m.WordCloud })));

/** A word cloud as the report shows it, with the cloud itself to download as SVG or PNG. */
function ReportCloud({ item, t, language, fileBase }: { item: ReportItem; t: T; language: Language; fileBase: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const text = () => (svg.current ? new XMLSerializer().serializeToString(svg.current) : "");
  return (
    <div className="report__cloud" data-testid="report-cloud">
      <Suspense fallback={<div className="word-cloud word-cloud--loading" aria-busy="true" />}>
        <WordCloud ref={svg} words={visibleWords(item.results.words ?? [])} language={language} maxFont={56} caption={t("wordsCaption")} empty={voiceWord(language, "wordsNone")} animate={false} />
      </Suspense>
      <div className="report__downloads no-print">
        <button type="button" className="button button--quiet" onClick={() => downloadBlob(new Blob([text()], { type: "image/svg+xml" }), `${fileBase}-cloud.svg`)} data-testid="cloud-svg">
          {t("downloadCloudSvg")}
        </button>
        <button type="button" className="button button--quiet" onClick={() => svg.current && void svgToPngBlob(svg.current).then((png) => downloadBlob(png, `${fileBase}-cloud.png`))} data-testid="cloud-png">
          {t("downloadCloudPng")}
        </button>
      </div>
    </div>
  );
}

const KIND_LABEL: Record<QuestionKind, MessageKey> = {
  single: "kindSingle",
  multiple: "kindMultiple",
  scale: "kindScale",
  ranking: "kindRanking",
  words: "kindWords",
  open: "kindOpen",
  dots: "kindDots",
};

/** One question as the report shows it: worded in the page's language, with its bars and number. */
interface ReportItem extends ReportQuestion {
  number: number;
  bars: BarRow[];
  /** "Alleen voor: Netwerkmanager" for a question of some groups. */
  audience: string | null;
  /** The results by each grouping question of the session, with what the notes under them say. */
  /** Rounds of a vote again first, then the splits by group, each with its title. */
  splitViews: { view: SplitView; notes: string[]; title: string; series: string }[];
}

/**
 * The printable report: a one-page summary first (date, respondents, the main result of every answered question),
 * then each answered question with one chart-table; questions nobody answered are folded into a list at the end.
 */
export function ReportPage({ sessionId }: { sessionId: string }) {
  const [report, setReport] = useState<ReportData | null>(null);
  const [hostKey, setHostKey] = useState<string | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const { language, choose, t } = useLanguage(report?.session.language, REPORT_MESSAGES);

  useEffect(() => {
    const key = hostKeyFor(sessionId);
    if (!key) return setProblem("noKeyReport");
    setHostKey(key);
    void api.report(sessionId, key).then((res) => {
      if (!res.ok) return setProblem(res.status === 403 ? "wrongKey" : "errorGeneric");
      setReport(res.data);
    });
  }, [sessionId]);

  const items = useMemo<ReportItem[]>(() => {
    // The grouping questions' answers, by which the report names whom a question was asked of.
    const groupings = (report?.questions ?? []).map(({ question: g }) => ({ id: g.id, template: g.template, groups: g.grouping ? g.options : undefined }));
    return (report?.questions ?? []).map((q, index) => {
      // Built-in questions follow the page's language; the facilitator's own stay as written.
      const question = rewordQuestion(q.question, language, TEMPLATE_WORDING);
      const groups = audienceLabels(question, groupings, language, TEMPLATE_WORDING, QUESTION_TEMPLATES);
      // A split by a grouping question nobody of this question answered says nothing: left out.
      // (A question whose own numbers are withheld has no group to show either: its splits are left out too.)
      const splitViews = (q.results.withheld ? [] : (q.splits ?? [])).filter((split) => !isEmptySplit(split)).flatMap((split) => {
        const view = splitView({
          kind: question.kind,
          options: question.options,
          scale: question.scale,
          results: { ...q.results, split },
          grouping: groupingWords(split.by, language, QUESTION_TEMPLATES),
          language,
        });
        return view ? [{ view, notes: splitNotes(language, view), title: splitWord(language, "splitBy", { prompt: view.by.prompt }), series: splitWord(language, "group") }] : [];
      });
      // Voted again: every round side by side (single and multiple choice), the shift to the last after each label.
      const rounds = q.rounds ?? [];
      const roundsChart =
        rounds.length > 0 && !q.results.withheld
          ? roundsView({
              kind: question.kind,
              options: question.options,
              results: q.results,
              earlier: rounds,
              words: {
                prompt: voiceWord(language, "roundsReport"),
                options: [...rounds.map((_, i) => ({ id: roundId(i), label: voiceWord(language, "roundNumber", { n: i + 1 }), description: "" })), { id: ROUND_NOW, label: voiceWord(language, "roundNumber", { n: rounds.length + 1 }), description: "" }],
              },
              language,
            })
          : null;
      if (roundsChart) splitViews.unshift({ view: roundsChart, notes: splitNotes(language, roundsChart), title: voiceWord(language, "roundsReport"), series: voiceWord(language, "roundColumn") });
      return {
        ...q,
        question,
        number: index + 1,
        // A question whose numbers are withheld has none to draw (its counts are empty, not zero).
        bars: q.results.withheld ? [] : reportBars(language, question, q.results),
        audience: groups === null ? null : splitWord(language, "onlyFor", { groups: listOf(language, groups) }),
        splitViews,
      };
    });
  }, [report, language]);

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
  const floor = report.floor ?? [];
  const actions = report.actions ?? [];
  const answered = items.filter((q) => q.results.respondents > 0);
  const unanswered = items.filter((q) => q.results.respondents === 0);
  const n = Math.max(0, ...items.map((q) => q.results.respondents));

  async function download(format: ExportFormat) {
    if (!hostKey) return;
    const res = await api.exportFile(sessionId, hostKey, format);
    if (res.ok) downloadBlob(res.data.blob, res.data.name);
  }

  return (
    <main className="report" data-testid="report">
      <header className="report__head">
        <div>
          <p className="eyebrow">{t("reportTitle")}</p>
          <h1>{report.session.title}</h1>
          <p className="report__meta">
            {t("reportExported")} <time dateTime={report.exportedAt}>{formatDateTime(language, report.exportedAt)}</time>
          </p>
        </div>
        <div className="report__tools no-print">
          <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} />
          <div className="report__actions">
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t("print")}
            </button>
            <a className="button" href="#exports">
              {t("exportsJump")}
            </a>
          </div>
        </div>
      </header>

      <section className="report__summary" aria-labelledby="summary-heading" data-testid="report-summary">
        <h2 id="summary-heading">{t("reportSummaryTitle")}</h2>
        <dl className="report__facts">
          <div>
            <dt>{t("reportDate")}</dt>
            <dd>
              <time dateTime={report.createdAt}>{formatDateTime(language, report.createdAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t("reportRespondents")}</dt>
            <dd>
              {formatNumber(language, n)} <span className="hint">({t("reportRespondentsHint")})</span>
            </dd>
          </div>
          <div>
            <dt>{t("reportQuestions")}</dt>
            <dd>{t("reportAnswered", { answered: answered.length, n: items.length })}</dd>
          </div>
          {floor.length > 0 ? (
            <div>
              <dt>{t("reportFloorTitle")}</dt>
              <dd>
                <a href="#floor">{t("reportFloorFacts", { n: formatNumber(language, floor.length), answered: formatNumber(language, floor.filter((q) => q.answered).length) })}</a>
              </dd>
            </div>
          ) : null}
          {actions.length > 0 ? (
            <div>
              <dt>{t("planTitle")}</dt>
              <dd>
                <a href="#plan">{actions.length === 1 ? t("planFactsOne") : t("planFactsN", { n: formatNumber(language, actions.length) })}</a>
              </dd>
            </div>
          ) : null}
        </dl>
        {items.length === 0 ? <p>{t("reportNoQuestions")}</p> : answered.length === 0 ? <p>{t("reportNobodyYet")}</p> : null}
        {answered.length > 0 ? (
          <table className="report__overview">
            <thead>
              <tr>
                <th scope="col">{t("reportQuestionColumn")}</th>
                <th scope="col" className="num">
                  n
                </th>
                <th scope="col">{t("reportKeyResult")}</th>
              </tr>
            </thead>
            <tbody>
              {answered.map((q) => (
                <tr key={q.question.id}>
                  <th scope="row">
                    <a href={`#q-${q.question.id}`}>
                      {q.number}. {q.question.prompt}
                    </a>
                  </th>
                  <td className="num">{formatNumber(language, q.results.respondents)}</td>
                  <td>{keyResult(q, language, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      {answered.length > 0 ? (
        <h2 className="report__part no-print">{t("reportDetails")}</h2>
      ) : null}
      {answered.map((q) => (
        <QuestionSection key={q.question.id} item={q} minGroupSize={report.minGroupSize} t={t} language={language} />
      ))}

      {unanswered.length > 0 ? (
        <details className="report__unanswered" data-testid="unanswered">
          <summary>{t("unansweredTitle", { n: unanswered.length })}</summary>
          <p>{t("unansweredIntro")}</p>
          <ul>
            {unanswered.map((q) => (
              <li key={q.question.id}>
                {q.number}. {q.question.prompt}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {floor.length > 0 ? <ReportFloor questions={floor} language={language} words={floorWords(language, t)} /> : null}
      {report.planReview || report.trend ? (
        // Looking back: the previous plan's progress right above the change in the challenges, printed together.
        <div className="report__lookback">
          {report.planReview ? <PlanReviewSection review={report.planReview} language={language} minGroupSize={report.minGroupSize} words={reviewWords(t)} /> : null}
          {report.trend ? (
            <section className="report__trend" aria-labelledby="trend-heading" data-testid="report-trend">
              <h2 id="trend-heading">{t("trendTitle")}</h2>
              <p>{t("trendIntro", { network: report.trend.network.name })}</p>
              <TrendTable
                trend={report.trend}
                language={language}
                labelledBy="trend-heading"
                words={{ caption: t("chartCaption"), measurement: (n) => t("trendMeasurement", { n }), change: (from, to) => t("trendChange", { from, to }) }}
              />
              {report.trend.change ? null : <p className="hint">{t("trendNoChange")}</p>}
              <p className="hint">{t("trendThreshold", { k: report.trend.minGroupSize })}</p>
            </section>
          ) : null}
        </div>
      ) : null}

      {actions.length > 0 ? (
        // Looking ahead: the plan on a page of its own, to hand out or pin up.
        <section id="plan" className="report__plan" aria-labelledby="plan-heading" data-testid="report-plan">
          <h2 id="plan-heading">{t("planTitle")}</h2>
          <p className="hint">{t("planIntro")}</p>
          <ActionPlanTable actions={actions} language={language} labelledBy="plan-heading" words={actionPlanWords(language, t)} />
        </section>
      ) : null}

      <section id="exports" className="report__exports no-print" aria-labelledby="exports-heading">
        <h2 id="exports-heading">{t("exportsTitle")}</h2>
        <ExportChoices
          formats={["xlsx", "csv-semicolon", "csv"]}
          words={EXPORT_MESSAGES[language]}
          testId={(format) => `report-${format}`}
          onDownload={(format) => void download(format)}
        />
      </section>
    </main>
  );
}

/** The words of the questions from the floor in the page's language. */
function floorWords(language: Language, t: T): ReportFloorProps["words"] {
  // French says "0 vote" and "1 vote": the plural rules of the language decide, not n === 1.
  const plural = new Intl.PluralRules(LOCALES[language]);
  return {
    title: t("reportFloorTitle"),
    intro: t("reportFloorIntro"),
    votes: (n) => t(plural.select(n) === "one" ? "reportFloorVote" : "reportFloorVotes"),
    anonymous: t("reportFloorAnonymous"),
    answered: t("reportFloorAnswered"),
    statuses: { pending: t("reportFloorPending"), hidden: t("reportFloorHidden") },
  };
}

/** The words of the previous plan's progress in the page's language. */
function reviewWords(t: T): PlanReviewProps["words"] {
  return {
    title: t("reviewTitle"),
    intro: t("reviewIntro"),
    progress: (p) => t("reviewProgress", { done: p.done, total: p.total, underWay: p.underWay, notStarted: p.notStarted }),
    unreviewed: (n) => t("reviewUnreviewed", { n }),
    noAnswers: t("reviewNoAnswers"),
    withheld: (k) => t("reviewWithheld", { k }),
    answers: (n) => t("reviewAnswers", { n }),
  };
}

/** The summary's one line for a question: its leading options, its mean, or how many answered. */
function keyResult(q: ReportItem, language: Language, t: T): string {
  const { question, results } = q;
  if (results.withheld) return splitWord(language, "tooFewTitle");
  if (question.kind === "open") return t("answersCount", { n: formatNumber(language, results.answers?.length ?? 0) });
  if (question.kind === "scale") {
    const scale = question.scale;
    if (results.mean == null || !scale) return "–";
    return t("meanOn", { mean: formatNumber(language, results.mean), min: scale.min, max: scale.max });
  }
  const lead = leadingBars(question, q.bars);
  if (lead.length === 0) return "–";
  const line = lead.map((b) => `${b.label}: ${b.display}`).join(" · ");
  return question.kind === "ranking" ? `${line} (${t("columnPoints")})` : question.kind === "dots" ? `${line} (${t("columnDots")})` : line;
}

function QuestionSection({ item, minGroupSize, t, language }: { item: ReportItem; minGroupSize: number; t: T; language: Language }) {
  const { question, results, bars } = item;
  const fileBase = `${item.number}-${question.kind}`;
  const k = question.maxChoices ?? question.options.length;
  const heading = `${item.number}. ${question.prompt}`;
  const svg = () => barsSvg(bars, heading);
  const labelHeading = question.kind === "scale" ? t("columnValue") : t("columnOption");
  const valueHeading = question.kind === "ranking" ? t("columnPoints") : question.kind === "dots" ? t("columnDots") : t("columnShare");
  return (
    <section className="report__question" id={`q-${question.id}`} aria-labelledby={`h-${question.id}`} data-question-kind={question.kind}>
      <h3 id={`h-${question.id}`}>{heading}</h3>
      <p className="report__kind">
        {t(KIND_LABEL[question.kind])} · n = {formatNumber(language, results.respondents)}
        {question.kind === "scale" && results.mean != null ? ` · ${t("mean")} ${formatNumber(language, results.mean)}` : null}
      </p>
      {item.audience ? (
        <p className="report__audience" data-testid="report-audience">
          {item.audience}
        </p>
      ) : null}
      {results.withheld ? (
        <div className="report__withheld" data-testid="report-withheld">
          <p className="report__withheld-title">{splitWord(language, "tooFewTitle")}</p>
          <p>{splitWord(language, "tooFew", { n: formatNumber(language, results.respondents), k: results.minGroupSize ?? minGroupSize })}</p>
        </div>
      ) : null}
      {question.kind === "words" && !results.withheld ? <ReportCloud item={item} t={t} language={language} fileBase={fileBase} /> : null}
      {question.kind === "ranking" && !results.withheld ? <p className="hint">{k === 1 ? t("bordaExplainedOne") : t("bordaExplained", { k, k1: k - 1 })}</p> : null}
      {question.kind === "dots" && !results.withheld ? (
        <p className="hint" data-testid="dots-explained">
          {t("dotsExplained", { k: question.maxChoices ?? LIMITS.dotBudget.default })}
        </p>
      ) : null}
      {bars.length > 0 ? (
        <>
          <ReportBars rows={bars} caption={heading} labelHeading={labelHeading} valueHeading={valueHeading} testId={`bars-${question.id}`} />
          <div className="report__downloads no-print">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => downloadBlob(new Blob([svg()], { type: "image/svg+xml" }), `${fileBase}.svg`)}
            >
              {t("downloadSvg")}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                const element = new DOMParser().parseFromString(svg(), "image/svg+xml").documentElement as unknown as SVGSVGElement;
                void svgToPngBlob(element).then((png) => downloadBlob(png, `${fileBase}.png`));
              }}
            >
              {t("downloadPng")}
            </button>
          </div>
        </>
      ) : null}
      {item.splitViews.map(({ view, notes, title, series }) => (
        <ReportSplit
          key={view.by.questionId}
          view={view}
          measure={question.kind === "ranking" || question.kind === "dots" ? "points" : "share"}
          language={language}
          notes={notes}
          labels={{
            title,
            row: labelHeading,
            group: series,
            value: valueHeading,
            points: (n) => formatNumber(language, n),
            mean: (mean) => splitWord(language, "mean", { mean }),
          }}
        />
      ))}
      {question.kind === "open" && !results.withheld ? (
        <>
          <p>{t("answersCount", { n: formatNumber(language, results.answers?.length ?? 0) })}</p>
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
      {question.kind === "multiple" && !results.withheld ? (
        <>
          <h4>{t("cooccurrenceTitle")}</h4>
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
