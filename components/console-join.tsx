"use client";
/** How phones get in, as the facilitator reads it out: the code, the link and a small QR code. */
import { QrCode } from "./qr-code";

export interface ConsoleJoinProps {
  code: string;
  joinUrl: string;
  labels: { title: string; joinAt: string; code: string };
}

/**
 * The join code and link for the console. A line may break only between the link's host and its path: a code
 * read aloud as "7 WCHTN" or a link cut inside it sends a room of phones to the wrong place.
 */
export function ConsoleJoin({ code, joinUrl, labels: l }: ConsoleJoinProps) {
  const url = new URL(joinUrl);
  return (
    <section className="console-join console-card" aria-label={l.title} data-testid="console-join">
      <QrCode value={joinUrl} size={96} label={`QR: ${joinUrl}`} />
      <div className="console-join__text">
        <p className="console-join__code">
          <span className="console-join__label">{l.code}</span>{" "}
          <strong data-testid="join-code" className="join-code console-join__code-value">
            {code}
          </strong>
        </p>
        <p className="console-join__at">
          <span className="console-join__label">{l.joinAt}</span>{" "}
          <a href={joinUrl} data-testid="join-link" className="console-join__link">
            <span className="console-join__host">{url.host}</span>
            <wbr />
            <span className="console-join__path" data-testid="join-link-path">
              {url.pathname}
            </span>
          </a>
        </p>
      </div>
    </section>
  );
}
