/** How the browser reads a refused handshake: which refusals retrying cures, and which message to show. */
import type { MessageKey } from "../i18n";

/**
 * A refusal that retrying can cure: the server's database was unreachable for a moment (`unavailable`). The
 * code is matched as text so the phone's bundle does not pull in the protocol's schemas.
 */
export function refusalIsTemporary(refusal: string | undefined): boolean {
  return refusal?.startsWith("unavailable") === true;
}

/** Which message to show for a refused handshake (`connect_error` messages start with their code). */
export function refusalMessageKey(refusal: string | undefined): MessageKey {
  if (refusal?.startsWith("session_deleted")) return "sessionDeleted";
  if (refusal?.startsWith("access_revoked")) return "accessRevoked";
  if (refusal?.startsWith("session_not_found")) return "sessionNotFound";
  if (refusal?.startsWith("rate_limited")) return "rateLimited";
  if (refusal?.startsWith("unauthorized")) return "wrongKey";
  return "errorGeneric";
}
