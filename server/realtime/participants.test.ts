/** The connected-participants figure follows phones that come and go. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { joinAsParticipant, joinAsScreen, newParticipantId, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe("participants connected", () => {
  it("goes up when a participant connects and down when one disconnects", async () => {
    const { created, host } = await openSession(h);
    expect(host.state.results?.participants).toBe(0);

    const one = eventMatching(host.socket, "results:updated", (r) => r.participants === 1);
    const a = await joinAsParticipant(h, created);
    expect(await one).toMatchObject({ participants: 1, respondents: 0 });

    const two = eventMatching(host.socket, "results:updated", (r) => r.participants === 2);
    await joinAsParticipant(h, created);
    await two;

    const backToOne = eventMatching(host.socket, "results:updated", (r) => r.participants === 1);
    a.socket.disconnect();
    expect(await backToOne).toMatchObject({ participants: 1 });

    // A newcomer sees the current figure too.
    const screen = await joinAsScreen(h, created);
    expect(screen.state.results?.participants).toBe(1);
  });

  it("counts a participant with two open sockets once, until the last one closes", async () => {
    const { created, host } = await openSession(h);
    const participantId = newParticipantId();
    const one = eventMatching(host.socket, "results:updated", (r) => r.participants === 1);
    const tab1 = await joinAsParticipant(h, created, participantId);
    await one;
    const tab2 = await joinAsParticipant(h, created, participantId);

    // Closing one tab leaves the participant connected: a newcomer brings the figure to 2, not 1.
    tab1.socket.disconnect();
    const newcomer = eventMatching(host.socket, "results:updated", (r) => r.participants === 2);
    const other = await joinAsParticipant(h, created);
    await newcomer;

    const afterTab2 = eventMatching(host.socket, "results:updated", (r) => r.participants === 1);
    tab2.socket.disconnect();
    await afterTab2;
    const none = eventMatching(host.socket, "results:updated", (r) => r.participants === 0);
    other.socket.disconnect();
    await none;
  });

  it("does not count the facilitator or the screen as participants", async () => {
    const { created, host } = await openSession(h);
    await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    await joinAsScreen(h, created);
    const one = eventMatching(host.socket, "results:updated", (r) => r.participants > 0);
    await joinAsParticipant(h, created);
    expect((await one).participants).toBe(1);
  });
});
