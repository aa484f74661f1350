"use client";
import { SCREEN_MESSAGES } from "@/lib/messages/screen";
import { useEffect, useState } from "react";
import { DiscussionCard } from "@/components/discussion-card";
import { DiscussionPicker } from "@/components/discussion-picker";
import { JoinPanel } from "@/components/join-panel";
import { QuestionResults } from "@/components/question-results";
import { ShortcutHelp } from "@/components/shortcut-help";
import { StatusBanner } from "@/components/status-banner";
import { Waiting } from "@/components/waiting";
import { screenKeyFor } from "@/lib/client/local";
import { refusalMessageKey } from "@/lib/client/refusal";
import { useLanguage } from "@/lib/client/use-language";
import { useMediaQuery, useWindowHeight } from "@/lib/client/use-media";
import { useSession } from "@/lib/client/use-session";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { isChallengeQuestion } from "@/lib/challenge-questions";
import { discussionCard } from "@/lib/discussion";
import { chartRows } from "@/lib/poll/chart-rows";
import { rankingRows } from "@/lib/poll/ranking-rows";
import { LANGUAGES, type Language } from "@/lib/languages";
import type { OptionView, QuestionView, Results, ScreenAuth } from "@/lib/protocol";
import { bilingualOptions, wordPrompt, wordScale } from "@/lib/question-wording";
import { TEMPLATE_WORDING } from "@/lib/templates";

type Theme = "light" | "dark";

/** Most open answers on the projector at once: newest first, the rest is summed up in one line. */
const SCREEN_OPEN_ANSWERS = 12;

/** The challenges of a question in the order the chart shows them, which is the order of the number keys. */
function shownChallengeOrder(question: QuestionView, options: OptionView[], results: Results | undefined, sortByShare: boolean): string[] {
  if (!isChallengeQuestion(question)) return [];
  const rows = question.kind === "ranking" ? rankingRows(options, results) : chartRows(options, results, sortByShare);
  return rows.map((r) => r.id);
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
  const [sortByShare, setSortByShare] = useState(false);
  // A washed-out projector needs the light theme; a dark hall the dark one.
  const [theme, setTheme] = useState<Theme>("light");
  const [showJoin, setShowJoin] = useState(true);
  const [second, setSecond] = useState<Language | null>(null);
  const [help, setHelp] = useState(false);
  const [picker, setPicker] = useState(false);
  const [cardId, setCardId] = useState<string | null>(null);
  // Labels scale with the window so 720p and 1080p projectors show the same proportions.
  const chartFont = Math.round(Math.min(26, Math.max(13, useWindowHeight() / 46)));

  const question = view.state?.question;
  // Results of another question can linger for a moment while the room moves on: never draw those.
  const results = question && view.results?.questionId === question.id ? view.results : undefined;
  const options = question ? bilingualOptions(question, language, second, TEMPLATE_WORDING) : [];
  const challengeOrder = question ? shownChallengeOrder(question, options, results, sortByShare) : [];
  const card = cardId && challengeOrder.includes(cardId) ? discussionCard(cardId, language) : undefined;

  // A card belongs to its question: when the room moves on, it closes.
  const questionId = question?.id;
  useEffect(() => {
    setCardId(null);
    setPicker(false);
  }, [questionId]);

  const openCard = (id: string) => {
    setPicker(false);
    setCardId(id);
  };
  const cycleSecond = () =>
    setSecond((current) => {
      const others = LANGUAGES.filter((l) => l !== language);
      const next = current === null ? 0 : others.indexOf(current) + 1;
      return others[next] ?? null;
    });
  const toggleFullscreen = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  // Number keys open the card of the challenge in that place of the chart (1 = the top bar).
  const numberKeys = Object.fromEntries(challengeOrder.slice(0, 9).map((id, index) => [String(index + 1), () => openCard(id)]));
  useShortcuts({
    s: () => setSortByShare((v) => !v),
    t: () => setTheme((v) => (v === "light" ? "dark" : "light")),
    j: () => setShowJoin((v) => !v),
    l: cycleSecond,
    f: toggleFullscreen,
    "?": () => setHelp(true),
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
  const secondPrompt = question && second ? wordPrompt(question, second, TEMPLATE_WORDING) : "";
  const isChoice = question?.kind === "single" || question?.kind === "multiple";
  const cardNumber = card ? challengeOrder.indexOf(card.id) + 1 : 0;

  return (
    <main className="screen" data-testid="screen-view">
      <header className="screen__header">
        <div className="screen__heading">
          <h1 className="screen__title">{session.title}</h1>
          {question ? (
            <p className="screen__prompt" data-testid="screen-prompt">
              {prompt}
              {secondPrompt && secondPrompt !== prompt ? (
                <span className="screen__prompt-second" lang={second ?? undefined}>
                  {secondPrompt}
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
        {showJoin && state.joinUrl ? <JoinPanel code={session.code} joinUrl={state.joinUrl} joinAtLabel={t("joinAt")} codeLabel={t("joinCode")} size="screen" /> : null}
      </header>
      <StatusBanner connection={view.connection} reconnectingLabel={t("reconnecting")} />
      <section className={`screen__chart${question ? ` screen__chart--${question.kind}` : ""}`}>
        {question ? (
          <QuestionResults
            kind={question.kind}
            options={options}
            scale={wordScale(question, language, TEMPLATE_WORDING)}
            maxChoices={question.maxChoices}
            results={results}
            size="screen"
            language={language}
            t={t}
            challenges={isChallengeQuestion(question) && isChoice}
            sortByShare={sortByShare}
            animate={!reducedMotion}
            fontSize={chartFont}
            openLimit={SCREEN_OPEN_ANSWERS}
          />
        ) : (
          <Waiting title={t("screenWaiting")} text={t("screenJoinNow")} size="screen" />
        )}
      </section>
      <footer className="screen__footer">
        {question ? (
          <span className={`pill ${question.status === "open" ? "pill--open" : "pill--closed"}`}>
            {question.status === "open" ? t("votingOpen") : t("votingClosed")}
          </span>
        ) : null}
        {isChoice ? (
          <button type="button" className="button button--quiet" aria-pressed={sortByShare} onClick={() => setSortByShare((s) => !s)} data-testid="sort-toggle">
            {sortByShare ? t("articleOrder") : t("sortByShare")}
          </button>
        ) : null}
        {challengeOrder.length > 0 ? (
          <button type="button" className="button button--quiet" aria-haspopup="dialog" onClick={() => setPicker(true)} data-testid="discuss">
            {t("discuss")}
          </button>
        ) : null}
        <button type="button" className="button button--quiet" aria-pressed={theme === "dark"} onClick={() => setTheme((v) => (v === "light" ? "dark" : "light"))} data-testid="theme-toggle">
          {t("toggleTheme")}
        </button>
        <button type="button" className="button button--quiet" onClick={cycleSecond} data-testid="second-language">
          {t("secondLanguage")}: {second ?? t("noSecondLanguage")}
        </button>
        <button type="button" className="button button--quiet" onClick={toggleFullscreen}>
          {t("fullscreen")}
        </button>
        <button type="button" className="button button--quiet" aria-label={t("showShortcuts")} onClick={() => setHelp(true)}>
          ?
        </button>
      </footer>
      <ShortcutHelp
        open={help}
        title={t("shortcutsTitle")}
        closeLabel={t("close")}
        onClose={() => setHelp(false)}
        shortcuts={[
          { key: "s", label: t("sortByShare") },
          { key: "t", label: t("toggleTheme") },
          { key: "j", label: t("toggleJoinInfo") },
          { key: "l", label: t("secondLanguage") },
          { key: "f", label: t("fullscreen") },
          ...(challengeOrder.length > 0 ? [{ key: `1–${Math.min(9, challengeOrder.length)}`, label: t("discussShortcut") }] : []),
          { key: "Esc", label: t("closeShortcut") },
          { key: "?", label: t("showShortcuts") },
        ]}
      />
      <DiscussionPicker
        open={picker}
        title={t("discussPick")}
        closeLabel={t("close")}
        items={challengeOrder.slice(0, 9).map((id) => ({ id, label: discussionCard(id, language)?.label ?? id }))}
        onPick={openCard}
        onClose={() => setPicker(false)}
      />
      <DiscussionCard
        card={card ?? null}
        eyebrow={t("discussNumber", { n: cardNumber })}
        promptsTitle={t("discussPromptsTitle")}
        closeLabel={t("close")}
        onClose={() => setCardId(null)}
      />
    </main>
  );
}
