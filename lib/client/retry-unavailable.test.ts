import { describe, expect, it } from "vitest";
import { fail, ok, type Ack } from "../protocol";
import { retryWhileUnavailable, unavailableBackoffMs } from "./retry-unavailable";

function answers(...acks: Ack<string>[]) {
  const sent: number[] = [];
  const waits: number[] = [];
  let i = 0;
  const send = async () => {
    sent.push(i);
    return acks[Math.min(i++, acks.length - 1)] as Ack<string>;
  };
  const wait = async (ms: number) => void waits.push(ms);
  return { send, wait, sent, waits };
}

describe("retryWhileUnavailable", () => {
  it("sends again while the database is unreachable and returns the first real answer", async () => {
    const a = answers(fail("unavailable", "db down"), fail("unavailable", "db down"), ok("stored"));
    expect(await retryWhileUnavailable(a.send, 8, a.wait)).toEqual(ok("stored"));
    expect(a.sent).toHaveLength(3);
    expect(a.waits).toEqual([500, 1000]);
  });

  it("does not send again after any other refusal", async () => {
    const a = answers(fail("voting_closed", "closed"), ok("stored"));
    expect(await retryWhileUnavailable(a.send, 8, a.wait)).toEqual(fail("voting_closed", "closed"));
    expect(a.sent).toHaveLength(1);
  });

  it("gives up after the given number of attempts with the last unavailable", async () => {
    const a = answers(fail("unavailable", "db down"));
    expect(await retryWhileUnavailable(a.send, 4, a.wait)).toEqual(fail("unavailable", "db down"));
    expect(a.sent).toHaveLength(4);
  });

  it.each([
    [0, 500],
    [1, 1000],
    [3, 4000],
    [4, 5000],
    [10, 5000],
  ])("waits %i -> %i ms", (attempt, ms) => expect(unavailableBackoffMs(attempt)).toBe(ms));
});
