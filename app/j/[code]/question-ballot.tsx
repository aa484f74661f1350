"use client";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { BallotForm } from "@/components/ballot-form";
import { BallotSingle } from "@/components/ballot-single";
import { newVoteId } from "@/lib/client/local";
import { retryWhileUnavailable } from "@/lib/client/retry-unavailable";
import type { ClientEvent, ConnectionStatus } from "@/lib/client/session-store";
import type { SessionSocket } from "@/lib/client/socket";
import type { Language, MessageKey } from "@/lib/i18n";
import { answerReady, castFields, openText, pickedOptions, scaleValue } from "@/lib/poll/answer-draft";
import { bordaTop, rankingScoring } from "@/lib/poll/ranking-rows";
import { CHALLENGE_WORDING } from "@/lib/challenge-questions";
import { wordPrompt } from "@/lib/question-wording";
import { DEFAULT_SCALE, LIMITS } from "@/lib/protocol-constants";
import type { Answer, OptionView, QuestionView } from "@/lib/protocol";

// Choice ballots come with the page; the other kinds are fetched when the room first gets such a question, so
// the first load of a cheap phone on conference Wi-Fi stays within its budget (e2e/bundle.spec.ts).
const loading = () => <div className="ballot-loading" aria-busy="true" />;
const BallotScale = dynamic(() => import("@/components/ballot-scale").then((m) => m.BallotScale), { loading });
const BallotRanking = dynamic(() => import("@/components/ballot-ranking").then((m) => m.BallotRanking), { loading });
const BallotOpen = dynamic(() => import("@/components/ballot-open").then((m) => m.BallotOpen), { loading });

type SendState = { kind: "idle" } | { kind: "sending" } | { kind: "counted" } | { kind: "failed"; message: string };

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
}

/**
 * The ballot of the active question, of any kind, with the same promises for each: the draft is kept while
 * offline and sent once the socket is back, and only the server's ack shows the receipt.
 */
export function QuestionBallot({ question, options, stored, connection, socket, dispatch, language, t }: QuestionBallotProps) {
  /** The participant's draft; `null` while it equals what the server holds. */
  const [draft, setDraft] = useState<Answer | null>(null);
  const [send, setSend] = useState<SendState>({ kind: "idle" });
  const current = draft ?? stored;

  // A reset clears the stored ballot: forget a receipt that no longer holds.
  useEffect(() => {
    if (stored === undefined) setSend((s) => (s.kind === "counted" ? { kind: "idle" } : s));
  }, [stored]);

  const open = question.status === "open";
  const dirty = draft !== null;
  const ready = answerReady(question.kind, current);
  const legend = wordPrompt(question, language, CHALLENGE_WORDING);
  const top = bordaTop(question.maxChoices, options.length);

  function edit(next: Answer) {
    setDraft(next);
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
        const selected = new Set(pickedOptions(current));
        return (
          <BallotForm
            options={options}
            selected={selected}
            disabled={!open}
            maxChoices={question.maxChoices}
            legend={legend}
            hint={question.maxChoices === null ? t("pickAll") : t("pickAtMost", { max: question.maxChoices })}
            moreInfoLabel={t("moreInfo")}
            onToggle={(id) => {
              const next = new Set(selected);
              if (next.has(id)) next.delete(id);
              else next.add(id);
              edit(question.options.map((o) => o.id).filter((x) => next.has(x)));
            }}
          />
        );
      }
      case "single":
        return (
          <BallotSingle
            options={options}
            selected={pickedOptions(current)[0] ?? null}
            disabled={!open}
            legend={legend}
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
            legend={legend}
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
            legend={legend}
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
      case "open": {
        const text = openText(current);
        return (
          <BallotOpen
            value={text}
            maxLength={LIMITS.openAnswer}
            disabled={!open}
            legend={legend}
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
    : question.kind === "single"
      ? "pickOneFirst"
      : question.kind === "scale"
        ? "scaleValueFirst"
        : question.kind === "ranking"
          ? "rankingPickFirst"
          : "openWriteFirst";
  const showReceipt = send.kind === "counted" || (!dirty && stored !== undefined && send.kind === "idle");

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {ballot()}
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
            ) : question.kind === "multiple" && pickedOptions(current).length === 0 ? (
              <p className="hint">{t("noneSelected")}</p>
            ) : null}
          </div>
        ) : null}
      </form>

      <div aria-live="polite" className="phone__feedback">
        {!open ? (
          <p className="notice" data-testid="closed-message">
            {t("closedMessage")} {stored === undefined ? t("notVoted") : null}
          </p>
        ) : send.kind === "sending" && connection !== "connected" ? (
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
            <strong>{t("receipt")}</strong> {t("receiptChange")}
          </p>
        ) : null}
      </div>
    </>
  );
}
