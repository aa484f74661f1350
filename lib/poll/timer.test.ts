import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendedDeadline, formatCountdown, timeIsUp, timerDeadline, timerView, validTimerSeconds } from "./timer";

const T0 = Date.parse("2026-12-06T10:00:00.000Z");

describe("a countdown", () => {
  it.each([
    [0, "0:00"],
    [1, "0:01"],
    [999, "0:01"],
    [1000, "0:01"],
    [1001, "0:02"],
    [59_000, "0:59"],
    [60_000, "1:00"],
    [65_000, "1:05"],
    [120_000, "2:00"],
    [7_200_000, "120:00"],
    [-5, "0:00"],
  ])("reads %i ms left as %s (whole seconds rounded up: 0:00 only when it is over)", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it.each([
    [1, true],
    [30, true],
    [7200, true],
    [0, false],
    [7201, false],
    [1.5, false],
    [-30, false],
  ])("accepts %s seconds: %s", (seconds, valid) => {
    expect(validTimerSeconds(seconds)).toBe(valid);
  });

  it("ends `seconds` after its start, and is up from its deadline on, not a millisecond before", () => {
    const closesAt = timerDeadline(T0, 30);
    expect(closesAt).toBe("2026-12-06T10:00:30.000Z");
    expect(timeIsUp({ closesAt }, T0 + 29_999)).toBe(false);
    expect(timeIsUp({ closesAt }, T0 + 30_000)).toBe(true);
    expect(timeIsUp({ closesAt: null }, T0 + 1e12)).toBe(false);
  });

  it("is extended from its deadline, or from now when the deadline has just passed", () => {
    const closesAt = timerDeadline(T0, 30);
    expect(extendedDeadline(closesAt, T0 + 10_000, 60)).toBe("2026-12-06T10:01:30.000Z");
    expect(extendedDeadline(closesAt, T0 + 31_000, 60)).toBe("2026-12-06T10:01:31.000Z");
  });

  it("shows only on an open question with a deadline, with the time left as the server counts it", () => {
    const closesAt = timerDeadline(T0, 60);
    expect(timerView({ status: "open", closesAt, timerSeconds: 60 }, T0 + 15_000)).toEqual({ closesAt, remainingMs: 45_000, seconds: 60 });
    expect(timerView({ status: "open", closesAt, timerSeconds: 60 }, T0 + 61_000)).toEqual({ closesAt, remainingMs: 0, seconds: 60 });
    expect(timerView({ status: "closed", closesAt, timerSeconds: 60 }, T0)).toBeUndefined();
    expect(timerView({ status: "open", closesAt: null, timerSeconds: null }, T0)).toBeUndefined();
  });

  it("never has more time left than its length, nor less than none, whatever is extended when", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7200 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 7200 })), { maxLength: 5 }), fc.integer({ min: 0, max: 20_000_000 }), (seconds, extensions, lookAt) => {
        let closesAt = timerDeadline(T0, seconds);
        let total = seconds;
        let now = T0;
        for (const [wait, more] of extensions) {
          now += wait;
          if (timeIsUp({ closesAt }, now)) break;
          closesAt = extendedDeadline(closesAt, now, more);
          total += more;
        }
        const view = timerView({ status: "open", closesAt, timerSeconds: total }, T0 + lookAt);
        expect(view?.remainingMs).toBeGreaterThanOrEqual(0);
        expect(view?.remainingMs).toBeLessThanOrEqual(total * 1000);
        expect(view?.remainingMs === 0).toBe(timeIsUp({ closesAt }, T0 + lookAt));
      }),
    );
  });
});
