"use client";
/**
 * A question's results while the room is split by a grouping question: the split chart, or (when no group may be
 * shown on its own) the plain chart of everyone with the reason under it. The console and the screen use this.
 */
import type { ReactNode } from "react";
import type { Language, MessageKey } from "@/lib/i18n";
import { dotsCount, dotsWord } from "@/lib/messages/dots";
import { splitWord } from "@/lib/messages/split";
import { splitNotes, type SplitView } from "@/lib/poll/split-rows";
import type { QuestionKind } from "@/lib/protocol";
import { SplitChart } from "./split-chart";

export interface SplitResultsProps {
  view: SplitView;
  kind: QuestionKind;
  /** Everyone who answered. */
  respondents: number;
  /** The plain chart of everyone, drawn when no group may be shown on its own. */
  plain: ReactNode;
  size: "screen" | "compact";
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** The nine challenges keep their own chart title. */
  challenges?: boolean;
  numbers?: ReadonlyMap<string, number>;
  fontSize?: number;
  secondLanguage?: Language;
  animate?: boolean;
  /** A ranking: how its points are counted ("Borda: 1st place = 3 points, …"). */
  explanation?: string;
  /** What the series are, instead of "By group: …" (rounds of a vote again). */
  byLabel?: string;
}

export function SplitResults({ view, kind, respondents, plain, size, language, t, challenges = false, numbers, fontSize, secondLanguage, animate, explanation, byLabel }: SplitResultsProps) {
  const notes = splitNotes(language, view);
  if (view.series.length === 0) {
    return (
      <>
        {plain}
        <div className="split-notes">
          {notes.map((note) => (
            <p key={note} className="split-chart__note" data-testid="split-note">
              {note}
            </p>
          ))}
        </div>
      </>
    );
  }
  const ranking = kind === "ranking";
  const dots = kind === "dots";
  const title = challenges ? t("chartTitle") : kind === "scale" ? t("scaleTitle") : ranking ? t("rankingTitle") : dots ? dotsWord(language, "dotsTitle") : t("choiceTitle");
  const caption = challenges ? t("chartCaption") : ranking ? t("rankingCaption") : dots ? dotsWord(language, "dotsCaption") : t("choiceCaption");
  return (
    <SplitChart
      view={view}
      measure={ranking || dots ? "points" : "share"}
      // A dot vote turns over with every few ballots: its rows jump to their place, as in its plain ranking.
      slide={!dots}
      size={size}
      fontSize={fontSize}
      language={language}
      title={title}
      caption={caption}
      respondents={respondents}
      notes={notes}
      explanation={ranking ? explanation : undefined}
      labels={{
        splitBy: byLabel ?? splitWord(language, "splitBy", { prompt: view.by.prompt }),
        group: splitWord(language, "group"),
        // A dot vote's bars carry the group's dots ("4 stippen"), a ranking's its points.
        points: (n) => (dots ? dotsCount(language, n) : t("pointsShort", { n })),
        mean: (mean) => splitWord(language, "mean", { mean }),
      }}
      numbers={numbers}
      secondLanguage={secondLanguage}
      animate={animate}
    />
  );
}
