/** Rooms leave memory when nobody uses them and come back from the store unchanged when somebody does. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomEvent } from "./room-events";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { joinAsParticipant, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Far enough ahead that every room without sockets counts as idle. */
const later = () => Date.now() + 24 * 60 * 60 * 1000;

describe("rooms in memory", () => {
  // Loaded sessions stayed in memory until deleted: RSS grew with every session ever used.
  it("a room without sockets leaves memory when idle and comes back with its ballots, settings and moderation", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Komt terug" });
    const phone = await joinAsParticipant(h, created);
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] })).ok).toBe(true);
    await counted;
    expect((await host.socket.emitWithAck("results:show", { questionId })).ok).toBe(true);

    const heard: RoomEvent[] = [];
    const unsubscribe = h.app.rooms.events.subscribe((e) => heard.push(e));
    // While a socket is attached the room stays, however long ago it was used.
    expect(h.app.rooms.unloadIdle(later())).toBe(0);
    const gone = [phone.socket, host.socket].map((s) => new Promise((resolve) => s.once("disconnect", resolve)));
    phone.socket.disconnect();
    host.socket.disconnect();
    await Promise.all(gone);
    await expect.poll(() => h.app.rooms.peek(created.id)?.sockets).toBe(0);
    expect(h.app.rooms.unloadIdle(later())).toBeGreaterThanOrEqual(1);
    unsubscribe();
    expect(h.app.rooms.peek(created.id)).toBeUndefined();
    expect(heard).toContainEqual({ type: "session-unloaded", sessionId: created.id });

    // The same phone comes back: the room is loaded again with its ballot and its results shown.
    const back = await joinAsParticipant(h, created, phone.participantId);
    expect(back.state.ballot).toEqual(["power-play", "enemy-image"]);
    expect(back.state.question?.resultsVisible).toBe(true);
    expect(back.state.results).toMatchObject({ respondents: 1, counts: expect.objectContaining({ "power-play": 1, "enemy-image": 1 }) });
    expect(h.app.rooms.peek(created.id)).toBeDefined();
  });

  it("a room used within the idle period stays, also without sockets", async () => {
    const { created, host } = await openSession(h, { title: "Blijft" });
    host.socket.disconnect();
    await expect.poll(() => h.app.rooms.peek(created.id)?.sockets).toBe(0);
    h.app.rooms.unloadIdle(Date.now());
    expect(h.app.rooms.peek(created.id)).toBeDefined();
  });

  it("a session's join code works again after its room left memory", async () => {
    const { created, host } = await openSession(h, { title: "Code" });
    host.socket.disconnect();
    await expect.poll(() => h.app.rooms.peek(created.id)?.sockets).toBe(0);
    h.app.rooms.unloadIdle(later());
    expect(h.app.rooms.peek(created.id)).toBeUndefined();
    const phone = await joinAsParticipant(h, created);
    expect(phone.state.session.id).toBe(created.id);
  });
});
