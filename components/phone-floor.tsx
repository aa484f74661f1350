"use client";
/** The phone's questions from the floor: ask the speaker or panel (anonymous unless named), upvote others' questions. */
import { useId, useState, type FormEvent } from "react";
import { formatNumber, type Language } from "@/lib/i18n";
import { floorWord, type FloorKey } from "@/lib/messages/floor";
import { LIMITS } from "@/lib/protocol-constants";
import type { Ack, FloorMine, FloorQuestionView, FloorView, FloorVoted } from "@/lib/protocol";
import "./phone-floor.css";

export interface PhoneFloorProps {
  floor: FloorView;
  mine: FloorMine | undefined;
  language: Language;
  /** Resolves with the server's ack, once the question is stored (or refused). */
  onAsk: (text: string, name: string) => Promise<Ack<{ question: FloorQuestionView }>>;
  onUpvote: (floorId: string, up: boolean) => Promise<Ack<FloorVoted>>;
}

type AskState = { kind: "idle" } | { kind: "sending" } | { kind: "sent"; id: string } | { kind: "failed"; reason: FloorKey };

function Meta({ question, yours, language }: { question: FloorQuestionView; yours: boolean; language: Language }) {
  const w = (key: FloorKey, values?: Record<string, string | number>) => floorWord(language, key, values);
  const parts = [question.name ?? w("floorAnonymous"), w("floorVotes", { n: formatNumber(language, question.votes) })];
  return (
    <p className="floor__meta">
      {parts.join(" · ")}
      {yours ? <span className="floor__tag">{w("floorYours")}</span> : null}
      {question.answered ? <span className="floor__tag floor__tag--done">{w("floorAnswered")}</span> : null}
      {question.status === "pending" ? <span className="floor__tag floor__tag--pending">{w("floorPending")}</span> : null}
    </p>
  );
}

export function PhoneFloor({ floor, mine, language, onAsk, onUpvote }: PhoneFloorProps) {
  const w = (key: FloorKey, values?: Record<string, string | number>) => floorWord(language, key, values);
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [ask, setAsk] = useState<AskState>({ kind: "idle" });
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const ids = useId();
  const upvoted = new Set(mine?.upvoted ?? []);
  const own = new Set((mine?.asked ?? []).map((q) => q.id));
  // The participant's own questions that the room does not see yet (waiting for approval) come first.
  const waiting = (mine?.asked ?? []).filter((q) => q.status === "pending");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "" || ask.kind === "sending") return;
    setAsk({ kind: "sending" });
    const ack = await onAsk(text, name);
    if (ack.ok) {
      setText("");
      setAsk({ kind: "sent", id: ack.data.question.id });
      return;
    }
    const full = ack.error.code === "rate_limited" && (mine?.asked.length ?? 0) >= LIMITS.floorPerParticipant - 1;
    setAsk({ kind: "failed", reason: ack.error.code === "floor_closed" ? "floorClosed" : full ? "floorFull" : "floorRetry" });
  }

  async function upvote(q: FloorQuestionView) {
    setBusy((b) => new Set(b).add(q.id));
    try {
      await onUpvote(q.id, !upvoted.has(q.id));
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(q.id);
        return next;
      });
    }
  }

  const left = LIMITS.floorText - text.length;
  // The receipt follows the question: "waiting for approval" until the facilitator shows it.
  const sentPending = ask.kind === "sent" && waiting.some((q) => q.id === ask.id);
  const listTitle = floor.shown > floor.questions.length ? w("floorListMore", { n: formatNumber(language, floor.questions.length), total: formatNumber(language, floor.shown) }) : w("floorListTitle");

  return (
    <section className="floor" aria-labelledby={`${ids}-title`} data-testid="phone-floor">
      <h1 id={`${ids}-title`} className="phone__prompt">
        {w("floorTitle")}
      </h1>
      <p className="ballot__hint">{w("floorIntro")}</p>
      <form className="floor__ask" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={`${ids}-text`} className="floor__label">
          {w("floorAskLabel")}
        </label>
        <textarea
          id={`${ids}-text`}
          className="input floor__text-input"
          rows={3}
          maxLength={LIMITS.floorText}
          value={text}
          aria-describedby={`${ids}-counter`}
          onChange={(e) => setText(e.target.value)}
          data-testid="floor-text"
        />
        {/* Announced only near the limit: a count read out after every keystroke would drown the typing. */}
        <p id={`${ids}-counter`} className="floor__counter" aria-live={left <= 20 ? "polite" : "off"}>
          {w("floorCharsLeft", { n: formatNumber(language, left) })}
        </p>
        <label htmlFor={`${ids}-name`} className="floor__label">
          {w("floorNameLabel")}
        </label>
        <input
          id={`${ids}-name`}
          className="input"
          maxLength={LIMITS.floorName}
          autoComplete="name"
          value={name}
          aria-describedby={`${ids}-anonymous`}
          onChange={(e) => setName(e.target.value)}
          data-testid="floor-name"
        />
        <p id={`${ids}-anonymous`} className="hint">
          {w("floorAnonymousHint")}
        </p>
        <button type="submit" className="button button--primary floor__send" disabled={text.trim() === "" || ask.kind === "sending"} data-testid="floor-send">
          {ask.kind === "sending" ? w("floorSending") : w("floorAskButton")}
        </button>
        <div role="status" className="floor__feedback" data-testid="floor-feedback">
          {ask.kind === "sent" ? <p className="receipt">{w(sentPending ? "floorSentPending" : "floorSent")}</p> : null}
          {ask.kind === "failed" ? <p className="error">{w("floorAskError", { reason: w(ask.reason) })}</p> : null}
        </div>
      </form>

      <h2 className="floor__list-title">{listTitle}</h2>
      {floor.questions.length === 0 && waiting.length === 0 ? <p className="ballot__hint">{w("floorEmpty")}</p> : null}
      <ol className="floor__list" data-testid="floor-list">
        {waiting.map((q) => (
          <li key={q.id} className="floor__item floor__item--pending" data-testid="floor-item">
            <p className="floor__text">{q.text}</p>
            <Meta question={q} yours language={language} />
          </li>
        ))}
        {floor.questions.map((q) => {
          const pressed = upvoted.has(q.id);
          return (
            <li key={q.id} className={`floor__item${q.answered ? " is-answered" : ""}`} data-testid="floor-item">
              <p className="floor__text">{q.text}</p>
              <div className="floor__row">
                <Meta question={q} yours={own.has(q.id)} language={language} />
                <button
                  type="button"
                  className={`button floor__upvote${pressed ? " is-pressed" : ""}`}
                  aria-pressed={pressed}
                  aria-label={w("floorUpvoteName", { text: q.text })}
                  aria-busy={busy.has(q.id) || undefined}
                  disabled={busy.has(q.id)}
                  onClick={() => void upvote(q)}
                  data-testid="floor-upvote"
                >
                  <span aria-hidden="true">▲</span> {w("floorUpvote")}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
