"use client";
/** The projector view: the active question as the headline, its live results, how to join; read-only. */
import { SCREEN_MESSAGES } from "@/lib/messages/screen";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { DiscussionCard } from "@/components/discussion-card";
import { DiscussionPicker } from "@/components/discussion-picker";
import { JoinPanel } from "@/components/join-panel";
import { QuestionResults } from "@/components/question-results";
import { ShortcutHelp } from "@/components/shortcut-help";
import { SplitResults } from "@/components/split-results";
import { Countdown } from "@/components/countdown";
import { StatusBanner } from "@/components/status-banner";
import { Waiting } from "@/components/waiting";
import { SilentResults } from "@/components/silent-results";
import { ScreenFloor } from "@/components/screen-floor";
import { ResultsLinkPanel } from "@/components/results-link-panel";
import { WithheldResults } from "@/components/withheld-results";
import { screenKeyFor } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery, useWindowHeight } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { isChallengeQuestion } from "@/lib/challenge-questions";
import { discussionCard } from "@/lib/discussion";
import { challengeNumbers } from "@/lib/poll/chart-rows";
import { LANGUAGES, type Language } from "@/lib/languages";
import { formatNumber } from "@/lib/i18n";
import { splitWord } from "@/lib/messages/split";
import { audienceLabels } from "@/lib/poll/audience";
import { bordaExplanation, bordaTop } from "@/lib/poll/ranking-rows";
import { ROUND_BEFORE, ROUND_NOW, roundsView } from "@/lib/poll/rounds";
import { groupingWords, listOf, splitView } from "@/lib/poll/split-rows";
import type { ScreenAuth } from "@/lib/protocol";
import { wordOptions, wordPrompt, wordScale } from "@/lib/question-wording";
import { QUESTION_TEMPLATES, TEMPLATE_WORDING } from "@/lib/templates";
import { useIdle } from "./use-idle";
import "./screen.css";
import { voiceWord } from "@/lib/messages/voices";
import { floorWord } from "@/lib/messages/floor";
import { floorOnScreen } from "@/lib/poll/floor";

type Theme = "light" | "dark";

/** Most open answers on the projector at once: newest first, the rest is summed up in one line. */
const SCREEN_OPEN_ANSWERS = 12;
/** How long the mouse rests before the control bar fades out. */
const CONTROLS_IDLE_MS = 2500;

/**
 * Label size of the charts: 1/38.5 of the window height, so 28 px on a 1080p projector and 19 px at 720p (the
 * same proportions, as the room sees them from its seats).
 */
export function screenChartFont(windowHeight: number): number {
  return Math.round(Math.min(40, Math.max(14, windowHeight / 38.5)));
}

/** The projector view: read-only, readable from the back of the room. */
export function ScreenPage({ sessionId }: { sessionId: string }) {
  const [auth, setAuth] = useState<ScreenAuth | null>(null);
  const [missingKey, setMissingKey] = useState(false);
  useEffect(() => {
    const screenKey = screenKeyFor(sessionId);
    if (screenKey) setAuth({ sessionId, screenKey });
    else setMissingKey(true);
  }, [sessionId]);
  const { view } = useSession(auth);
  const { language, t } = useLanguage(view.state?.session.language, SCREEN_MESSAGES);
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const idle = useIdle(CONTROLS_IDLE_MS);
  const [sortByShare, setSortByShare] = useState(false);
  // A washed-out projector needs the light theme; a dark hall the dark one.
  const [theme, setTheme] = useState<Theme>("light");
  const [showJoin, setShowJoin] = useState(true);
  const [second, setSecond] = useState<Language | null>(null);
  const [help, setHelp] = useState(false);
  const [picker, setPicker] = useState(false);
  const [cardId, setCardId] = useState<string | null>(null);
  const chartFont = screenChartFont(useWindowHeight());

  const question = view.state?.question;
  // Results of another question can linger for a moment while the room moves on: never draw those.
  const results = question && view.results?.questionId === question.id ? view.results : undefined;
  // Drawing new results takes longer than a frame on a slow laptop: React draws them in the background, in slices,
  // so the page never stalls (the chart's figures, its n and its table change together, in one drawing).
  const shownResults = useDeferredValue(results);
  // Kept from render to render, so the chart is drawn again only when the results (or the words) change.
  const options = useMemo(() => (question ? wordOptions(question, language, TEMPLATE_WORDING) : []), [question, language]);
  const secondLanguage = second && second !== language ? second : undefined;
  const secondOptions = useMemo(() => (question && secondLanguage ? wordOptions(question, secondLanguage, TEMPLATE_WORDING) : undefined), [question, secondLanguage]);
  const scale = useMemo(() => (question ? wordScale(question, language, TEMPLATE_WORDING) : undefined), [question, language]);
  // Split by a grouping question: the figures per group, drawn from the same deferred results as the plain chart.
  const split = useMemo(() => {
    const by = shownResults?.split?.by;
    if (!question || !by) return null;
    return splitView({
      kind: question.kind,
      options,
      scale,
      results: shownResults,
      grouping: groupingWords(by, language, QUESTION_TEMPLATES),
      language,
      sortByShare,
      secondOptions,
    });
  }, [question, options, scale, shownResults, language, sortByShare, secondOptions]);
  // Voted again: the round before beside this one, with each answer's shift (not while split by a group).
  const rounds = useMemo(() => {
    if (!question || split) return null;
    return roundsView({
      kind: question.kind,
      options,
      scale,
      results: shownResults,
      earlier: shownResults?.previous ? [shownResults.previous] : [],
      words: { prompt: voiceWord(language, "roundsBy"), options: [{ id: ROUND_BEFORE, label: voiceWord(language, "roundBefore"), description: "" }, { id: ROUND_NOW, label: voiceWord(language, "roundNow"), description: "" }] },
      language,
      sortByShare,
      secondOptions,
    });
  }, [question, split, options, scale, shownResults, language, sortByShare, secondOptions]);
  /** What the chart draws in columns: the groups of a split, or else the rounds of a vote again. */
  const columns = split ?? rounds;
  // Keys 1–9 are the article's challenges 1–9, whatever the chart's order: the numbers drawn before their labels.
  const numbers = question && isChallengeQuestion(question) ? challengeNumbers(options) : new Map<string, number>();
  const challengeByNumber = new Map([...numbers].map(([id, n]) => [n, id]));
  const card = cardId && numbers.has(cardId) ? discussionCard(cardId, language) : undefined;

  // A card belongs to its question: when the room moves on, it closes.
  const questionId = question?.id;
  useEffect(() => {
    setCardId(null);
    setPicker(false);
  }, [questionId]);

  // A dialog opened with the mouse gives focus back to its button when it closes; after a key press (Escape)
  // the browser would draw a focus ring there, left on the projector. A keyboard user keeps the ring.
  const lastInput = useRef<"pointer" | "key">("key");
  const openedWithPointer = useRef(false);
  useEffect(() => {
    const pointer = () => void (lastInput.current = "pointer");
    const key = () => void (lastInput.current = "key");
    window.addEventListener("pointerdown", pointer, true);
    window.addEventListener("keydown", key, true);
    return () => {
      window.removeEventListener("pointerdown", pointer, true);
      window.removeEventListener("keydown", key, true);
    };
  }, []);
  const opening = () => void (openedWithPointer.current = lastInput.current === "pointer");
  const afterDialog = () => {
    if (!openedWithPointer.current || document.querySelector("dialog[open]")) return;
    (document.activeElement as HTMLElement | null)?.blur();
  };

  const openCard = (id: string) => {
    opening();
    setPicker(false);
    setCardId(id);
  };
  const cycleSecond = () =>
    setSecond((current) => {
      const others = LANGUAGES.filter((l) => l !== language);
      const next = current === null ? 0 : others.indexOf(current) + 1;
      return others[next] ?? null;
    });
  const toggleTheme = () => setTheme((v) => (v === "light" ? "dark" : "light"));
  const toggleFullscreen = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  const numberKeys = Object.fromEntries([...challengeByNumber].map(([n, id]) => [String(n), () => openCard(id)]));
  useShortcuts({
    s: () => setSortByShare((v) => !v),
    t: toggleTheme,
    j: () => setShowJoin((v) => !v),
    l: cycleSecond,
    f: toggleFullscreen,
    "?": () => {
      opening();
      setHelp(true);
    },
    ...numberKeys,
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    return () => void delete document.documentElement.dataset.theme;
  }, [theme]);

  if (missingKey || view.connection === "refused") {
    return (
      <main className="screen">
        <p className="error" role="alert">
          {missingKey ? t("noKey") : t(refusalMessageKey(view.refusal))}
        </p>
      </main>
    );
  }
  const state = view.state;
  if (!state) {
    return (
      <main className="screen">
        <p role="status">{t("connecting")}</p>
      </main>
    );
  }
  const { session } = state;
  const prompt = question ? wordPrompt(question, language, TEMPLATE_WORDING) : "";
  const secondPrompt = question && secondLanguage ? wordPrompt(question, secondLanguage, TEMPLATE_WORDING) : "";
  const isChoice = question?.kind === "single" || question?.kind === "multiple";
  const challenges = question ? isChallengeQuestion(question) : false;
  // A long question gets a smaller headline, so the chart keeps its room.
  const promptLength = prompt.length + (secondPrompt ? secondPrompt.length / 2 : 0);
  const headlineSize = promptLength > 180 ? " screen__question--longer" : promptLength > 90 ? " screen__question--long" : "";
  // A question of some groups says whom it asks (the article's own are named; a facilitator's own say "some groups").
  const audience = question ? audienceLabels(question, undefined, language, TEMPLATE_WORDING, QUESTION_TEMPLATES) : null;
  const audienceText = audience && audience.length > 0 ? splitWord(language, "onlyFor", { groups: listOf(language, audience) }) : null;
  const plain = question ? (
    <QuestionResults
      // A new question draws a new chart: no bar moves from the last question's figures.
      key={question.id}
      kind={question.kind}
      options={options}
      scale={scale}
      maxChoices={question.maxChoices}
      results={shownResults}
      size="screen"
      language={language}
      t={t}
      challenges={challenges}
      sortByShare={sortByShare}
      animate={!reducedMotion}
      fontSize={chartFont}
      openLimit={SCREEN_OPEN_ANSWERS}
      secondOptions={secondOptions}
      secondLanguage={secondLanguage}
    />
  ) : null;

  // The results page, while it is up and voting on the active question is over.
  const resultsUrl = state.publication && state.joinUrl && (!question || question.status === "closed") ? new URL(state.publication.path, state.joinUrl).toString() : null;
  // The facilitator put questions from the floor on the screen (or highlighted one): they take the question's place.
  const floor = state.floor && floorOnScreen(state.floor) ? state.floor : undefined;

  return (
    <main className={`screen${idle ? " screen--idle" : ""}`} data-testid="screen-view" data-controls={idle ? "hidden" : "shown"}>
      <header className="screen__header">
        <div className="screen__heading">
          {floor ? (
            <>
              <p className="screen__session">
                <span className="screen__title">{session.title}</span>
              </p>
              <h1 className="screen__question" data-testid="screen-prompt">
                {floorWord(language, "floorTitle")}
              </h1>
            </>
          ) : question ? (
            <>
              <p className="screen__session">
                <span className="screen__title">{session.title}</span>
                <span className={`pill ${question.status === "open" ? "pill--open" : "pill--closed"}`} data-testid="screen-voting-status">
                  {question.status === "open" ? t("votingOpen") : t("votingClosed")}
                </span>
                <Countdown timer={question.timer} label={t("timerCaption")} className="screen-countdown" testId="screen-countdown" inline />
                {audienceText ? (
                  <span className="screen__audience" data-testid="screen-audience">
                    {audienceText}
                  </span>
                ) : null}
              </p>
              <h1 className={`screen__question${headlineSize}`} data-testid="screen-prompt">
                {prompt}
                {secondPrompt && secondPrompt !== prompt ? (
                  <span className="screen__question-second" lang={secondLanguage}>
                    {secondPrompt}
                  </span>
                ) : null}
              </h1>
            </>
          ) : (
            <h1 className="screen__question">{session.title}</h1>
          )}
        </div>
        {showJoin && resultsUrl ? (
          // At the end (voting closed) the room gets the results page instead of the way in.
          <ResultsLinkPanel url={resultsUrl} atLabel={t("screenResultsAt")} label={t("screenResultsLabel")} />
        ) : showJoin && state.joinUrl ? (
          <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="screen" />
        ) : null}
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />
      <section className={`screen__chart${floor ? " screen__chart--floor" : question ? ` screen__chart--${question.kind}` : ""}`}>
        {floor ? (
          <ScreenFloor floor={floor} language={language} />
        ) : question && shownResults?.silent ? (
          <SilentResults
            title={voiceWord(language, "silentTitle")}
            count={voiceWord(language, shownResults.respondents === 1 ? "silentCountOne" : "silentCount", { n: formatNumber(language, shownResults.respondents) })}
            text={voiceWord(language, "silentText")}
          />
        ) : question && shownResults?.withheld ? (
          <WithheldResults
            size="screen"
            title={splitWord(language, "tooFewTitle")}
            reason={splitWord(language, "tooFew", { n: shownResults.respondents, k: shownResults.minGroupSize ?? 0 })}
          />
        ) : question && columns ? (
          // Split by a group, or (voted again) by round: the same chart of columns, named for what they are.
          <SplitResults
            key={split ? question.id : `${question.id}-rounds`}
            view={columns}
            kind={question.kind}
            respondents={shownResults?.respondents ?? 0}
            plain={plain}
            size="screen"
            language={language}
            t={t}
            challenges={challenges}
            numbers={challenges ? numbers : undefined}
            fontSize={chartFont}
            secondLanguage={secondLanguage}
            animate={!reducedMotion}
            explanation={bordaExplanation(language, bordaTop(question.maxChoices, options.length))}
            byLabel={split ? undefined : voiceWord(language, "roundsBy")}
          />
        ) : question ? (
          plain
        ) : (
          <Waiting title={t("screenWaiting")} text={t("screenJoinNow")} size="screen" />
        )}
      </section>
      {/* Every shortcut has a button; the bar fades out while the mouse rests and comes back on movement or a key. */}
      <footer className="screen__controls" aria-label={t("screenControls")} data-testid="screen-controls">
        {isChoice && !floor ? (
          <button type="button" className="button button--quiet" aria-pressed={sortByShare} onClick={() => setSortByShare((s) => !s)} data-testid="sort-toggle">
            {sortByShare ? t("articleOrder") : t("sortByShare")} <kbd aria-hidden="true">s</kbd>
          </button>
        ) : null}
        {numbers.size > 0 && !floor ? (
          <button
            type="button"
            className="button button--quiet"
            aria-haspopup="dialog"
            onClick={() => {
              opening();
              setPicker(true);
            }}
            data-testid="discuss"
          >
            {t("discuss")} <kbd aria-hidden="true">{Math.min(...numbers.values())}–{Math.max(...numbers.values())}</kbd>
          </button>
        ) : null}
        <button type="button" className="button button--quiet" aria-pressed={showJoin} onClick={() => setShowJoin((v) => !v)} data-testid="join-toggle">
          {t("joinInfo")} <kbd aria-hidden="true">j</kbd>
        </button>
        <button type="button" className="button button--quiet" aria-pressed={theme === "dark"} onClick={toggleTheme} data-testid="theme-toggle">
          {t("toggleTheme")} <kbd aria-hidden="true">t</kbd>
        </button>
        <button type="button" className="button button--quiet" onClick={cycleSecond} data-testid="second-language">
          {t("secondLanguage")}: {second ?? t("noSecondLanguage")} <kbd aria-hidden="true">l</kbd>
        </button>
        <button type="button" className="button button--quiet" onClick={toggleFullscreen}>
          {t("fullscreen")} <kbd aria-hidden="true">f</kbd>
        </button>
        <button
          type="button"
          className="button button--quiet"
          aria-label={t("showShortcuts")}
          aria-haspopup="dialog"
          onClick={() => {
            opening();
            setHelp(true);
          }}
          data-testid="shortcuts"
        >
          ?
        </button>
      </footer>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={() => {
          setHelp(false);
          afterDialog();
        }}
        shortcuts={[
          ...(isChoice ? [{ key: "s", label: t("sortByShare") }] : []),
          { key: "t", label: t("toggleTheme") },
          { key: "j", label: t("toggleJoinInfo") },
          { key: "l", label: t("secondLanguage") },
          { key: "f", label: t("fullscreen") },
          ...(numbers.size > 0 ? [{ key: `${Math.min(...numbers.values())}–${Math.max(...numbers.values())}`, label: t("discussShortcut") }] : []),
          { key: "Esc", label: t("closeShortcut") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
      <DiscussionPicker
        open={picker}
        title={t("discussPick")}
        closeLabel={t("close")}
        items={[...challengeByNumber].sort(([a], [b]) => a - b).map(([n, id]) => ({ id, number: n, label: discussionCard(id, language)?.label ?? id }))}
        onPick={openCard}
        onClose={() => {
          setPicker(false);
          afterDialog();
        }}
      />
      <DiscussionCard
        card={card ?? null}
        eyebrow={t("discussNumber", { n: card ? (numbers.get(card.id) ?? 0) : 0 })}
        promptsTitle={t("discussPromptsTitle")}
        closeLabel={t("close")}
        onClose={(closedId) => {
          setCardId((current) => (current === closedId ? null : current));
          afterDialog();
        }}
      />
    </main>
  );
}
