"use client";
/** The results of a question of any kind, as the screen, the console or a phone draws them. */
import { lazy, memo, Suspense } from "react";
import type { Language, MessageKey } from "@/lib/i18n";
import { challengeNumbers, chartRows } from "@/lib/poll/chart-rows";
import { withAboutNotes } from "@/lib/poll/dot-notes";
import { dotRows } from "@/lib/poll/dots-rows";
import { dotsCount, dotsWord } from "@/lib/messages/dots";
import { visibleAnswersNewestFirst } from "@/lib/poll/open-answers";
import { bordaExplanation, bordaTop, rankingRows } from "@/lib/poll/ranking-rows";
import { scaleRows } from "@/lib/poll/scale-rows";
import type { OptionView, QuestionKind, Results, ScaleSettings } from "@/lib/protocol";
import { DEFAULT_SCALE } from "@/lib/protocol-constants";
import { OpenAnswers } from "./open-answers";
import { ResultsChart } from "./results-chart";
import { ResultsDots } from "./results-dots";
import { ResultsRanking } from "./results-ranking";
import { ResultsScale } from "./results-scale";
import { voiceWord } from "@/lib/messages/voices";

/** The word cloud and its layout library load only when a word cloud is shown. */
const WordCloud = lazy(() => import("./word-cloud").then((m) => ({ default: m.WordCloud })));

export interface QuestionResultsProps {
  kind: QuestionKind;
  /** Options in the reader's language(s), in the question's order. */
  options: OptionView[];
  scale?: ScaleSettings;
  maxChoices: number | null;
  results: Results | undefined;
  size: "screen" | "compact";
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** The nine challenges keep their own chart title ("Collaboration challenges recognised"). */
  challenges?: boolean;
  sortByShare?: boolean;
  animate?: boolean;
  fontSize?: number;
  /** Most open answers shown at once. */
  openLimit?: number;
  /** A bilingual screen: the options in its second language, drawn under the first. */
  secondOptions?: OptionView[];
  secondLanguage?: Language;
}

/**
 * The results of a question of any kind, drawn the way that kind reads best. Memoised: a page that re-renders for
 * something else (a key, the mouse) does not draw the chart again.
 */
export const QuestionResults = memo(function QuestionResults({ kind, options, scale, maxChoices, results, size, language, t, challenges = false, sortByShare = false, animate = true, fontSize, openLimit, secondOptions, secondLanguage }: QuestionResultsProps) {
  const respondents = results?.respondents ?? 0;
  // On the screen a challenge carries its number from the article: the key that opens its discussion card.
  const numbers = challenges && size === "screen" ? challengeNumbers(options) : undefined;
  switch (kind) {
    case "single":
    case "multiple":
      return (
        <ResultsChart
          rows={chartRows(options, results, sortByShare, secondOptions)}
          respondents={respondents}
          size={size}
          title={challenges ? t("chartTitle") : t("choiceTitle")}
          caption={challenges ? t("chartCaption") : t("choiceCaption")}
          respondentsLabel={t("respondents")}
          language={language}
          animate={animate}
          fontSize={fontSize}
          numbers={numbers}
          secondLanguage={secondLanguage}
        />
      );
    case "scale":
      return (
        <ResultsScale
          rows={scaleRows(scale ?? DEFAULT_SCALE, results)}
          respondents={respondents}
          mean={results?.mean}
          scale={scale ?? DEFAULT_SCALE}
          size={size}
          title={t("scaleTitle")}
          caption={t("scaleCaption")}
          respondentsLabel={t("respondents")}
          meanLabel={t("meanLabel")}
          noMeanLabel={t("noAnswersYet")}
          valueHeader={t("scaleValueHeader")}
          language={language}
          animate={animate}
          fontSize={fontSize}
        />
      );
    case "ranking":
      return (
        <ResultsRanking
          rows={rankingRows(options, results, secondOptions)}
          respondents={respondents}
          size={size}
          title={t("rankingTitle")}
          caption={t("rankingCaption")}
          explanation={bordaExplanation(language, bordaTop(maxChoices, options.length))}
          respondentsLabel={t("respondents")}
          optionHeader={t("optionHeader")}
          pointsHeader={t("pointsHeader")}
          rankedByHeader={t("rankedByHeader")}
          pointsShort={(n) => t("pointsShort", { n })}
          animate={animate}
          fontSize={fontSize}
          numbers={numbers}
          secondLanguage={secondLanguage}
        />
      );
    case "dots":
      return (
        <ResultsDots
          rows={withAboutNotes(dotRows(options, results, secondOptions), options, secondOptions)}
          respondents={respondents}
          size={size}
          title={dotsWord(language, "dotsTitle")}
          caption={dotsWord(language, "dotsCaption")}
          respondentsLabel={t("respondents")}
          optionHeader={t("optionHeader")}
          totalText={(n) => dotsWord(language, "dotsTotal", { n })}
          dotsText={(n) => dotsCount(language, n)}
          animate={animate}
          fontSize={fontSize}
          secondLanguage={secondLanguage}
        />
      );
    case "words":
      return (
        <Suspense fallback={<div className="word-cloud word-cloud--loading" aria-busy="true" />}>
          {/* Screens and phones never get a hidden word; the word cloud is for screen and console only. */}
          <WordCloud
            words={results?.words ?? []}
            language={language}
            maxFont={size === "screen" ? Math.round((fontSize ?? 28) * 3.2) : 44}
            caption={t("wordsCaption")}
            empty={voiceWord(language, "wordsNone")}
            animate={animate}
          />
        </Suspense>
      );
    case "open":
      return (
        <OpenAnswers
          answers={visibleAnswersNewestFirst(results?.answers)}
          respondents={respondents}
          size={size}
          title={t("openTitle")}
          emptyText={t("openNone")}
          limit={openLimit}
          moreLabel={(n) => t("openMore", { n })}
        />
      );
  }
});
