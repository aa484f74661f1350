/** A network's trend: measurements in order, the privacy threshold on each, the change from the last but one to the last. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../challenges";
import { networkTrend, trendCsv, type TrendInput } from "./trend";

const NETWORK = { id: "n_1", name: "Lokaal gezondheidsoverleg Gent" };

function measurement(n: number, respondents: number, picked: Record<string, number> | null): TrendInput {
  return {
    sessionId: `s_${n}`,
    title: `Lokaal gezondheidsoverleg Gent · meting ${n}`,
    createdAt: `2026-0${n}-01T10:00:00.000Z`,
    respondents,
    counts: picked && Object.fromEntries(CHALLENGE_IDS.map((id) => [id, picked[id] ?? 0])),
    measurement: n,
  };
}

describe("networkTrend", () => {
  it("orders the measurements and gives the shift from the last but one with shares to the last", () => {
    const trend = networkTrend(NETWORK, [measurement(2, 10, { "power-play": 3 }), measurement(1, 8, { "power-play": 6, "enemy-image": 2 })], 5);
    expect(trend.measurements.map((m) => [m.measurement, m.shares?.["power-play"]])).toEqual([
      [1, 75],
      [2, 30],
    ]);
    expect(trend.change?.from).toBe(1);
    expect(trend.change?.to).toBe(2);
    expect(trend.change?.shift["power-play"]).toBe(-45);
    expect(trend.change?.shift["enemy-image"]).toBe(-25);
  });

  it("withholds a measurement below the threshold and measures the change past it", () => {
    const trend = networkTrend(NETWORK, [measurement(1, 8, { "power-play": 4 }), measurement(2, 3, { "power-play": 3 }), measurement(3, 6, { "power-play": 6 })], 5);
    expect(trend.measurements[1]).toMatchObject({ shares: null, withheld: "too_few_answers", respondents: 3 });
    expect(trend.change).toMatchObject({ from: 1, to: 3 });
    expect(trend.change?.shift["power-play"]).toBe(50);
  });

  it("has no change with fewer than two measurements with shares", () => {
    expect(networkTrend(NETWORK, [measurement(1, 8, { "power-play": 4 })], 5).change).toBeNull();
    expect(networkTrend(NETWORK, [measurement(1, 8, null), measurement(2, 9, { "power-play": 1 })], 5).change).toBeNull();
  });

  it("never shows a share of a measurement below the threshold, and every shift is the difference of two shares shown", () => {
    const input = fc.array(fc.record({ respondents: fc.nat(30), picks: fc.array(fc.nat(30), { minLength: 9, maxLength: 9 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 10 }), (rows, threshold) => {
        const inputs = rows.map((r, i) => measurement(i + 1, r.respondents, Object.fromEntries(CHALLENGE_IDS.map((id, j) => [id, Math.min(r.picks[j] ?? 0, r.respondents)]))));
        const trend = networkTrend(NETWORK, inputs, threshold);
        for (const m of trend.measurements) if (m.respondents < threshold) expect(m.shares).toBeNull();
        const shown = trend.measurements.filter((m) => m.shares);
        if (shown.length < 2) {
          expect(trend.change).toBeNull();
          return;
        }
        const [a, b] = shown.slice(-2);
        for (const id of CHALLENGE_IDS) expect(trend.change?.shift[id]).toBe((b!.shares![id] ?? 0) - (a!.shares![id] ?? 0));
      }),
    );
  });
});

describe("trendCsv", () => {
  it("writes a row per challenge, a column per measurement with its n, and the change", () => {
    const trend = networkTrend(NETWORK, [measurement(1, 8, { "power-play": 6 }), measurement(2, 2, { "power-play": 1 }), measurement(3, 10, { "power-play": 3 })], 5);
    const lines = trendCsv(trend, "nl").replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "optie_id,optie,Meting 1: Lokaal gezondheidsoverleg Gent · meting 1 (n = 8),Meting 2: Lokaal gezondheidsoverleg Gent · meting 2 (n = 2),Meting 3: Lokaal gezondheidsoverleg Gent · meting 3 (n = 10),Verschil meting 1 → 3 (procentpunt)",
    );
    expect(lines).toContain("power-play,Machtsspel,75,te weinig antwoorden,30,-45");
  });
});
