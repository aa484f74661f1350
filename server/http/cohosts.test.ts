/**
 * Co-facilitator links: the owner hands a colleague a link of their own; it runs the session (commands, exports) but
 * cannot delete it or manage links, and once revoked its consoles are closed and its key opens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoHostView, CreatedCoHost } from "../../lib/protocol";
import { nextEvent, startHarness, type Harness } from "../testing/harness";
import { emitRaw, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const keyOf = (link: string) => new URL(link).hash.replace("#key=", "");

async function invite(sessionId: string, ownerKey: string, label: string): Promise<CreatedCoHost> {
  const res = await fetch(`${h.url}/api/sessions/${sessionId}/cohosts`, { method: "POST", headers: { ...auth(ownerKey), "content-type": "application/json" }, body: JSON.stringify({ label }) });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedCoHost;
}

describe("co-facilitator links", () => {
  it("run the session but cannot delete it or manage links, and stop working once revoked", async () => {
    const { created, questionId } = await openSession(h, { title: "Samen begeleiden" });
    const sofie = await invite(created.id, created.hostKey, " Sofie ");
    expect(sofie).toMatchObject({ label: "Sofie", revokedAt: null });
    expect(sofie.link).toMatch(new RegExp(`/s/${created.id}/host#key=[A-Za-z0-9_-]{20,}$`));
    const key = keyOf(sofie.link);
    expect(key).not.toBe(created.hostKey);

    const colleague = await h.connectAs({ sessionId: created.id, hostKey: key });
    expect(colleague.state.coHost).toBe(true);
    expect(colleague.state.questions?.length).toBeGreaterThan(0);
    expect(await emitRaw(colleague.socket, "question:close", { questionId })).toMatchObject({ ok: true });
    expect((await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: auth(key) })).status).toBe(200);
    // Only the owner deletes the session and manages the links.
    expect((await fetch(`${h.url}/api/sessions/${created.id}`, { method: "DELETE", headers: auth(key) })).status).toBe(403);
    expect((await fetch(`${h.url}/api/sessions/${created.id}/cohosts`, { headers: auth(key) })).status).toBe(403);
    const owner = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(owner.state.coHost).toBeUndefined();
    const listed = (await (await fetch(`${h.url}/api/sessions/${created.id}/cohosts`, { headers: auth(created.hostKey) })).json()) as { coHosts: CoHostView[] };
    expect(listed.coHosts).toEqual([{ id: sofie.id, label: "Sofie", createdAt: sofie.createdAt, revokedAt: null }]);

    // Revoked: the colleague's console hears it and is closed; the key opens nothing any more.
    const told = nextEvent(colleague.socket, "access:revoked");
    const closed = new Promise((resolve) => colleague.socket.once("disconnect", resolve));
    expect((await fetch(`${h.url}/api/sessions/${created.id}/cohosts/${sofie.id}`, { method: "DELETE", headers: auth(created.hostKey) })).status).toBe(204);
    expect(await told).toEqual({ sessionId: created.id });
    await closed;
    await expect(h.connectAs({ sessionId: created.id, hostKey: key })).rejects.toThrow(/unauthorized/);
    expect((await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: auth(key) })).status).toBe(403);
    expect((await fetch(`${h.url}/api/sessions/${created.id}/cohosts/${sofie.id}`, { method: "DELETE", headers: auth(created.hostKey) })).status).toBe(404);
    // The owner's console stays.
    expect(owner.socket.connected).toBe(true);
  });

  it("refuses a link without a name, and keeps links across a restart", async () => {
    const first = await startHarness();
    try {
      const { created } = await openSession(first, { title: "Na de herstart" });
      const bad = await fetch(`${first.url}/api/sessions/${created.id}/cohosts`, { method: "POST", headers: { ...auth(created.hostKey), "content-type": "application/json" }, body: JSON.stringify({ label: "  " }) });
      expect(bad.status).toBe(400);
      const res = await fetch(`${first.url}/api/sessions/${created.id}/cohosts`, { method: "POST", headers: { ...auth(created.hostKey), "content-type": "application/json" }, body: JSON.stringify({ label: "Jan" }) });
      const jan = (await res.json()) as CreatedCoHost;
      await first.stop();
      const second = await startHarness({ databasePath: first.databasePath });
      try {
        const colleague = await second.connectAs({ sessionId: created.id, hostKey: keyOf(jan.link) });
        expect(colleague.state.coHost).toBe(true);
        colleague.socket.disconnect();
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
