/** Results messages coalesced per session and channel: a lone change at once, a stream at most once an interval. */
import type { Results } from "../../lib/protocol";

export interface ChannelTiming {
  /** Minimum time between two messages on this channel. */
  intervalMs: number;
}

interface ChannelState {
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Coalesces results messages per session and channel: a lone change goes out at once (leading edge); changes
 * that follow within the interval are folded into one trailing message, sent when the interval has passed.
 * So a screen gets at most 1000/interval messages a second and never waits longer than one interval.
 */
export class ResultsBroadcaster<T = Results> {
  private readonly channels = new Map<string, ChannelState>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (sessionId: string, value: T) => void,
    private readonly compute: (sessionId: string) => T | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  changed(sessionId: string): void {
    let state = this.channels.get(sessionId);
    if (!state) {
      state = { lastSentAt: -Infinity, timer: undefined };
      this.channels.set(sessionId, state);
    }
    if (state.timer) return;
    const wait = state.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush(sessionId, state);
    } else {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        this.flush(sessionId, state);
      }, wait);
    }
  }

  private flush(sessionId: string, state: ChannelState): void {
    state.lastSentAt = this.now();
    const results = this.compute(sessionId);
    if (results) this.send(sessionId, results);
  }

  /** Fresh results just went out by another route (with a state message): the interval starts again now. */
  sent(sessionId: string): void {
    const state = this.channels.get(sessionId);
    if (state) state.lastSentAt = this.now();
    else this.channels.set(sessionId, { lastSentAt: this.now(), timer: undefined });
  }

  /** Forget a session's timers (it has no sockets left). */
  forget(sessionId: string): void {
    const state = this.channels.get(sessionId);
    if (state?.timer) clearTimeout(state.timer);
    this.channels.delete(sessionId);
  }

  close(): void {
    for (const state of this.channels.values()) if (state.timer) clearTimeout(state.timer);
    this.channels.clear();
  }
}
