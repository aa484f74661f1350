"use client";
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { BallotForm } from "@/components/ballot-form";
import { BallotSingle } from "@/components/ballot-single";
import { newVoteId } from "@/lib/client/local";
import { retryWhileUnavailable } from "@/lib/client/retry-unavailable";
import type { ClientEvent, ConnectionStatus } from "@/lib/client/session-store";
import type { SessionSocket } from "@/lib/client/socket";
import type { Language, MessageKey } from "@/lib/i18n";
import { answerReady, castFields, draftWords, isNoneOfThese, openText, pickedOptions, scaleValue, toggleNoneOfThese, toggleOption } from "@/lib/poll/answer-draft";
import { bordaTop, rankingScoring } from "@/lib/poll/ranking-rows";
import { CHALLENGE_WORDING } from "@/lib/challenge-questions";
import { wordPrompt } from "@/lib/question-wording";
import { DEFAULT_SCALE, LIMITS } from "@/lib/protocol-constants";
import type { Answer, OptionView, QuestionView } from "@/lib/protocol";

// Choice ballots come with the page; the other kinds are fetched when the room first gets such a question, so
// the first load of a cheap phone on conference Wi-Fi stays within its budget (e2e/bundle.spec.ts). React's
// own lazy, not next/dynamic, whose loader code alone is about 1.5 kB gzip of that budget.
const BallotScale = lazy(() => import("@/components/ballot-scale").then((m) => ({ default: m.BallotScale })));
const BallotRanking = lazy(() => import("@/components/ballot-ranking").then((m) => ({ default: m.BallotRanking })));
const BallotOpen = lazy(() => import("@/components/ballot-open").then((m) => ({ default: m.BallotOpen })));
// A countdown's clock loads when a countdown runs, not with every ballot.
const Countdown = lazy(() => import("@/components/countdown").then((m) => ({ default: m.Countdown })));
const BallotWords = lazy(() => import("@/components/ballot-words").then((m) => ({ default: m.BallotWords })));
// A dot vote's stepper and its words come with the first dot vote of the room.
const DotsBallot = lazy(() => import("./dots-part").then((m) => ({ default: m.DotsBallot })));

type SendState = { kind: "idle" } | { kind: "sending" } | { kind: "counted" } | { kind: "failed"; message: string };

/** The question is the page's heading; every kind's ballot is labelled by it. */
const PROMPT_ID = "question-prompt";

export interface QuestionBallotProps {
  question: QuestionView;
  /** In the phone's language. */
  options: OptionView[];
  /** What the server holds as this participant's answer. */
  stored: Answer | undefined;
  connection: ConnectionStatus;
  socket: SessionSocket | null;
  dispatch: (event: ClientEvent) => void;
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** The results, when the facilitator shows them: they come first, right under the question. */
  results?: ReactNode;
}

/**
 * The active question and its ballot, of any kind, with the same promises for each: the draft is kept while
 * offline and sent once the socket is back, and only the server's ack shows the receipt, which is then
 * scrolled into view (after a long ballot it would lie below the window, and only the button's new text
 * would say that it worked).
 */
export function QuestionBallot({ question, options, stored, connection, socket, dispatch, language, t, results }: QuestionBallotProps) {
  /** The participant's draft (`answer: undefined`: nothing chosen); `null` while it equals what the server holds. */
  const [draft, setDraft] = useState<{ answer: Answer | undefined } | null>(null);
  const [send, setSend] = useState<SendState>({ kind: "idle" });
  const current = draft ? draft.answer : stored;
  const feedback = useRef<HTMLDivElement>(null);
  const [counted, setCounted] = useState(0);
  // The server drew this ballot before the scripts ran: until React has taken over, a tap would only tick a
  // box React does not know about (or send the form as a plain GET), so the form ignores input until then.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // A reset clears the stored ballot: forget a receipt that no longer holds.
  useEffect(() => {
    if (stored === undefined) setSend((s) => (s.kind === "counted" ? { kind: "idle" } : s));
  }, [stored]);

  const open = question.status === "open";
  const dirty = draft !== null;
  const ready = answerReady(question.kind, current);
  const prompt = wordPrompt(question, language, CHALLENGE_WORDING);
  const top = bordaTop(question.maxChoices, options.length);

  function edit(next: Answer | undefined) {
    setDraft({ answer: next });
    setSend({ kind: "idle" });
  }

  async function submit() {
    if (!socket || !ready) return;
    setSend({ kind: "sending" });
    const fields = castFields({ kind: question.kind, optionIds: question.options.map((o) => o.id) }, current);
    try {
      // With `retries` the client keeps this emit until the server acks it, also across a reconnect; while the
      // server's database is unreachable it answers `unavailable` and the same vote (same voteId) goes again.
      const vote = { questionId: question.id, ...fields, voteId: newVoteId() };
      const ack = await retryWhileUnavailable(() => socket.emitWithAck("vote:cast", vote));
      if (ack.ok) {
        dispatch({ type: "ballot:acked", questionId: question.id, ballot: ack.data.ballot });
        setDraft(null);
        setSend({ kind: "counted" });
        setCounted((n) => n + 1);
      } else {
        setSend({ kind: "failed", message: ack.error.message });
      }
    } catch {
      setSend({ kind: "failed", message: t("reconnecting") });
    }
  }

  function ballot() {
    switch (question.kind) {
      case "multiple": {
        const ids = question.options.map((o) => o.id);
        return (
          <BallotForm
            options={options}
            selected={new Set(pickedOptions(current))}
            none={isNoneOfThese(question.kind, current)}
            disabled={!open}
            maxChoices={question.maxChoices}
            labelledBy={PROMPT_ID}
            hint={question.maxChoices === null ? t("pickAll") : t("pickAtMost", { max: question.maxChoices })}
            moreInfoLabel={t("moreInfo")}
            noneLabel={t("noneOfThese")}
            onToggle={(id) => edit(toggleOption(ids, current, id))}
            onNone={() => edit(toggleNoneOfThese(current))}
          />
        );
      }
      case "single":
        return (
          <BallotSingle
            options={options}
            selected={pickedOptions(current)[0] ?? null}
            disabled={!open}
            labelledBy={PROMPT_ID}
            hint={t("pickOne")}
            moreInfoLabel={t("moreInfo")}
            onSelect={(id) => edit([id])}
          />
        );
      case "scale": {
        const s = question.scale ?? DEFAULT_SCALE;
        return (
          <BallotScale
            scale={s}
            value={scaleValue(current)}
            disabled={!open}
            labelledBy={PROMPT_ID}
            hint={t("scaleHint", { min: s.min, max: s.max })}
            onSelect={(v) => edit(v)}
          />
        );
      }
      case "ranking":
        return (
          <BallotRanking
            options={options}
            ranking={pickedOptions(current)}
            max={top}
            disabled={!open}
            labelledBy={PROMPT_ID}
            hint={t("rankingHint", { max: top })}
            scoring={rankingScoring(language, top)}
            labels={{
              yourOrder: t("rankingYourOrder"),
              others: t("rankingOthers"),
              empty: t("rankingEmpty"),
              full: t("rankingFull", { max: top }),
              add: t("rankAdd"),
              addLabel: (label) => t("rankAddLabel", { label }),
              upLabel: (label) => t("rankUpLabel", { label }),
              downLabel: (label) => t("rankDownLabel", { label }),
              removeLabel: (label) => t("rankRemoveLabel", { label }),
              place: (n) => t("rankPlace", { n }),
              moved: (label, n) => t("rankMoved", { label, n }),
              removed: (label) => t("rankRemoved", { label }),
            }}
            onChange={(next) => edit(next)}
          />
        );
      case "words":
        return (
          <BallotWords
            words={draftWords(current)}
            fields={LIMITS.wordsPerBallot}
            maxLength={LIMITS.word}
            disabled={!open}
            labelledBy={PROMPT_ID}
            hint={t("wordsHint", { max: LIMITS.wordsPerBallot })}
            fieldLabel={(n) => t("wordsField", { n })}
            onChange={(next) => edit(next)}
          />
        );
      case "dots":
        return (
          <DotsBallot
            options={options}
            dots={pickedOptions(current)}
            budget={question.maxChoices ?? LIMITS.dotBudget.default}
            disabled={!open}
            labelledBy={PROMPT_ID}
            language={language}
            onChange={(next) => edit(next)}
          />
        );
      case "open": {
        const text = openText(current);
        return (
          <BallotOpen
            value={text}
            maxLength={LIMITS.openAnswer}
            disabled={!open}
            labelledBy={PROMPT_ID}
            label={t("openLabel")}
            hint={t("openHint", { max: LIMITS.openAnswer })}
            counter={t("openCounter", { n: text.length, max: LIMITS.openAnswer })}
            onChange={(next) => edit(next)}
          />
        );
      }
    }
  }

  const notReadyKey: MessageKey | null = ready
    ? null
    : question.kind === "multiple"
      ? "pickOrNoneFirst"
      : question.kind === "single"
      ? "pickOneFirst"
      : question.kind === "scale"
        ? "scaleValueFirst"
        : // A dot vote before its first dot: a dot on an option picks it ("Kies eerst minstens één optie."), and the
          // phone's first load has no room for a sentence of its own (e2e/bundle.spec.ts).
          question.kind === "ranking" || question.kind === "dots"
          ? "rankingPickFirst"
          : question.kind === "words"
            ? "wordsWriteFirst"
            : "openWriteFirst";
  const showReceipt = send.kind === "counted" || (!dirty && stored !== undefined && send.kind === "idle");
  // What a send led to, once per send: the receipt, "sent once the connection is back", or the refusal.
  const outcome = send.kind === "counted" ? `counted-${counted}` : send.kind === "failed" ? "failed" : send.kind === "sending" && connection !== "connected" ? "pending" : null;
  // Under a long ballot that line lies below the window: bring it into view, wherever the button was.
  useEffect(() => {
    if (!outcome) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    feedback.current?.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
  }, [outcome]);

  return (
    <>
      <h1 className="phone__prompt" id={PROMPT_ID}>
        {prompt}
      </h1>
      {/* Stays at the top of the window while the ballot scrolls: the time left is always in view. */}
      {open && question.timer ? (
        <Suspense fallback={null}>
          <Countdown timer={question.timer} label={t("timerCaption")} className="phone-countdown" testId="phone-countdown" />
        </Suspense>
      ) : null}
      {/* Always there, so a screen reader hears the room close; at the top, so no one has to scroll for it. */}
      <div role="status" className="phone__status">
        {!open ? (
          <p className="notice" data-testid="closed-message">
            {t("closedMessage")} {stored === undefined ? t("notVoted") : null}
          </p>
        ) : null}
      </div>
      {results}
      <form
        inert={!hydrated}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Suspense fallback={<div className="ballot-loading" aria-busy="true" />}>{ballot()}</Suspense>
        {open ? (
          <div className="phone__actions">
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={send.kind === "sending" || !ready}
              aria-describedby={notReadyKey ? "ballot-not-ready" : undefined}
            >
              {send.kind === "sending" ? t("sending") : stored !== undefined ? t("update") : t("submit")}
            </button>
            {notReadyKey ? (
              <p className="hint" id="ballot-not-ready">
                {t(notReadyKey)}
              </p>
            ) : null}
          </div>
        ) : null}
      </form>

      <div aria-live="polite" className="phone__feedback" ref={feedback}>
        {!open ? null : send.kind === "sending" && connection !== "connected" ? (
          <p className="hint" data-testid="pending">
            {t("pendingOffline")}
          </p>
        ) : send.kind === "failed" ? (
          <p className="error" role="alert">
            {t("voteFailed", { message: send.message })}
          </p>
        ) : dirty && stored !== undefined ? (
          <p className="hint">{t("unsavedChanges")}</p>
        ) : showReceipt && stored !== undefined ? (
          <p className="receipt" data-testid="receipt">
            <strong>{isNoneOfThese(question.kind, stored) ? t("receiptNone") : t("receipt")}</strong> {t("receiptChange")}
          </p>
        ) : null}
      </div>
    </>
  );
}
