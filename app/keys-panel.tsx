"use client";
/** Take the facilitator's keys to another device: save them as a file or a recovery link, load them back. */
import { useId, useState } from "react";
import { api } from "@/lib/client/api-client";
import { downloadBlob } from "@/lib/client/download";
import { keyringSessions, rememberHostKey, rememberSession } from "@/lib/client/local";
import type { MessageKey } from "@/lib/i18n";
import { makeKeyring, parseKeyring, recoveryFragment, type KeyringSession } from "@/lib/keyring";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * Keep only the keys the server accepts (a deleted session, a mistyped key is left out), with the title and date the
 * server has now; resolves with how many were restored and refused.
 */
export async function restoreSessions(sessions: readonly KeyringSession[]): Promise<{ restored: number; refused: number }> {
  let restored = 0;
  // Each remembered session goes to the top of the list: the last first, so the list reads as it did on the other device.
  for (const s of [...sessions].reverse()) {
    const summary = await api.summary(s.id, s.hostKey);
    if (!summary.ok) continue;
    rememberHostKey(s.id, s.hostKey);
    rememberSession({ id: s.id, title: summary.data.session.title, createdAt: summary.data.createdAt });
    restored += 1;
  }
  return { restored, refused: sessions.length - restored };
}

/** What a restore says, in the page's language. */
export function restoredText(t: T, result: { restored: number; refused: number }): string {
  const restored = result.restored === 1 ? t("keysRestoredOne") : t("keysRestored", { n: result.restored });
  return result.refused > 0 ? `${restored} ${t("keysRejected", { n: result.refused })}` : restored;
}

export function KeysPanel({ t, count, onRestored }: { t: T; count: number; onRestored: (text: string) => void }) {
  const ids = useId();
  const [link, setLink] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function save() {
    const keyring = makeKeyring(keyringSessions(), new Date());
    const day = keyring.savedAt.slice(0, 10);
    downloadBlob(new Blob([JSON.stringify(keyring, null, 2)], { type: "application/json" }), `tafelronde-sleutels-${day}.json`);
  }

  async function load(file: File) {
    setProblem(null);
    const parsed = parseKeyring(await file.text());
    if (!parsed.ok) return setProblem(t("keysProblem"));
    onRestored(restoredText(t, await restoreSessions(parsed.sessions)));
  }

  return (
    <details className="keys-panel" data-testid="keys-panel">
      <summary>{t("keysTitle")}</summary>
      <p className="hint">{t("keysIntro")}</p>
      <div className="keys-panel__actions">
        <button type="button" className="button" disabled={count === 0} onClick={save} data-testid="keys-save">
          {t("keysSave")}
        </button>
        <button type="button" className="button" disabled={count === 0} onClick={() => setLink(`${window.location.origin}/${recoveryFragment(makeKeyring(keyringSessions(), new Date()))}`)} data-testid="keys-link">
          {t("keysLink")}
        </button>
        <label className="button keys-panel__load">
          {t("keysLoad")}
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void load(e.target.files[0])} data-testid="keys-load" />
        </label>
      </div>
      {link ? (
        <p className="keys-panel__link">
          <label htmlFor={`${ids}-link`}>{t("keysLinkLabel")}</label>
          <input id={`${ids}-link`} className="input" readOnly value={link} onFocus={(e) => e.target.select()} data-testid="keys-link-value" />
        </p>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </details>
  );
}
