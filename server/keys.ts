/** Secrets and pseudonyms: host and screen keys, ids, join codes, key hashes, participant keys. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { joinCodeFromBytes } from "../lib/join-code";

/** 192 random bits, base64url: host and screen keys are bearer secrets. */
export function newSecretKey(): string {
  return randomBytes(24).toString("base64url");
}

/** Ids are not secret (they appear in console and screen links), but must not be guessable in sequence. */
export function newId(prefix = ""): string {
  return prefix + randomBytes(9).toString("base64url");
}

export function newJoinCode(): string {
  const bytes = randomBytes(32);
  let i = 0;
  return joinCodeFromBytes(() => {
    if (i >= bytes.length) {
      randomBytes(32).copy(bytes);
      i = 0;
    }
    return bytes[i++] ?? 0;
  });
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Compare a presented key with a stored hash in constant time, so timing reveals nothing of the key. */
export function keyMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The participant key stored with a ballot: a keyed hash of the browser's random id and the session, so the
 * same phone cannot be linked across sessions from the database alone.
 */
export function participantKey(secret: Buffer, sessionId: string, participantId: string): string {
  return createHmac("sha256", secret).update(`${sessionId}\u0000${participantId}`).digest("base64url");
}

/** A key derived from the server secret for one purpose and one session (base64url, 192 bits). */
export function derivedKey(secret: Buffer, purpose: string, sessionId: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${sessionId}`).digest().subarray(0, 24).toString("base64url");
}
