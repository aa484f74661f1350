"use client";
import { useEffect, useId } from "react";
import { isChallengeQuestion } from "@/lib/challenge-questions";
import { formatNumber, formatPercent, type Language, type MessageKey } from "@/lib/i18n";
import { chartRows } from "@/lib/poll/chart-rows";
import { dotRows, dotsSummary, totalDots } from "@/lib/poll/dots-rows";
import { dotsCount, dotsWord } from "@/lib/messages/dots";
import { openSummary, rankingSummary, scaleSummary, wordsSummary } from "@/lib/poll/kind-summary";
import { visibleAnswersNewestFirst } from "@/lib/poll/open-answers";
import { bordaExplanation, bordaTop, rankingRows } from "@/lib/poll/ranking-rows";
import { formatMean, scaleRows } from "@/lib/poll/scale-rows";
import { wordKey } from "@/lib/poll/words";
import { resultsSummary } from "@/lib/poll/summary";
import type { Answer, OptionView, QuestionView, Results } from "@/lib/protocol";
import { DEFAULT_SCALE } from "@/lib/protocol-constants";
import { PhoneBars } from "./phone-bars";

export interface PhoneResultsProps {
  question: QuestionView;
  /** In the phone's language. */
  options: OptionView[];
  results: Results;
  /** The participant's own counted answer, marked in the results. */
  mine?: Answer;
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  animate: boolean;
  /** The results in one sentence, for the page's live region (which must exist before this loads). */
  onSummary: (text: string) => void;
}

/** The live region's sentence for the results the phone shows. */
function summaryOf(language: Language, question: QuestionView, options: OptionView[], results: Results): string {
  switch (question.kind) {
    case "single":
    case "multiple":
      return resultsSummary(language, chartRows(options, results, false), results.respondents);
    case "scale":
      return scaleSummary(language, scaleRows(question.scale ?? DEFAULT_SCALE, results), results.mean, results.respondents);
    case "ranking":
      return rankingSummary(language, rankingRows(options, results), results.respondents);
    case "open":
      return openSummary(language, visibleAnswersNewestFirst(results.answers).length);
    case "words":
      return wordsSummary(language, results.words ?? [], results.respondents);
    case "dots":
      return dotsSummary(language, dotRows(options, results), results.respondents);
  }
}


/**
 * Results as a phone shows them once the facilitator opens them up, laid out for a narrow screen (not the
 * projector's chart made smaller). Loaded on demand, so the ballot's first load carries none of this.
 */
export function PhoneResults({ question, options, results, mine, language, t, animate, onSummary }: PhoneResultsProps) {
  // Ids of this instance: the results page for participants shows several questions' results at once.
  const uid = useId();
  const CAPTION_ID = `${uid}-caption`;
  const summary = summaryOf(language, question, options, results);
  const picked = new Set(Array.isArray(mine) ? mine : typeof mine === "number" ? [String(mine)] : []);
  const mark = (id: string) => (picked.has(id) ? t("yourChoice") : undefined);
  useEffect(() => onSummary(summary), [summary, onSummary]);

  function body() {
    switch (question.kind) {
      case "single":
      case "multiple": {
        const rows = chartRows(options, results, false);
        return (
          <>
            <p className="phone-results__caption" id={CAPTION_ID}>
              {isChallengeQuestion(question) ? t("chartCaption") : t("choiceCaption")}
            </p>
            <PhoneBars
              describedBy={CAPTION_ID}
              animate={animate}
              bars={rows.map((r) => ({
                id: r.id,
                label: r.label,
                fill: r.share,
                value: formatPercent(language, r.share),
                count: r.count,
                mine: mark(r.id),
                valueTestId: `share-${r.id}`,
                countTestId: `count-${r.id}`,
              }))}
            />
          </>
        );
      }
      case "scale": {
        const scale = question.scale ?? DEFAULT_SCALE;
        const end = (v: number) => (v === scale.min ? scale.minLabel : v === scale.max ? scale.maxLabel : "");
        return (
          <>
            <p className="phone-results__mean" data-testid="mean">
              <span className="phone-results__mean-label">{t("meanLabel")}</span>{" "}
              <strong className="phone-results__mean-value">{results.mean == null ? t("noAnswersYet") : formatMean(language, results.mean)}</strong>{" "}
              <span className="phone-results__mean-range">{t("scaleRange", { min: scale.min, max: scale.max })}</span>
            </p>
            <p className="phone-results__caption" id={CAPTION_ID}>
              {t("choiceCaption")}
            </p>
            <PhoneBars
              describedBy={CAPTION_ID}
              animate={animate}
              bars={scaleRows(scale, results).map((r) => ({
                id: r.id,
                label: end(r.value) ? `${r.value} · ${end(r.value)}` : String(r.value),
                fill: r.share,
                value: formatPercent(language, r.share),
                count: r.count,
                mine: mark(r.id),
                valueTestId: `scale-share-${r.id}`,
                countTestId: `scale-count-${r.id}`,
              }))}
            />
          </>
        );
      }
      case "ranking": {
        const rows = rankingRows(options, results);
        const top = Math.max(1, ...rows.map((r) => r.score));
        return (
          <>
            <p className="phone-results__caption" id={CAPTION_ID} data-testid="borda-explanation">
              {bordaExplanation(language, bordaTop(question.maxChoices, options.length))}
            </p>
            <PhoneBars
              ordered
              describedBy={CAPTION_ID}
              animate={animate}
              bars={rows.map((r) => ({
                id: r.id,
                label: r.label,
                fill: (r.score / top) * 100,
                value: t("pointsShort", { n: r.score }),
                note: t("rankedBy", { n: r.count }),
                valueTestId: `score-${r.id}`,
              }))}
            />
          </>
        );
      }
      case "dots": {
        // The room's ranking, most dots first; the options the participant put dots on are marked.
        const rows = dotRows(options, results);
        const top = Math.max(1, ...rows.map((r) => r.dots));
        return (
          <>
            <p className="phone-results__caption" id={CAPTION_ID}>
              {dotsWord(language, "dotsCaption")}. <span data-testid="dots-total">{dotsWord(language, "dotsTotal", { n: formatNumber(language, totalDots(rows)) })}</span>
            </p>
            <PhoneBars
              ordered
              describedBy={CAPTION_ID}
              animate={animate}
              bars={rows.map((r) => ({
                id: r.id,
                label: r.label,
                fill: (r.dots / top) * 100,
                value: dotsCount(language, r.dots),
                mine: mark(r.id),
                valueTestId: `dots-${r.id}`,
              }))}
            />
          </>
        );
      }
      case "words": {
        // No cloud on a phone (its layout stays out of the phone's bundle): the words as bars, most frequent first.
        const words = (results.words ?? []).slice(0, 15);
        const top = Math.max(1, ...words.map((w) => w.count));
        const own = new Set([...picked].map(wordKey));
        return (
          <>
            <p className="phone-results__caption" id={CAPTION_ID}>
              {t("wordsCaption")}
            </p>
            <PhoneBars
              ordered
              describedBy={CAPTION_ID}
              animate={animate}
              bars={words.map((w) => ({
                id: w.key,
                label: w.text,
                fill: (w.count / top) * 100,
                value: formatNumber(language, w.count),
                mine: own.has(w.key) ? t("yourChoice") : undefined,
                valueTestId: `word-count-${w.key}`,
              }))}
            />
          </>
        );
      }
      case "open": {
        const answers = visibleAnswersNewestFirst(results.answers);
        return answers.length === 0 ? (
          <p className="hint">{t("openNone")}</p>
        ) : (
          <ul className="phone-answers">
            {answers.map((a) => (
              <li key={a.id} className="phone-answer" data-testid="open-answer-card" data-answer-id={a.id}>
                {a.text}
              </li>
            ))}
          </ul>
        );
      }
    }
  }

  return (
    <section className="phone-results" aria-labelledby={`${uid}-title`} data-testid="phone-results">
      <div className="phone-results__head">
        <h2 id={`${uid}-title`} className="phone-results__title">
          {question.kind === "open" ? t("openTitle") : t("resultsTitle")}
        </h2>
        <p className="phone-results__n" data-testid="respondents">
          n = {results.respondents}
        </p>
      </div>
      <div data-testid="results-chart">{body()}</div>
    </section>
  );
}
