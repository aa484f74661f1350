/**
 * A session's action plan: as a table for the report (action, challenge, owner, due date, dots; in a named,
 * keyboard-reachable scroll region so a 320 px phone scrolls the table, never the page) and as a list for the
 * participants' results page, whose lines wrap on a phone and print compactly on a one-page handout.
 */
import { formatDueDate } from "@/lib/action-wording";
import { CHALLENGES } from "@/lib/challenges";
import { formatNumber, type Language, type MessageKey } from "@/lib/i18n";
import { dotsCount } from "@/lib/messages/dots";
import type { ActionView } from "@/lib/protocol";
import "./report-action-plan.css";

export interface ActionPlanWords {
  action: string;
  challenge: string;
  owner: string;
  due: string;
  dots: string;
  /** "4 stippen" (the language's plural rules decide the word). */
  dotsCount: (n: number) => string;
}

/** The plan's words from the page's catalogue (lib/messages/report.ts). */
export function actionPlanWords(language: Language, t: (key: MessageKey, values?: Record<string, string | number>) => string): ActionPlanWords {
  return {
    action: t("planAction"),
    challenge: t("planChallenge"),
    owner: t("planOwner"),
    due: t("planDue"),
    dots: t("planDots"),
    dotsCount: (n) => dotsCount(language, n),
  };
}

const challengeLabel = (language: Language, about: string | null) => (about ? (CHALLENGES.find((c) => c.id === about)?.label[language] ?? null) : null);

export interface ActionPlanTableProps {
  actions: readonly ActionView[];
  language: Language;
  /** Id of the heading that names the table and its scroll region. */
  labelledBy: string;
  words: ActionPlanWords;
}

export function ActionPlanTable({ actions, language, labelledBy, words: w }: ActionPlanTableProps) {
  const anyDots = actions.some((a) => a.dots !== null);
  return (
    <div className="compare__table report-plan__scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className="report-plan__table">
        <thead>
          <tr>
            <th scope="col">{w.action}</th>
            <th scope="col">{w.challenge}</th>
            <th scope="col">{w.owner}</th>
            <th scope="col">{w.due}</th>
            {anyDots ? (
              <th scope="col" className="num">
                {w.dots}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-action-id={a.id}>
              <th scope="row" className="report-plan__text">
                {a.text}
              </th>
              <td>{challengeLabel(language, a.about) ?? "–"}</td>
              <td className="report-plan__owner">{a.owner}</td>
              <td className="nowrap">
                <time dateTime={a.due}>{formatDueDate(language, a.due)}</time>
              </td>
              {anyDots ? <td className="num">{a.dots === null ? "–" : formatNumber(language, a.dots)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ActionPlanListProps {
  actions: readonly ActionView[];
  language: Language;
  words: ActionPlanWords;
}

/** The plan as a list: the action, then its challenge, owner, due date and dots on a line that wraps. */
export function ActionPlanList({ actions, language, words: w }: ActionPlanListProps) {
  return (
    // role="list": Safari drops a list's semantics once its markers are styled away.
    <ol className="report-plan__list" role="list">
      {actions.map((a) => {
        const challenge = challengeLabel(language, a.about);
        return (
          <li key={a.id} className="report-plan__item" data-action-id={a.id}>
            <p className="report-plan__text">{a.text}</p>
            <p className="report-plan__meta">
              {challenge ? <span>{challenge}</span> : null}
              <span>
                {w.owner}: <span className="report-plan__owner">{a.owner}</span>
              </span>
              <span>
                {w.due}: <time dateTime={a.due}>{formatDueDate(language, a.due)}</time>
              </span>
              {a.dots !== null ? <span>{w.dotsCount(a.dots)}</span> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
