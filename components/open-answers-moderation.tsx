"use client";
/** The open answers of the active question, each with a hide/put back toggle for the facilitator. */
import { formatNumber, type Language } from "@/lib/i18n";
import type { OpenAnswer } from "@/lib/protocol";

export interface OpenAnswersModerationProps {
  /** As the server lists them (oldest first); shown newest first. */
  answers: readonly OpenAnswer[];
  language: Language;
  labels: {
    title: string;
    hint: string;
    empty: string;
    hide: string;
    unhide: string;
    hidden: string;
    /** The buttons' names carry the answer ("Verbergen: Meer koffie"), as the language punctuates it. */
    hideName: (text: string) => string;
    unhideName: (text: string) => string;
  };
  onHide: (answerId: string) => void;
  onShow: (answerId: string) => void;
}

/**
 * The open answers of the active question, for the facilitator to moderate: a hidden answer leaves the screen
 * and the phones but stays in the export, so hiding is a toggle and never a deletion.
 */
export function OpenAnswersModeration({ answers, language, labels: l, onHide, onShow }: OpenAnswersModerationProps) {
  const newestFirst = [...answers].reverse();
  return (
    <section className="moderation" aria-labelledby="moderation-title" data-testid="moderation">
      <h3 id="moderation-title" className="moderation__title">
        {l.title} <span className="moderation__count">({formatNumber(language, answers.length)})</span>
      </h3>
      <p className="hint">{l.hint}</p>
      {newestFirst.length === 0 ? (
        <p>{l.empty}</p>
      ) : (
        <ul className="moderation__list">
          {newestFirst.map((a) => (
            <li key={a.id} className={`moderation__answer${a.hidden ? " is-hidden" : ""}`} data-testid="open-answer" data-answer-id={a.id} data-hidden={a.hidden}>
              <p className="moderation__text">
                {a.hidden ? <span className="moderation__badge">{l.hidden}</span> : null}
                <span>{a.text}</span>
              </p>
              <button
                type="button"
                className="button button--small"
                aria-label={a.hidden ? l.unhideName(a.text) : l.hideName(a.text)}
                onClick={() => (a.hidden ? onShow(a.id) : onHide(a.id))}
              >
                {a.hidden ? l.unhide : l.hide}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
