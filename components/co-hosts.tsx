"use client";
/** The owner's co-facilitator links: make one for a colleague (shown once), see who has one, revoke one. */
import { useId, useState, type FormEvent } from "react";
import type { CoHostView, CreatedCoHost } from "@/lib/protocol";

export interface CoHostsProps {
  coHosts: CoHostView[];
  busy: boolean;
  words: { title: string; intro: string; label: string; create: string; link: (label: string) => string; revoke: string; revokeName: (label: string) => string; revoked: string };
  /** Resolves with the new link, or null when it could not be made. */
  onCreate: (label: string) => Promise<CreatedCoHost | null>;
  onRevoke: (coHostId: string) => void;
}

export function CoHosts({ coHosts, busy, words, onCreate, onRevoke }: CoHostsProps) {
  const ids = useId();
  const [label, setLabel] = useState("");
  const [made, setMade] = useState<CreatedCoHost | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (label.trim() === "" || busy) return;
    const created = await onCreate(label.trim());
    if (created) {
      setMade(created);
      setLabel("");
    }
  }

  return (
    <section className="co-hosts" aria-labelledby={`${ids}-title`} data-testid="co-hosts">
      <h3 id={`${ids}-title`}>{words.title}</h3>
      <p className="hint">{words.intro}</p>
      <form className="co-hosts__form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${ids}-label`}>{words.label}</label>
        <div className="co-hosts__row">
          <input id={`${ids}-label`} className="input" maxLength={60} value={label} onChange={(e) => setLabel(e.target.value)} data-testid="co-host-label" />
          <button type="submit" className="button" disabled={busy || label.trim() === ""} data-testid="co-host-create">
            {words.create}
          </button>
        </div>
      </form>
      {made ? (
        <p className="co-hosts__made">
          <label htmlFor={`${ids}-link`}>{words.link(made.label)}</label>
          <input id={`${ids}-link`} className="input" readOnly value={made.link} onFocus={(e) => e.target.select()} data-testid="co-host-link" />
        </p>
      ) : null}
      {coHosts.length > 0 ? (
        <ul className="co-hosts__list" data-testid="co-host-list">
          {coHosts.map((c) => (
            <li key={c.id} className={c.revokedAt ? "is-revoked" : undefined}>
              <span>
                {c.label}
                {c.revokedAt ? <span className="hint"> · {words.revoked}</span> : null}
              </span>
              {c.revokedAt ? null : (
                <button type="button" className="button button--quiet" aria-label={words.revokeName(c.label)} disabled={busy} onClick={() => onRevoke(c.id)} data-testid="co-host-revoke">
                  {words.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
