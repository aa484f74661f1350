/**
 * A facilitator's keys to take to another device: the sessions this browser holds host keys for, as a file or as a
 * recovery link (in its #fragment, which browsers never send to a server). Parsed by hand, without zod: it runs in
 * the home page's bundle.
 */

/** One session in a keyring: enough to list it and to run it. */
export interface KeyringSession {
  id: string;
  title: string;
  createdAt: string;
  hostKey: string;
}

export interface Keyring {
  format: "tafelronde-keys";
  version: 1;
  savedAt: string;
  sessions: KeyringSession[];
}

/** Why a file or link is no keyring. */
export type KeyringProblem = "not_json" | "not_keyring" | "empty";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

export function makeKeyring(sessions: readonly KeyringSession[], savedAt: Date): Keyring {
  return { format: "tafelronde-keys", version: 1, savedAt: savedAt.toISOString(), sessions: sessions.map(({ id, title, createdAt, hostKey }) => ({ id, title, createdAt, hostKey })) };
}

function sessionOf(value: unknown): KeyringSession | null {
  if (!value || typeof value !== "object") return null;
  const { id, title, createdAt, hostKey } = value as Record<string, unknown>;
  if (typeof id !== "string" || !ID.test(id) || typeof hostKey !== "string" || !KEY.test(hostKey)) return null;
  return { id, hostKey, title: typeof title === "string" ? title.slice(0, 200) : "", createdAt: typeof createdAt === "string" ? createdAt.slice(0, 40) : "" };
}

/** The sessions of a keyring file's text; entries that are not a session with an id and a key are left out. */
export function parseKeyring(text: string): { ok: true; sessions: KeyringSession[] } | { ok: false; problem: KeyringProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not_json" };
  }
  const keyring = value as Partial<Keyring> | null;
  if (!keyring || keyring.format !== "tafelronde-keys" || !Array.isArray(keyring.sessions)) return { ok: false, problem: "not_keyring" };
  const sessions = keyring.sessions.flatMap((s) => sessionOf(s) ?? []);
  return sessions.length === 0 ? { ok: false, problem: "empty" } : { ok: true, sessions };
}

const RESTORE = "restore=";

/** base64url of UTF-8, in the browser and in Node alike. */
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The fragment of a recovery link (`#restore=…`): the keyring, compact. */
export function recoveryFragment(keyring: Keyring): string {
  return `#${RESTORE}${toBase64Url(JSON.stringify(keyring))}`;
}

/** The keyring of a recovery link's fragment; `null` when the fragment is no recovery link at all. */
export function parseRecoveryFragment(hash: string): ReturnType<typeof parseKeyring> | null {
  const fragment = hash.replace(/^#/, "");
  if (!fragment.startsWith(RESTORE)) return null;
  try {
    return parseKeyring(fromBase64Url(fragment.slice(RESTORE.length)));
  } catch {
    return { ok: false, problem: "not_json" };
  }
}
