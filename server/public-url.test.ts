/** Which address the per-address limits count: X-Forwarded-For read from the right, as many entries as trusted proxies. */
import { describe, expect, it } from "vitest";
import { clientAddress } from "./public-url";

const PEER = "10.0.0.5";

describe("clientAddress", () => {
  // Regression: with TRUST_PROXY the first entry was taken, which the client writes itself (nginx appends to it),
  // so a guesser escaped the failed-join and session-creation limits with a fresh forged address each time.
  it.each<[string, string | string[] | undefined, number, string]>([
    ["no proxy: the socket's peer, whatever the header says", "203.0.113.9", 0, PEER],
    ["no proxy, no header", undefined, 0, PEER],
    ["one proxy, a client without a header of its own", "198.51.100.1", 1, "198.51.100.1"],
    ["one proxy, a forged entry before the one nginx added", "203.0.113.9, 198.51.100.1", 1, "198.51.100.1"],
    ["one proxy, several forged entries", "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.1", 1, "198.51.100.1"],
    ["one proxy, forged lines before nginx's as separate header lines", ["203.0.113.9", "203.0.113.10, 198.51.100.1"], 1, "198.51.100.1"],
    ["one proxy, whitespace and empty entries", "  203.0.113.9 ,, ,198.51.100.1  ", 1, "198.51.100.1"],
    ["one proxy, an IPv6 client", "203.0.113.9, 2001:db8::7", 1, "2001:db8::7"],
    ["one proxy, an IPv6 forgery before an IPv4 client", "2001:db8::bad, 198.51.100.1", 1, "198.51.100.1"],
    ["two proxies: the entry the outer one added, not the outer proxy's own address", "203.0.113.9, 198.51.100.1, 192.0.2.1", 2, "198.51.100.1"],
    ["two proxies, over two header lines", ["203.0.113.9, 198.51.100.1", "192.0.2.1"], 2, "198.51.100.1"],
    ["one proxy, no header (the request came around the proxy)", undefined, 1, PEER],
    ["one proxy, an empty header", "", 1, PEER],
    ["one proxy, a header of only commas and spaces", " , ,", 1, PEER],
    ["two proxies, fewer entries than hops: no entry is believed", "203.0.113.9", 2, PEER],
    ["three proxies, fewer entries than hops over two lines", ["203.0.113.9", "198.51.100.1"], 3, PEER],
    ["one proxy, no header lines at all", [], 1, PEER],
  ])("%s", (_, header, hops, expected) => {
    expect(clientAddress({ "x-forwarded-for": header }, PEER, hops)).toBe(expected);
  });

  it("says unknown when neither the header nor the socket names an address", () => {
    expect(clientAddress({}, undefined, 1)).toBe("unknown");
  });
});
