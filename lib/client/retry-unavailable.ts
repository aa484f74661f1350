/** Send a request again, with a backoff, while the server answers `unavailable` (nothing was stored). */
import type { Ack } from "../protocol";

/** How long to wait before the n-th new attempt (0-based): 0.5 s, 1 s, 2 s, 4 s, then 5 s. */
export function unavailableBackoffMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5000);
}

/**
 * Send a request again while the server answers `unavailable` (its database is restarting or failing over):
 * nothing was stored, and the request carries its own id, so sending it again cannot count twice. Any other
 * answer, and the last `unavailable` after `attempts` tries, is returned as it is.
 */
export async function retryWhileUnavailable<T>(
  send: () => Promise<Ack<T>>,
  attempts = 8,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Ack<T>> {
  for (let attempt = 0; ; attempt++) {
    const ack = await send();
    if (ack.ok || ack.error.code !== "unavailable" || attempt + 1 >= attempts) return ack;
    await wait(unavailableBackoffMs(attempt));
  }
}
