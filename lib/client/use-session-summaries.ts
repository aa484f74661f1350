"use client";
/** The server's own figures for the sessions this browser knows, for the home page's list and the comparison. */
import { useCallback, useEffect, useState } from "react";
import type { SessionSummary } from "../protocol";
import { api } from "./api-client";
import { storedHostKey, type KnownSession } from "./local";

/**
 * A session's summary, or why there is none: `gone` when the server no longer has it (deleted elsewhere, or
 * removed after the retention period) or no longer takes this key; `error` when it could not be asked.
 * A session missing from the record is still loading.
 */
export type SummaryState = SessionSummary | "gone" | "error";

export function useSessionSummaries(sessions: readonly KnownSession[]) {
  const [summaries, setSummaries] = useState<Record<string, SummaryState>>({});

  const load = useCallback(async (id: string) => {
    const key = storedHostKey(id);
    if (!key) return;
    const res = await api.summary(id, key);
    setSummaries((m) => ({ ...m, [id]: res.ok ? res.data : res.status === 403 || res.status === 404 ? "gone" : "error" }));
  }, []);

  useEffect(() => {
    for (const s of sessions) void load(s.id);
  }, [sessions, load]);

  /** Put what the server answered to a change (a rename) into the record without asking again. */
  const patch = useCallback((id: string, change: (summary: SessionSummary) => SessionSummary) => {
    setSummaries((m) => {
      const current = m[id];
      return typeof current === "object" ? { ...m, [id]: change(current) } : m;
    });
  }, []);

  return { summaries, reload: load, patch };
}

/** The summary when there is one. */
export const summaryOf = (state: SummaryState | undefined): SessionSummary | undefined => (typeof state === "object" ? state : undefined);
