"use client";
import { useEffect, useMemo, useState } from "react";
import dynamic from "next/dynamic";
import { LanguageSwitch } from "@/components/language-switch";
import { LiveSummary } from "@/components/live-summary";
import { StatusBanner } from "@/components/status-banner";
import { Waiting } from "@/components/waiting";
import { participantId } from "@/lib/client/local";
import { useLanguage } from "@/lib/client/use-language";
import { useSession } from "@/lib/client/use-session";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useMediaQuery, useThrottledValue } from "@/lib/client/use-media";
import { CHALLENGE_WORDING } from "@/lib/challenge-questions";
import { wordOptions } from "@/lib/question-wording";
import type { ParticipantAuth } from "@/lib/protocol";
import { QuestionBallot } from "./question-ballot";

// Results are only needed once the facilitator shows them: keep them out of the ballot's first load.
const PhoneResults = dynamic(() => import("@/components/phone-results").then((m) => m.PhoneResults), { ssr: false });

/** How often the screen reader hears updated results at most. */
const SUMMARY_INTERVAL_MS = 5000;

export function ParticipantPage({ code }: { code: string }) {
  const [auth, setAuth] = useState<ParticipantAuth | null>(null);
  useEffect(() => setAuth({ code, participantId: participantId() }), [code]);
  const { view, socket, dispatch } = useSession(auth);
  const { language, choose, t } = useLanguage(view.state?.session.language);

  const question = view.state?.question;
  const options = useMemo(() => (question ? wordOptions(question, language, CHALLENGE_WORDING) : []), [question, language]);
  // Results of another question can linger for a moment while the room moves on: never show those.
  const results = question && view.results?.questionId === question.id ? view.results : undefined;
  const showResults = Boolean(question?.resultsVisible && results);

  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const [resultsText, setResultsText] = useState("");
  const summary = useThrottledValue(showResults ? resultsText : "", SUMMARY_INTERVAL_MS);

  if (view.connection === "refused") {
    return (
      <main className="phone">
        <p className="error" role="alert">
          {t(refusalMessageKey(view.refusal))}
        </p>
        <a className="button" href="/">
          {t("appName")}
        </a>
      </main>
    );
  }
  if (!view.state) {
    return (
      <main className="phone">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }

  return (
    <main className="phone">
      <header className="phone__header">
        <p className="phone__title">{view.state.session.title}</p>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} compact />
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      {question ? (
        // Keyed by question: when the facilitator moves the room on, the draft and receipt start afresh.
        <QuestionBallot
          key={question.id}
          question={question}
          options={options}
          stored={view.state.ballot}
          connection={view.connection}
          socket={socket}
          dispatch={dispatch}
          language={language}
          t={t}
          results={
            showResults && results ? (
              <PhoneResults question={question} options={options} results={results} language={language} t={t} animate={!reducedMotion} onSummary={setResultsText} />
            ) : null
          }
        />
      ) : (
        <Waiting title={t("waitingTitle")} text={t("waitingForFacilitator")} size="compact" />
      )}
      <LiveSummary text={summary} />
    </main>
  );
}
