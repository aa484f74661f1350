/** The per-socket event budget: a fixed one-second window counted with the socket. */
import { describe, expect, it } from "vitest";
import { SocketEventBudget } from "./flood-guard";

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
