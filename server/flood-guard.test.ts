/** The per-socket event budget (a fixed one-second window counted with the socket) and the key of a per-address limit. */
import { describe, expect, it } from "vitest";
import { addressKey, FloodGuard, SocketEventBudget } from "./flood-guard";

describe("SocketEventBudget", () => {
  it("allows `limit` events per one-second window, counted from the window's first event", () => {
    let now = 5_000;
    const budget = new SocketEventBudget(3, () => now);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    now = 5_999;
    expect(budget.take()).toBe(false);
    now = 6_000;
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
  });

  it("starts a fresh window after a quiet spell, however long", () => {
    let now = 0;
    const budget = new SocketEventBudget(1, () => now);
    expect(budget.take()).toBe(true);
    now = 60_000;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });
});

describe("addressKey", () => {
  it.each([
    ["an IPv4 address as itself", "203.0.113.7", "203.0.113.7"],
    ["an IPv4-mapped address as its IPv4 address", "::ffff:203.0.113.7", "203.0.113.7"],
    ["an IPv6 address by its /64", "2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["another address of that /64, written otherwise, the same", "2001:DB8:0001:0002:ffff:0:0:9", "2001:db8:1:2::/64"],
    ["the next /64 apart", "2001:db8:1:3::1", "2001:db8:1:3::/64"],
    ["a link-local address with its zone by its /64", "fe80::1%eth0", "fe80:0:0:0::/64"],
    ["what is no address as it is", "unknown", "unknown"],
  ])("counts %s", (_name, address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe("FloodGuard per address", () => {
  it("refuses a guesser that takes a fresh IPv6 address for every failed join, and not the next /64", async () => {
    const guard = new FloodGuard({ socketEventsPerSecond: 10, socketStrikes: 30, failedJoinsPerMinute: 5, sessionCreatesPerHour: 60 });
    for (let i = 1; i <= 5; i++) {
      expect(await guard.joinAllowed(`2001:db8:1:2::${i.toString(16)}`)).toBe(true);
      await guard.joinFailed(`2001:db8:1:2::${i.toString(16)}`);
    }
    expect(await guard.joinAllowed("2001:db8:1:2:abcd::99")).toBe(false);
    expect(await guard.joinAllowed("2001:db8:1:3::1")).toBe(true);
  });

  it("counts sessions created from one /64 together", async () => {
    const guard = new FloodGuard({ socketEventsPerSecond: 10, socketStrikes: 30, failedJoinsPerMinute: 20, sessionCreatesPerHour: 2 });
    expect(await guard.createAllowed("2001:db8::1")).toBe(true);
    expect(await guard.createAllowed("2001:db8::2")).toBe(true);
    expect(await guard.createAllowed("2001:db8::3")).toBe(false);
    expect(await guard.createAllowed("2001:db8:0:1::3")).toBe(true);
  });
});
