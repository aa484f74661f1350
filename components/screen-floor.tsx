"use client";
/** The projector's questions from the floor: the highlighted one large, then the top questions by votes, live. */
import { formatNumber, type Language } from "@/lib/i18n";
import { floorWord } from "@/lib/messages/floor";
import type { FloorQuestionView, FloorView } from "@/lib/protocol";

/** How many questions the screen lists under a highlighted question, and without one: what 720p fits readably. */
const LISTED_WITH_HIGHLIGHT = 3;
const LISTED = 6;

function Votes({ question, language }: { question: FloorQuestionView; language: Language }) {
  return (
    <span className="screen-floor__votes" data-testid="screen-floor-votes">
      <span className="screen-floor__count">{formatNumber(language, question.votes)}</span>
      <span className="visually-hidden"> · {floorWord(language, "floorVotes", { n: formatNumber(language, question.votes) })}</span>
    </span>
  );
}

export function ScreenFloor({ floor, language }: { floor: FloorView; language: Language }) {
  const w = (key: Parameters<typeof floorWord>[1], values?: Record<string, string | number>) => floorWord(language, key, values);
  const highlighted = floor.highlighted;
  // The room waits for the questions still open: answered ones leave the list (their number stays below it).
  const open = floor.questions.filter((q) => !q.answered && q.id !== highlighted?.id);
  const listed = open.slice(0, highlighted ? LISTED_WITH_HIGHLIGHT : LISTED);
  return (
    <div className={`screen-floor${highlighted ? " screen-floor--highlight" : ""}`} data-testid="screen-floor">
      {highlighted ? (
        <article className="screen-floor__highlight" data-testid="screen-floor-highlight">
          <p className="screen-floor__eyebrow">{w("floorScreenHighlight")}</p>
          <p className="screen-floor__highlight-text">{highlighted.text}</p>
          <p className="screen-floor__by">
            {highlighted.name ?? w("floorAnonymous")} · {w("floorVotes", { n: formatNumber(language, highlighted.votes) })}
          </p>
        </article>
      ) : null}
      {listed.length > 0 ? (
        <ol className="screen-floor__list" data-testid="screen-floor-list">
          {listed.map((q) => (
            <li key={q.id} className="screen-floor__item" data-testid="screen-floor-item">
              <Votes question={q} language={language} />
              <span className="screen-floor__body">
                <span className="screen-floor__text">{q.text}</span>
                <span className="screen-floor__by">{q.name ?? w("floorAnonymous")}</span>
              </span>
            </li>
          ))}
        </ol>
      ) : !highlighted ? (
        <p className="screen-floor__empty" data-testid="screen-floor-empty">
          {w("floorScreenEmpty")}
        </p>
      ) : null}
      {floor.answered > 0 ? <p className="screen-floor__foot">{w("floorScreenAnswered", { n: formatNumber(language, floor.answered) })}</p> : null}
    </div>
  );
}
