"use client";
/** The console's results page for participants: publish it for some days, see where and until when, withdraw it. */
import { useId, useState } from "react";
import { PUBLICATION_DAYS } from "@/lib/poll/publication";

export interface PublicationPanelProps {
  /** The page while it is up: its path and when it goes down (written in the console's language). */
  publication: { path: string; until: string } | null;
  busy: boolean;
  words: { title: string; intro: string; days: string; publish: string; republish: string; up: string; open: string; withdraw: string };
  onPublish: (days: number) => void;
  onWithdraw: () => void;
}

export function PublicationPanel({ publication, busy, words, onPublish, onWithdraw }: PublicationPanelProps) {
  const ids = useId();
  const [days, setDays] = useState<number>(PUBLICATION_DAYS.default);
  return (
    <section className="publication-panel" aria-labelledby={`${ids}-title`} data-testid="publication-panel">
      <h3 id={`${ids}-title`}>{words.title}</h3>
      <p className="hint">{words.intro}</p>
      {publication ? (
        <p data-testid="publication-up">
          {words.up}{" "}
          <a href={publication.path} target="_blank" rel="noopener" data-testid="publication-link">
            {words.open}
          </a>
        </p>
      ) : null}
      <div className="publication-panel__row">
        <label htmlFor={`${ids}-days`}>{words.days}</label>
        <input
          id={`${ids}-days`}
          className="input"
          type="number"
          min={1}
          max={PUBLICATION_DAYS.max}
          value={days}
          onChange={(e) => setDays(Math.min(PUBLICATION_DAYS.max, Math.max(1, Math.round(Number(e.target.value) || 1))))}
          data-testid="publication-days"
        />
        <button type="button" className="button" disabled={busy} onClick={() => onPublish(days)} data-testid="publication-publish">
          {publication ? words.republish : words.publish}
        </button>
        {publication ? (
          <button type="button" className="button button--quiet" disabled={busy} onClick={onWithdraw} data-testid="publication-withdraw">
            {words.withdraw}
          </button>
        ) : null}
      </div>
    </section>
  );
}
