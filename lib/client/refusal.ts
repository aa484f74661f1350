import type { MessageKey } from "../i18n";

/** Which message to show for a refused handshake (`connect_error` messages start with their code). */
export function refusalMessageKey(refusal: string | undefined): MessageKey {
  if (refusal?.startsWith("session_deleted")) return "sessionDeleted";
  if (refusal?.startsWith("session_not_found")) return "sessionNotFound";
  if (refusal?.startsWith("rate_limited")) return "rateLimited";
  if (refusal?.startsWith("unauthorized")) return "wrongKey";
  return "errorGeneric";
}
