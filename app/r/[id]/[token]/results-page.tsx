"use client";
/**
 * The participants' results page: what the room answered and the action plan it made, read-only, no key, printable as
 * a one-page handout.
 */
import { useEffect, useState } from "react";
import "../../../j/[code]/phone.css";
import "./results-page.css";
import { ActionPlanList, actionPlanWords } from "@/components/report-action-plan";
import { LanguageSwitch } from "@/components/language-switch";
import { PhoneResults } from "@/components/phone-results";
import { useLanguage } from "@/lib/client/use-language";
import { CHALLENGE_WORDING } from "@/lib/challenge-questions";
import { formatDateTime } from "@/lib/dates";
import { REPORT_MESSAGES } from "@/lib/messages/report";
import type { PublicResultsPage } from "@/lib/protocol";
import { wordOptions, wordPrompt } from "@/lib/question-wording";
import { TEMPLATE_WORDING } from "@/lib/templates";

const noSummary = () => undefined;

export function ResultsPage({ sessionId, token }: { sessionId: string; token: string }) {
  const [page, setPage] = useState<PublicResultsPage | null>(null);
  const [gone, setGone] = useState(false);
  const { language, choose, t } = useLanguage(page?.session.language, REPORT_MESSAGES);
  useEffect(() => {
    void fetch(`/api/results/${sessionId}/${token}`, { cache: "no-store" })
      .then(async (res) => (res.ok ? setPage((await res.json()) as PublicResultsPage) : setGone(true)))
      .catch(() => setGone(true));
  }, [sessionId, token]);

  if (gone) {
    return (
      <main className="phone results-page">
        <p className="error" role="alert">
          {t("publicGone")}
        </p>
      </main>
    );
  }
  if (!page) {
    return (
      <main className="phone results-page">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  return (
    <main className="phone results-page" data-testid="results-page">
      <header className="phone__header">
        <p className="eyebrow">{t("publicEyebrow")}</p>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} compact />
      </header>
      <h1 className="results-page__title">{page.session.title}</h1>
      <p className="hint">{t("publicUntil", { date: formatDateTime(language, page.expiresAt) })}</p>
      {page.questions.length === 0 ? <p>{t("publicNone")}</p> : null}
      {page.questions.map(({ question, results }) => (
        <article key={question.id} className="results-page__question" data-testid="results-question">
          <h2 className="results-page__prompt">{wordPrompt(question, language, TEMPLATE_WORDING)}</h2>
          {results.silent ? (
            <p className="hint">{t("publicSilent")}</p>
          ) : results.withheld ? (
            <p className="hint" data-testid="results-withheld">
              {t("publicWithheld", { k: page.minGroupSize })}
            </p>
          ) : (
            <PhoneResults question={question} options={wordOptions(question, language, CHALLENGE_WORDING)} results={results} mine={undefined} language={language} t={t} animate={false} onSummary={noSummary} />
          )}
        </article>
      ))}
      {page.actions.length > 0 ? (
        <section className="results-page__plan" aria-labelledby="plan-heading" data-testid="results-plan">
          <h2 id="plan-heading" className="results-page__prompt">
            {t("planTitle")}
          </h2>
          <ActionPlanList actions={page.actions} language={language} words={actionPlanWords(language, t)} />
        </section>
      ) : null}
      <button type="button" className="button results-page__print" onClick={() => window.print()}>
        {t("publicPrint")}
      </button>
    </main>
  );
}
