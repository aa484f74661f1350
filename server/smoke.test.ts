/** The smallest round trip: a session is created over HTTP and a phone votes over Socket.IO. */
import { afterEach, describe, expect, it } from "vitest";
import { eventMatching, startHarness, type Harness } from "./testing/harness";

let h: Harness;
afterEach(async () => h?.close());

describe("smoke", () => {
  it("creates a session and votes", async () => {
    h = await startHarness();
    const created = await h.createSession({ title: "Jeugdhulp" });
    const host = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    const phone = await h.connectAs({ code: created.code, participantId: "participant-0001" });
    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId: phone.state.question!.id, optionIds: ["power-play"] });
    expect(ack).toEqual({ ok: true, data: { ballot: ["power-play"] } });
    expect(await update).toMatchObject({ counts: { "power-play": 1 }, respondents: 1 });
  });
});
