/** Renaming a session, over HTTP (the home page) and as a facilitator command: everyone sees the new title. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { joinAsParticipant, joinAsScreen, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function patch(sessionId: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${h.url}/api/sessions/${sessionId}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("PATCH /api/sessions/{id}", () => {
  it("renames the session: the reply, the console, the screen and every phone show the new title", async () => {
    const { created, host } = await openSession(h, { title: "Werktitel" });
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    const told = [host, screen, phone].map((j) => eventMatching(j.socket, "session:state", (s) => s.session.title === "Lokaal gezondheidsoverleg Gent"));
    const res = await patch(created.id, created.hostKey, { title: "  Lokaal gezondheidsoverleg Gent " });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ session: { id: created.id, title: "Lokaal gezondheidsoverleg Gent", code: created.code, language: "nl" } });
    await Promise.all(told);
    // Still so after the session left memory and came back.
    const summary = await fetch(`${h.url}/api/sessions/${created.id}/summary`, { headers: { authorization: `Bearer ${created.hostKey}` } });
    expect(((await summary.json()) as { session: { title: string } }).session.title).toBe("Lokaal gezondheidsoverleg Gent");
  });

  it.each([
    ["an empty title", { title: "   " }, 400, "invalid_payload"],
    ["a title over 120 characters", { title: "x".repeat(121) }, 400, "invalid_payload"],
    ["another field", { title: "Ok", code: "ABCDEF" }, 400, "invalid_payload"],
  ])("refuses %s and keeps the title", async (_name, body, status, code) => {
    const { created } = await openSession(h, { title: "Blijft" });
    const res = await patch(created.id, created.hostKey, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    const view = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(view.state.session.title).toBe("Blijft");
  });

  it("refuses a wrong key with 403 and a foreign origin with 403", async () => {
    const { created } = await openSession(h, { title: "Blijft" });
    expect((await patch(created.id, "wrong-key", { title: "Gekaapt" })).status).toBe(403);
    expect((await patch(created.id, created.hostKey, { title: "Gekaapt" }, { origin: "https://evil.example" })).status).toBe(403);
    const view = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(view.state.session.title).toBe("Blijft");
  });
});

describe("session:rename", () => {
  it("is a facilitator command like the others: acked with the session, phones told", async () => {
    const { created, host } = await openSession(h, { title: "Werktitel" });
    const phone = await joinAsParticipant(h, created);
    const told = eventMatching(phone.socket, "session:state", (s) => s.session.title === "Tafel 2");
    expect(await host.socket.emitWithAck("session:rename", { title: "Tafel 2", commandId: "rename-0001" })).toEqual({
      ok: true,
      data: { session: { id: created.id, title: "Tafel 2", code: created.code, language: "nl" } },
    });
    await told;
  });
});
