/**
 * A network over time over HTTP: "new measurement" makes the next session of a network with the same questions, and
 * the trend shows the nine challenges at each measurement, the privacy threshold on each, and the change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedCoHost, CreatedMeasurement, CreatedSession, NetworkTrend } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { startHarness, type Harness } from "../testing/harness";
import { facilitatorView, joinAsParticipant, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, sessionCreatesPerHour: 10_000 } } });
});
afterAll(async () => h?.close());

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function measureAgain(created: { id: string; hostKey: string }): Promise<CreatedMeasurement> {
  const res = await fetch(`${h.url}/api/sessions/${created.id}/measurements`, { method: "POST", headers: auth(created.hostKey) });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedMeasurement;
}

/** `n` participants answer the nine challenges of the session; the first `k` of them pick power play. */
async function answers(created: CreatedSession, n: number, k: number): Promise<void> {
  const state = await facilitatorView(h, created);
  const questionId = state.question?.id ?? "";
  for (let i = 0; i < n; i++) {
    const phone = await joinAsParticipant(h, created);
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: i < k ? ["power-play"] : ["enemy-image"] });
    expect(ack.ok).toBe(true);
    phone.socket.disconnect();
  }
}

const trendOf = async (networkId: string, key: string, query = "") => fetch(`${h.url}/api/networks/${networkId}/trend${query}`, { headers: auth(key) });

describe("a network over time", () => {
  it("makes each next measurement with the same questions, and shows the trend with the threshold and the change", async () => {
    const { created: first } = await openSession(h, { title: "Lokaal gezondheidsoverleg Gent", template: "challenges" });
    const second = await measureAgain(first);
    expect(second.measurement).toBe(2);
    const secondView = await facilitatorView(h, second);
    expect(secondView.session.title).toBe("Lokaal gezondheidsoverleg Gent · meting 2");
    expect(secondView.network).toEqual({ id: second.networkId, measurement: 2 });
    const firstView = await facilitatorView(h, first);
    expect(firstView.network).toEqual({ id: second.networkId, measurement: 1 });
    // The same questions, none of the answers.
    expect(secondView.questions?.map((q) => [q.template, q.prompt, q.respondents])).toEqual(firstView.questions?.map((q) => [q.template, q.prompt, 0]));
    // From the second measurement on, the next one is numbered after the last, whichever measurement it is made from.
    const third = await measureAgain(first);
    expect([third.networkId, third.measurement]).toEqual([second.networkId, 3]);

    await answers(first, 8, 6);
    await answers(second, 3, 3);
    await answers(third, 6, 3);
    const res = await trendOf(second.networkId, second.hostKey);
    expect(res.status).toBe(200);
    const trend = (await res.json()) as NetworkTrend;
    expect(trend.network).toEqual({ id: second.networkId, name: "Lokaal gezondheidsoverleg Gent" });
    expect(trend.measurements.map((m) => [m.measurement, m.respondents, m.shares?.["power-play"] ?? m.withheld])).toEqual([
      [1, 8, 75],
      [2, 3, "too_few_answers"],
      [3, 6, 50],
    ]);
    expect(trend.change).toMatchObject({ from: 1, to: 3, shift: { "power-play": -25, "enemy-image": 25 } });
    // Each measurement's report carries the network's trend; a session on its own has none.
    const report = (await (await fetch(`${h.url}/api/sessions/${third.id}/report`, { headers: auth(third.hostKey) })).json()) as { trend?: NetworkTrend };
    expect(report.trend).toEqual(trend);
    const { created: alone } = await openSession(h, { title: "Op zichzelf" });
    expect(((await (await fetch(`${h.url}/api/sessions/${alone.id}/report`, { headers: auth(alone.hostKey) })).json()) as { trend?: NetworkTrend }).trend).toBeUndefined();
    // What the threshold withholds is not in the CSV either.
    const csv = await (await trendOf(second.networkId, first.hostKey, "?format=csv&language=nl")).text();
    expect(csv).toContain("power-play,Machtsspel,75,te weinig antwoorden,50,-25");
  });

  it("opens the trend only with a key of one of its measurements", async () => {
    const { created } = await openSession(h, { title: "Netwerk A" });
    const next = await measureAgain(created);
    const { created: other } = await openSession(h, { title: "Iets anders" });
    expect((await fetch(`${h.url}/api/networks/${next.networkId}/trend`)).status).toBe(401);
    for (const key of [other.hostKey, created.screenKey, "a-guessed-key-that-is-wrong-0123"]) expect((await trendOf(next.networkId, key)).status).toBe(403);
    expect((await trendOf("n_unknown", created.hostKey)).status).toBe(403);
    expect((await fetch(`${h.url}/api/sessions/${created.id}/measurements`, { method: "POST", headers: auth(other.hostKey) })).status).toBe(403);
  });

  it("opens the trend with a co-facilitator's key of one of its measurements, as the report does, until the link is revoked", async () => {
    const { created } = await openSession(h, { title: "Netwerk met een collega" });
    const next = await measureAgain(created);
    const invited = await fetch(`${h.url}/api/sessions/${next.id}/cohosts`, { method: "POST", headers: { ...auth(next.hostKey), "content-type": "application/json" }, body: JSON.stringify({ label: "Sofie" }) });
    expect(invited.status).toBe(201);
    const coHost = (await invited.json()) as CreatedCoHost;
    const key = new URL(coHost.link).hash.replace("#key=", "");
    const opened = await trendOf(next.networkId, key);
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as NetworkTrend).measurements.map((m) => m.sessionId)).toEqual([created.id, next.id]);
    // A co-facilitator of a session outside the network opens nothing.
    const { created: other } = await openSession(h, { title: "Elders" });
    const elsewhere = (await (await fetch(`${h.url}/api/sessions/${other.id}/cohosts`, { method: "POST", headers: { ...auth(other.hostKey), "content-type": "application/json" }, body: JSON.stringify({ label: "Jan" }) })).json()) as CreatedCoHost;
    expect((await trendOf(next.networkId, new URL(elsewhere.link).hash.replace("#key=", ""))).status).toBe(403);
    // Revoked, the link's key opens the trend no more.
    expect((await fetch(`${h.url}/api/sessions/${next.id}/cohosts/${coHost.id}`, { method: "DELETE", headers: auth(next.hostKey) })).status).toBe(204);
    expect((await trendOf(next.networkId, key)).status).toBe(403);
  });

  it("numbers two measurements asked for at once one after the other", async () => {
    const { created } = await openSession(h, { title: "Tegelijk" });
    const made = await Promise.all([measureAgain(created), measureAgain(created), measureAgain(created)]);
    expect(made.map((m) => m.measurement).sort()).toEqual([2, 3, 4]);
    expect(new Set(made.map((m) => m.networkId)).size).toBe(1);
  });

  it("forgets the network when its last measurement is deleted", async () => {
    const { created } = await openSession(h, { title: "Weg" });
    const next = await measureAgain(created);
    for (const s of [created, next]) expect((await fetch(`${h.url}/api/sessions/${s.id}`, { method: "DELETE", headers: auth(s.hostKey) })).status).toBe(204);
    expect((await trendOf(next.networkId, next.hostKey)).status).toBe(403);
  });
});
