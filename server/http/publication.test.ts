/**
 * The participants' results page: published by the facilitator at an address without any key of the session, the
 * same privacy threshold, gone when withdrawn, republished elsewhere or expired.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CreatedPublication, PublicResultsPage } from "../../lib/protocol";
import { startHarness, type Harness } from "../testing/harness";
import { addQuestion, command, facilitatorView, joinAsParticipant, joinAsScreen, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => vi.useRealTimers());
afterAll(async () => h?.close());

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function publish(sessionId: string, hostKey: string, days?: number): Promise<CreatedPublication> {
  const res = await fetch(`${h.url}/api/sessions/${sessionId}/publication`, { method: "POST", headers: { ...auth(hostKey), "content-type": "application/json" }, body: JSON.stringify(days ? { days } : {}) });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedPublication;
}
const page = (path: string) => fetch(`${h.url}/api${path.replace(/^\/r\//, "/results/")}`);

describe("the participants' results page", () => {
  it("shows each answered question without a key, withholds a question below the threshold, and says nothing of hidden answers", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Terug naar de zaal" });
    const { question: open } = await addQuestion(host.socket, { kind: "open", prompt: "Wat neem je mee?" });
    for (let i = 0; i < 5; i++) {
      const phone = await joinAsParticipant(h, created);
      expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: i < 3 ? ["power-play"] : [] })).ok).toBe(true);
      phone.socket.disconnect();
    }
    await command(host.socket, "question:activate", { questionId: open.id });
    const writer = await joinAsParticipant(h, created);
    expect((await writer.socket.emitWithAck("vote:cast", { questionId: open.id, text: "Een geheim dat weg moet" })).ok).toBe(true);

    const published = await publish(created.id, created.hostKey);
    expect(published.url).not.toContain(created.hostKey);
    expect(published.url).toMatch(new RegExp(`/r/${created.id}/[A-Za-z0-9_-]{20,}$`));
    expect(Date.parse(published.expiresAt) - Date.parse(published.publishedAt)).toBe(30 * 86_400_000);
    const res = await page(published.path);
    expect(res.status).toBe(200);
    const shown = (await res.json()) as PublicResultsPage;
    expect(shown.session).toEqual({ title: "Terug naar de zaal", language: "nl" });
    expect(shown.questions.map((q) => [q.question.id, q.results.respondents, q.results.counts["power-play"] ?? null, q.results.withheld ?? null])).toEqual([
      [questionId, 5, 3, null],
      [open.id, 1, null, "too_few"],
    ]);
    expect(JSON.stringify(shown)).not.toContain("geheim");
    expect(shown.questions[0]?.results.participants).toBe(0);
    // Screens and consoles know the page's address while it is up; phones do not.
    expect((await joinAsScreen(h, created)).state.publication).toEqual({ path: published.path, expiresAt: published.expiresAt });
    expect((await facilitatorView(h, created)).publication?.path).toBe(published.path);
    expect((await joinAsParticipant(h, created)).state.publication).toBeUndefined();
  });

  it("moves to a new address when published again, and is gone when withdrawn or expired", async () => {
    const { created } = await openSession(h, { title: "Weg ermee" });
    const first = await publish(created.id, created.hostKey);
    const second = await publish(created.id, created.hostKey, 7);
    expect(second.path).not.toBe(first.path);
    expect((await page(first.path)).status).toBe(404);
    expect((await page(second.path)).status).toBe(200);
    expect((await page(`/r/${created.id}/not-the-token-0123456789`)).status).toBe(404);
    expect((await fetch(`${h.url}/api/sessions/${created.id}/publication`, { method: "POST", headers: auth(created.screenKey), body: "{}" })).status).toBe(403);

    // Seven days and a second later it is down by itself.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(second.expiresAt) + 1000 });
    expect((await page(second.path)).status).toBe(404);
    vi.useRealTimers();
    expect((await page(second.path)).status).toBe(200);

    expect((await fetch(`${h.url}/api/sessions/${created.id}/publication`, { method: "DELETE", headers: auth(created.hostKey) })).status).toBe(204);
    expect((await page(second.path)).status).toBe(404);
    expect((await facilitatorView(h, created)).publication).toBeUndefined();
    expect((await fetch(`${h.url}/api/sessions/${created.id}/publication`, { method: "DELETE", headers: auth(created.hostKey) })).status).toBe(404);
  });
});
