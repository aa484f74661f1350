"use client";
/** The participants' results page on the projector: its QR code and link, where the join panel stands. */
import { QrCode } from "./qr-code";
import "./join-panel.css";

export function ResultsLinkPanel({ url, atLabel, label }: { url: string; atLabel: string; label: string }) {
  const display = new URL(url);
  return (
    <section className="join-panel join-panel--screen" aria-label={label} data-testid="results-link-panel">
      <QrCode value={url} size={260} label={`QR: ${url}`} />
      <div className="join-panel__text">
        <p className="join-panel__at">{atLabel}</p>
        <p className="join-panel__at">
          <a href={url} data-testid="results-link">
            {display.host}
            {display.pathname.slice(0, 16)}…
          </a>
        </p>
      </div>
    </section>
  );
}
