/** What this browser keeps between visits: its participant id, host and screen keys, its sessions, its language. */
import { isLanguage, type Language } from "../i18n";

/**
 * What the browser remembers between visits. Keys are read after mount (never during server rendering)
 * because localStorage does not exist there.
 */
const PARTICIPANT_ID = "tafelronde:participant-id";
const hostKeyName = (sessionId: string) => `tafelronde:host-key:${sessionId}`;
const screenKeyName = (sessionId: string) => `tafelronde:screen-key:${sessionId}`;
const LANGUAGE = "tafelronde:language";
const SESSIONS = "tafelronde:sessions";

/** A session this browser created or opened as facilitator, for the home page's list. */
export interface KnownSession {
  id: string;
  title: string;
  createdAt: string;
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A random id for this browser, so a participant sees their own answer again after a reload. */
export function participantId(): string {
  let id = localStorage.getItem(PARTICIPANT_ID);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = randomId();
    localStorage.setItem(PARTICIPANT_ID, id);
  }
  return id;
}

/** Fresh id for one cast, so a retried emit is recognised by the server. */
export function newVoteId(): string {
  return randomId();
}

/** Fresh id for one facilitator command (one click): the server applies a retried emit of it once. */
export function newCommandId(): string {
  return randomId();
}

/** Read a key from the URL fragment (`#key=...`), keep it, and take it out of the address bar. */
export function takeKeyFromFragment(storageName: string): string | null {
  const match = /(?:^#|&)key=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    localStorage.setItem(storageName, match[1]);
    // The key must not stay visible in the address bar of a projected laptop.
    history.replaceState(null, "", window.location.pathname + window.location.search);
    return match[1];
  }
  return localStorage.getItem(storageName);
}

export function hostKeyFor(sessionId: string): string | null {
  const key = takeKeyFromFragment(hostKeyName(sessionId));
  // A console opened from its link in a new browser joins this browser's list too.
  if (key && !knownSessions().some((s) => s.id === sessionId)) rememberSession({ id: sessionId, title: "", createdAt: new Date().toISOString() });
  return key;
}

/** Sessions this browser holds a host key for, newest first. */
export function knownSessions(): KnownSession[] {
  try {
    const list = JSON.parse(localStorage.getItem(SESSIONS) ?? "[]") as KnownSession[];
    return Array.isArray(list) ? list.filter((s) => typeof s?.id === "string" && localStorage.getItem(hostKeyName(s.id))) : [];
  } catch {
    return [];
  }
}

export function rememberSession(session: KnownSession): void {
  const others = knownSessions().filter((s) => s.id !== session.id);
  localStorage.setItem(SESSIONS, JSON.stringify([session, ...others].slice(0, 200)));
}

/** Change a remembered session where it stands in the list (a new title), without moving it to the top. */
export function updateKnownSession(sessionId: string, change: Partial<Omit<KnownSession, "id">>): void {
  localStorage.setItem(SESSIONS, JSON.stringify(knownSessions().map((s) => (s.id === sessionId ? { ...s, ...change } : s))));
}

export function storedHostKey(sessionId: string): string | null {
  return localStorage.getItem(hostKeyName(sessionId));
}
export const screenKeyFor = (sessionId: string) => takeKeyFromFragment(screenKeyName(sessionId));

export function rememberHostKey(sessionId: string, hostKey: string): void {
  localStorage.setItem(hostKeyName(sessionId), hostKey);
}

/** After the session was deleted its keys are useless: do not keep secrets around. */
export function forgetSessionKeys(sessionId: string): void {
  localStorage.removeItem(hostKeyName(sessionId));
  localStorage.removeItem(screenKeyName(sessionId));
  localStorage.setItem(SESSIONS, JSON.stringify(knownSessions().filter((s) => s.id !== sessionId)));
}

export function preferredLanguage(): Language | null {
  const value = localStorage.getItem(LANGUAGE);
  return isLanguage(value) ? value : null;
}

export function setPreferredLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE, language);
}

/** The sessions this browser holds host keys for, with their keys: what a keyring file or recovery link carries. */
export function keyringSessions(): { id: string; title: string; createdAt: string; hostKey: string }[] {
  return knownSessions().flatMap((s) => {
    const hostKey = storedHostKey(s.id);
    return hostKey ? [{ ...s, hostKey }] : [];
  });
}
