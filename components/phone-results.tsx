"use client";
import { useEffect } from "react";
import { isChallengeQuestion } from "@/lib/challenge-questions";
import type { Language, MessageKey } from "@/lib/i18n";
import { chartRows } from "@/lib/poll/chart-rows";
import { openSummary, rankingSummary, scaleSummary } from "@/lib/poll/kind-summary";
import { visibleAnswersNewestFirst } from "@/lib/poll/open-answers";
import { rankingRows } from "@/lib/poll/ranking-rows";
import { scaleRows } from "@/lib/poll/scale-rows";
import { resultsSummary } from "@/lib/poll/summary";
import type { OptionView, QuestionView, Results } from "@/lib/protocol";
import { DEFAULT_SCALE } from "@/lib/protocol-constants";
import { QuestionResults } from "./question-results";

export interface PhoneResultsProps {
  question: QuestionView;
  /** In the phone's language. */
  options: OptionView[];
  results: Results;
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
  }
}

/**
 * Results as a phone shows them once the facilitator opens them up. Loaded on demand, with the charts, so the
 * ballot's first load carries none of this.
 */
export function PhoneResults({ question, options, results, language, t, animate, onSummary }: PhoneResultsProps) {
  const summary = summaryOf(language, question, options, results);
  useEffect(() => onSummary(summary), [summary, onSummary]);
  return (
    <section className="phone__results" aria-label={t("resultsTitle")}>
      <QuestionResults
        kind={question.kind}
        options={options}
        scale={question.scale}
        maxChoices={question.maxChoices}
        results={results}
        size="compact"
        language={language}
        t={t}
        challenges={isChallengeQuestion(question)}
        animate={animate}
      />
    </section>
  );
}
