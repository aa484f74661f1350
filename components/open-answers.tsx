/** Open answers as cards, newest first. */
import "./results-chart.css";
import type { OpenAnswer } from "@/lib/protocol";

export interface OpenAnswersProps {
  /** What may be shown, newest first (hidden answers already left out). */
  answers: OpenAnswer[];
  respondents: number;
  size: "screen" | "compact";
  title: string;
  emptyText: string;
  /** At most this many cards; the rest is summed up in one line. */
  limit?: number;
  moreLabel: (n: number) => string;
}

/** Open answers as cards: on the screen in large type for the room, on the phone as a compact list. */
export function OpenAnswers({ answers, respondents, size, title, emptyText, limit, moreLabel }: OpenAnswersProps) {
  const shown = limit === undefined ? answers : answers.slice(0, limit);
  const more = answers.length - shown.length;
  return (
    <section className={`open-answers open-answers--${size}`} aria-labelledby={`open-answers-title-${size}`} data-testid="open-answers">
      <div className="results-chart__head">
        <h2 id={`open-answers-title-${size}`} className="results-chart__title open-answers__title">
          {title}
        </h2>
        <span className="results-chart__n" data-testid="respondents">
          n = {respondents}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="hint">{emptyText}</p>
      ) : (
        <ul className="open-answers__list">
          {shown.map((a) => (
            <li key={a.id} className="open-answer-card" data-testid="open-answer-card" data-answer-id={a.id}>
              {a.text}
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <p className="open-answers__more">{moreLabel(more)}</p> : null}
    </section>
  );
}
