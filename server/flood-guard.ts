import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface FloodLimits {
  /** Events one socket may send per second (a person votes a few times a minute). */
  socketEventsPerSecond: number;
  /** Refused events per socket within 10 s after which the socket is disconnected. */
  socketStrikes: number;
  /** Failed joins (unknown code, wrong key) per address per minute; then the address waits a minute. */
  failedJoinsPerMinute: number;
  /** Sessions created per address per hour. */
  sessionCreatesPerHour: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  socketEventsPerSecond: 10,
  socketStrikes: 30,
  failedJoinsPerMinute: 20,
  sessionCreatesPerHour: 60,
};

/** true when the limiter said no (rate-limiter-flexible rejects with a RateLimiterRes). */
async function allowed(consume: Promise<RateLimiterRes>): Promise<boolean> {
  try {
    await consume;
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/**
 * Throttles abuse without hurting the room. A whole conference hall often reaches the server from one
 * address behind the venue's NAT, so nothing that succeeds is limited per address: per-address limits count
 * only failed joins and session creation; votes and other events are limited per socket.
 */
export class FloodGuard {
  private readonly events: RateLimiterMemory;
  private readonly strikes: RateLimiterMemory;
  private readonly failedJoins: RateLimiterMemory;
  private readonly creates: RateLimiterMemory;

  constructor(readonly limits: FloodLimits = DEFAULT_FLOOD_LIMITS) {
    this.events = new RateLimiterMemory({ points: limits.socketEventsPerSecond, duration: 1 });
    this.strikes = new RateLimiterMemory({ points: limits.socketStrikes, duration: 10 });
    this.failedJoins = new RateLimiterMemory({ points: limits.failedJoinsPerMinute, duration: 60, blockDuration: 60 });
    this.creates = new RateLimiterMemory({ points: limits.sessionCreatesPerHour, duration: 3600 });
  }

  /** May this socket send another event now? */
  socketEvent(socketId: string): Promise<boolean> {
    return allowed(this.events.consume(socketId));
  }

  /** Count a refused event; false when the socket has been refused too often and should be dropped. */
  socketStrike(socketId: string): Promise<boolean> {
    return allowed(this.strikes.consume(socketId));
  }

  /** Is this address still allowed to try joining? (Checked before the attempt.) */
  async joinAllowed(address: string): Promise<boolean> {
    const res = await this.failedJoins.get(address);
    return res === null || res.remainingPoints > 0;
  }

  /** Count a failed join of this address. */
  async joinFailed(address: string): Promise<void> {
    await allowed(this.failedJoins.consume(address));
  }

  createAllowed(address: string): Promise<boolean> {
    return allowed(this.creates.consume(address));
  }
}
