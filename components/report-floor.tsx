/**
 * The report's questions from the floor: every question in the room's order with its votes, who asked it (or
 * "anonymous"), whether it was answered, and the ones the room never saw (hidden, waiting for approval) flagged in
 * words, so the list reads aloud and prints in black and white the same.
 */
import { formatShortDateTime } from "@/lib/dates";
import { formatNumber, type Language } from "@/lib/i18n";
import type { FloorQuestionView, FloorStatus } from "@/lib/protocol";
import "./report-floor.css";

export interface ReportFloorProps {
  /** Ranked already (lib/poll/floor.ts rankFloor), as the report's data has them. */
  questions: readonly FloorQuestionView[];
  language: Language;
  words: {
    title: string;
    intro: string;
    /** The word after the number of votes: "keer gesteund" (nl), "upvote" or "upvotes" (en). */
    votes: (n: number) => string;
    anonymous: string;
    answered: string;
    /** Flags of the questions the room did not see; shown ones carry none. */
    statuses: Record<Exclude<FloorStatus, "shown">, string>;
  };
}

export function ReportFloor({ questions, language, words: w }: ReportFloorProps) {
  return (
    <section id="floor" className="report-floor" aria-labelledby="floor-heading" data-testid="report-floor">
      <h2 id="floor-heading">{w.title}</h2>
      <p className="hint">{w.intro}</p>
      {/* role="list": Safari drops a list's semantics once its markers are styled away. */}
      <ol className="report-floor__list" role="list">
        {questions.map((q) => (
          <li key={q.id} className="report-floor__item" data-status={q.status} data-answered={q.answered || undefined} data-floor-id={q.id}>
            <span className="report-floor__votes">
              <strong>{formatNumber(language, q.votes)}</strong> {w.votes(q.votes)}
            </span>
            <div className="report-floor__body">
              <p className="report-floor__text">{q.text}</p>
              <p className="report-floor__meta">
                <span className={q.name === null ? "report-floor__anonymous" : "report-floor__name"}>{q.name ?? w.anonymous}</span>
                <time dateTime={q.askedAt}>{formatShortDateTime(language, q.askedAt)}</time>
                {q.answered ? (
                  <span className="report-floor__answered">
                    <span aria-hidden="true">✓ </span>
                    {w.answered}
                  </span>
                ) : null}
                {q.status !== "shown" ? <span className="report-floor__flag">{w.statuses[q.status]}</span> : null}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
