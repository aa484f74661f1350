/** Addresses: the LAN address phones can reach, the base URL of links, allowed origins, the client's address behind proxies. */
import { networkInterfaces } from "node:os";

let cachedLan: { address: string | undefined; at: number } | undefined;
/** How long a looked-up LAN address is reused: a laptop may switch networks, but not per connection. */
const LAN_CACHE_MS = 30_000;

/**
 * The first non-internal IPv4 address: what phones on the same Wi-Fi can reach. Cached briefly, because every
 * handshake needs it and listing the interfaces costs more than the rest of a handshake (seen in a profile).
 */
export function lanAddress(now = Date.now()): string | undefined {
  if (cachedLan && now - cachedLan.at < LAN_CACHE_MS) return cachedLan.address;
  let address: string | undefined;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (!address && a.family === "IPv4" && !a.internal) address = a.address;
    }
  }
  cachedLan = { address, at: now };
  return address;
}

/** A Host header that names a host (and port) a URL can be built from. */
export function isValidHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    return new URL(`http://${hostHeader}`).host === hostHeader.toLowerCase().replace(/:80$/, "");
  } catch {
    return false;
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Base URL for links handed to phones. A phone cannot open "localhost", so when the facilitator opened the app
 * via localhost we use the machine's LAN address instead; PUBLIC_URL, when set, wins over both.
 */
export function publicBaseUrl(publicUrl: string | undefined, hostHeader: string | undefined, lan = lanAddress()): string {
  if (publicUrl) return publicUrl;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader ?? "localhost"}`);
  } catch {
    // A Host header that is no host at all (sent by a broken or hostile client): fall back to this machine.
    url = new URL("http://localhost");
  }
  if (LOCAL_HOSTS.has(url.hostname) && lan) url.hostname = lan;
  return url.origin;
}

/**
 * Browsers always send Origin on a WebSocket handshake and on a cross-site POST. A request is allowed when it
 * has no Origin (a non-browser tool), comes from the host it was sent to, or from a configured origin.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (hostHeader !== undefined && parsed.host === hostHeader) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}

/** The entries of X-Forwarded-For, left to right, over every header line (in the order they arrived). */
function forwardedEntries(header: string | string[] | undefined): string[] {
  const lines = Array.isArray(header) ? header : header === undefined ? [] : [header];
  // An empty entry ("a,,b", a blank line) can only come from the client's part of the header: every proxy
  // writes an address. Dropping them moves nothing out of the entries the proxies wrote, which are the last ones.
  return lines.flatMap((line) => line.split(",")).map((entry) => entry.trim()).filter(Boolean);
}

/**
 * The address a request came from, for the per-address limits. Behind reverse proxies every request comes from
 * the nearest proxy, so with `trustedHops` proxies in front the address is the X-Forwarded-For entry that many
 * places from the right: each proxy appends the peer it accepted the connection from, so the last `trustedHops`
 * entries are theirs and everything to the left was sent by someone else, possibly the client itself (so never
 * the first entry). A header with fewer entries did not come through all those proxies (a request that reached
 * the server around them), so none of its entries is believed and the socket's own peer counts.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined>, remoteAddress: string | undefined, trustedHops: number): string {
  if (trustedHops > 0) {
    const entries = forwardedEntries(headers["x-forwarded-for"]);
    const added = entries.length >= trustedHops ? entries[entries.length - trustedHops] : undefined;
    if (added) return added;
  }
  return remoteAddress ?? "unknown";
}
