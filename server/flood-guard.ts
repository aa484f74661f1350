/** Rate limits: per socket (events a second), per address or IPv6 /64 (failed joins, sessions created), in memory or Redis. */
import ipaddr from "ipaddr.js";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

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
 * A limiter per address shared by every node through Redis, so failed joins spread over three nodes still
 * count as one address's failures. While Redis is away each node falls back to its own memory, so a Redis
 * restart neither locks the room out nor opens the door.
 */
function sharedLimiter(redis: unknown | undefined, keyPrefix: string, opts: { points: number; duration: number; blockDuration?: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory(opts);
  if (!redis) return memory;
  return new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true, keyPrefix: `tafelronde:${keyPrefix}`, rejectIfRedisNotReady: true, insuranceLimiter: memory });
}

/**
 * One socket's allowance: `limit` events per fixed one-second window, counted on the socket itself. The memory
 * limiter of rate-limiter-flexible kept a record and a timer per socket and window; at 10,000 votes a second
 * those lived just long enough to reach V8's old generation and brought on major collections (bench runs with
 * --trace-gc: two in one phase and an ack p99 of 200–230 ms; with the limiter off, none and 24–40 ms). This
 * counter allocates nothing per event and answers at once.
 */
export class SocketEventBudget {
  private windowStart = -Infinity;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Count one event; false when it is over the limit of the current window. */
  take(): boolean {
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.limit;
  }
}

/**
 * The key a per-address limit counts under. An IPv6 address counts by its /64 network: a home line or a phone gets a
 * whole /64 and could take a fresh address for every try. An IPv4 address counts as itself, also when it comes
 * IPv4-mapped (`::ffff:203.0.113.7`, as a dual-stack socket reports it). Anything else (a unix socket, "unknown")
 * as it is.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(":")}::/64`;
}

/**
 * Throttles abuse without hurting the room. A whole conference hall often reaches the server from one
 * address behind the venue's NAT, so nothing that succeeds is limited per address: per-address limits count
 * only failed joins and session creation; votes and other events are limited per socket.
 */
export class FloodGuard {
  private readonly strikes: RateLimiterMemory;
  private readonly failedJoins: RateLimiterAbstract;
  private readonly creates: RateLimiterAbstract;

  /**
   * `redis`: a connected node-redis client when several nodes serve the same rooms. Per-socket limits stay in
   * memory: a socket lives on one node.
   */
  constructor(
    readonly limits: FloodLimits = DEFAULT_FLOOD_LIMITS,
    redis?: unknown,
  ) {
    this.strikes = new RateLimiterMemory({ points: limits.socketStrikes, duration: 10 });
    this.failedJoins = sharedLimiter(redis, "failed-joins", { points: limits.failedJoinsPerMinute, duration: 60, blockDuration: 60 });
    this.creates = sharedLimiter(redis, "creates", { points: limits.sessionCreatesPerHour, duration: 3600 });
  }

  /** A new socket's event allowance (socketEventsPerSecond), kept with the socket. */
  socketBudget(): SocketEventBudget {
    return new SocketEventBudget(this.limits.socketEventsPerSecond);
  }

  /** Count a refused event; false when the socket has been refused too often and should be dropped. */
  socketStrike(socketId: string): Promise<boolean> {
    return allowed(this.strikes.consume(socketId));
  }

  /** Is this address still allowed to try joining? (Checked before the attempt.) */
  async joinAllowed(address: string): Promise<boolean> {
    const res = await this.failedJoins.get(addressKey(address));
    return res === null || res.remainingPoints > 0;
  }

  /** Count a failed join of this address. */
  async joinFailed(address: string): Promise<void> {
    await allowed(this.failedJoins.consume(addressKey(address)));
  }

  /** Count a session created by this address; false over the hour's limit. */
  createAllowed(address: string): Promise<boolean> {
    return allowed(this.creates.consume(addressKey(address)));
  }
}
