"use client";
/** How phones get in: the code in large type, the link and its QR code. */
import { QrCode } from "./qr-code";
import "./join-panel.css";

export interface JoinPanelProps {
  code: string;
  joinUrl: string;
  joinAtLabel: string;
  codeLabel: string;
  size: "screen" | "compact";
}

/** The join panel of the console ("compact") and of the projector ("screen", sized by the screen's own CSS). */
export function JoinPanel({ code, joinUrl, joinAtLabel, codeLabel, size }: JoinPanelProps) {
  const display = new URL(joinUrl);
  return (
    <section className={`join-panel join-panel--${size}`} aria-label={codeLabel}>
      <QrCode value={joinUrl} size={size === "screen" ? 260 : 150} label={`QR: ${joinUrl}`} />
      <div className="join-panel__text">
        <p className="join-panel__at">
          {joinAtLabel} <a href={joinUrl} data-testid="join-link">{display.host}{display.pathname}</a>
        </p>
        <p className="join-panel__code">
          <span className="join-panel__code-label">{codeLabel}</span>{" "}
          <strong data-testid="join-code" className="join-code">{code}</strong>
        </p>
      </div>
    </section>
  );
}
