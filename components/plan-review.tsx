/**
 * The previous plan's progress as a measurement's room reviewed it: per action the question it was asked, the
 * verdict in words (in a border, never colour alone) with the answers per state, and one progress line for the plan.
 */
import { ACTION_STATE_WORDS } from "@/lib/action-wording";
import { formatNumber, type Language } from "@/lib/i18n";
import { REVIEW_OPTION_IDS } from "@/lib/poll/actions";
import type { ActionReview, PlanReview } from "@/lib/protocol";
import "./report-action-plan.css";

export interface PlanReviewProps {
  review: PlanReview;
  language: Language;
  minGroupSize: number;
  words: {
    title: string;
    intro: string;
    /** "1 van 2 gedaan, 0 onderweg, 1 nog niet gestart". */
    progress: (p: PlanReview["progress"]) => string;
    /** "1 zonder oordeel", after the progress when some action has no verdict. */
    unreviewed: (n: number) => string;
    noAnswers: string;
    withheld: (k: number) => string;
    /** "n = 3". */
    answers: (n: number) => string;
  };
}

export function PlanReviewSection({ review, language, minGroupSize, words: w }: PlanReviewProps) {
  const { progress } = review;
  const verdictOf = (r: ActionReview) => (r.verdict ? ACTION_STATE_WORDS[r.verdict].label[language] : r.counts === null && r.respondents > 0 ? w.withheld(minGroupSize) : w.noAnswers);
  return (
    <section id="plan-review" className="plan-review" aria-labelledby="plan-review-heading" data-testid="report-plan-review">
      <h2 id="plan-review-heading">{w.title}</h2>
      <p className="hint">{w.intro}</p>
      <p className="plan-review__progress" data-testid="plan-progress">
        {w.progress(progress)}
        {progress.unreviewed > 0 ? `, ${w.unreviewed(progress.unreviewed)}` : null}
      </p>
      <ol className="plan-review__list" role="list">
        {review.reviews.map((r) => (
          <li key={r.questionId} className="plan-review__item" data-verdict={r.verdict ?? "none"} data-action-id={r.actionId}>
            <p className="plan-review__prompt">{r.prompt}</p>
            <p className="plan-review__result">
              <strong className="plan-review__verdict">{verdictOf(r)}</strong>
              {/* A colon read aloud and copied, so the verdict never runs into the counts. */}
              {r.counts ? <span className="visually-hidden">: </span> : null}
              {r.counts ? (
                <span className="plan-review__counts">
                  {REVIEW_OPTION_IDS.map((state) => `${ACTION_STATE_WORDS[state].label[language]} ${formatNumber(language, r.counts?.[state] ?? 0)}`).join(" · ")}
                  {" "}({w.answers(r.respondents)})
                </span>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
