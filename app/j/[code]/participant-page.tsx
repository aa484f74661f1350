"use client";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
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
import type { FirstView } from "./first-view";
import { QuestionBallot } from "./question-ballot";

// Results are only needed once the facilitator shows them: keep them out of the ballot's first load.
const PhoneResults = lazy(() => import("@/components/phone-results").then((m) => ({ default: m.PhoneResults })));
// Questions from the floor (their tabs and their part) load once a session opens them.
const FloorTabs = lazy(() => import("./floor-part").then((m) => ({ default: m.FloorTabs })));
const FloorPart = lazy(() => import("./floor-part").then((m) => ({ default: m.FloorPart })));

/** How often the screen reader hears updated results at most. */
const SUMMARY_INTERVAL_MS = 5000;

/**
 * The phone. `first` is what the server knew when it drew the page (the question, not the participant's own
 * answer): shown until the socket brings the live state, so the question is on screen before any script runs.
 */
export function ParticipantPage({ code, first }: { code: string; first?: FirstView }) {
  const [auth, setAuth] = useState<ParticipantAuth | null>(null);
  // In a task of its own after hydration: opening the socket and the render its state brings would otherwise
  // lengthen the one long task in which React takes over the page (Lighthouse's total blocking time).
  useEffect(() => {
    const timer = setTimeout(() => setAuth({ code, participantId: participantId() }), 0);
    return () => clearTimeout(timer);
  }, [code]);
  const { view, socket, dispatch } = useSession(auth);
  const state = view.state ?? first;
  const { language, choose, t } = useLanguage(state?.session.language);

  const question = state?.question;
  const options = useMemo(() => (question ? wordOptions(question, language, CHALLENGE_WORDING) : []), [question, language]);
  const latest = view.state ? view.results : first?.results;
  // Results of another question can linger for a moment while the room moves on: never show those.
  const results = question && latest?.questionId === question.id ? latest : undefined;
  const showResults = Boolean(question?.resultsVisible && results);

  // While questions from the floor are open the phone has two parts: the poll and the questions.
  const floor = view.state?.floor;
  const floorOpen = Boolean(floor?.settings.open);
  const [part, setPart] = useState<"poll" | "floor">("poll");
  const [floorVisited, setFloorVisited] = useState(false);
  const onFloor = floorOpen && part === "floor";
  // A question the participant has not seen because they were asking: the poll's tab says it is new.
  const [seenQuestion, setSeenQuestion] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!onFloor) setSeenQuestion(question?.id);
  }, [onFloor, question?.id]);
  const newQuestion = onFloor && question !== undefined && question.id !== seenQuestion;
  const choosePart = (next: "poll" | "floor") => {
    setPart(next);
    if (next === "floor") setFloorVisited(true);
  };

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
  if (!state) {
    return (
      <main className="phone">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }

  return (
    <main className="phone">
      <header className="phone__header">
        <p className="phone__title">{state.session.title}</p>
        <LanguageSwitch value={language} label={t("switchLanguage")} onChange={choose} compact />
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />

      {floorOpen && floor ? (
        <Suspense fallback={null}>
          <FloorTabs part={onFloor ? "floor" : "poll"} shown={floor.shown} newQuestion={newQuestion} language={language} onChoose={choosePart} />
        </Suspense>
      ) : null}

      <div id="part-poll" role={floorOpen ? "tabpanel" : undefined} aria-labelledby={floorOpen ? "tab-poll" : undefined} hidden={onFloor}>
      {question && view.state?.notAsked ? (
        // The question is for another group (a role, a sector): say so, instead of a ballot that would be refused.
        <section className="phone__not-asked" aria-labelledby="not-asked-title" data-testid="not-asked">
          <h1 id="not-asked-title" className="phone__prompt">
            {t("notAskedTitle")}
          </h1>
          <p>{t("notAskedText")}</p>
        </section>
      ) : question ? (
        // Keyed by question: when the facilitator moves the room on, the draft and receipt start afresh.
        <QuestionBallot
          key={question.id}
          question={question}
          options={options}
          stored={view.state?.ballot}
          connection={view.connection}
          socket={socket}
          dispatch={dispatch}
          language={language}
          t={t}
          results={
            showResults && results ? (
              <Suspense fallback={null}>
                <PhoneResults question={question} options={options} results={results} mine={view.state?.ballot} language={language} t={t} animate={!reducedMotion} onSummary={setResultsText} />
              </Suspense>
            ) : null
          }
        />
      ) : (
        <Waiting title={t("waitingTitle")} text={t("waitingForFacilitator")} size="compact" />
      )}
      </div>
      {floorOpen && floor && (onFloor || floorVisited) ? (
        <Suspense fallback={null}>
          <FloorPart floor={floor} mine={view.state?.floorMine} hidden={!onFloor} socket={socket} dispatch={dispatch} language={language} />
        </Suspense>
      ) : null}
      <LiveSummary text={summary} />
    </main>
  );
}
