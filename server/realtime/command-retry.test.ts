/**
 * A facilitator command whose ack is lost is sent again by socket.io-client itself (`retries`); with its
 * `commandId` it is applied once and answered with the first ack. Acks are dropped on the server's side of a
 * real connection, so the real client's retry logic does the resending.
 */
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, QuestionChanged } from "../../lib/protocol";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { ballotRows, facilitatorView, joinAsParticipant, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/**
 * Drop the first ack the server sends for every command with a `commandId` in `lose`; count what arrives.
 * Resolves `retried(id)` when the second copy of that command reached the server.
 */
function loseFirstAcks(lose: Set<string>) {
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  h.app.realtime.io.on("connection", (socket) => {
    socket.use((packet, next) => {
      const payload = packet[1] as { commandId?: string } | undefined;
      const id = payload?.commandId;
      if (id !== undefined) {
        const n = (arrivals.get(id) ?? 0) + 1;
        arrivals.set(id, n);
        if (n === 2) waiters.get(id)?.();
        const ack = packet[packet.length - 1];
        if (n === 1 && lose.has(id) && typeof ack === "function") packet[packet.length - 1] = () => {};
      }
      next();
    });
  });
  return {
    arrivals: (id: string) => arrivals.get(id) ?? 0,
    retried: (id: string) => new Promise<void>((resolve) => (arrivals.get(id) ?? 0) >= 2 ? resolve() : waiters.set(id, resolve)),
  };
}

/** A facilitator with the browser's retry settings, but a short ack timeout to keep the test quick. */
function retryingFacilitator(sessionId: string, hostKey: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(h.url, { auth: { sessionId, hostKey }, transports: ["websocket"], forceNew: true, ackTimeout: 400, retries: 3 });
  return new Promise((resolve, reject) => {
    socket.once("session:state", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("a facilitator command sent again after a lost ack", () => {
  // The retry of a reset wiped the votes cast between the reset and the retry.
  it("question:reset applies once: a vote cast between the reset and its retry stays counted", async () => {
    const lose = new Set(["reset-once-0001"]);
    const tap = loseFirstAcks(lose);
    const { created, questionId } = await openSession(h);
    const host = await retryingFacilitator(created.id, created.hostKey);
    const phone = await joinAsParticipant(h, created);

    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
    // The reset is applied (the phone gets a state without its ballot) but its ack never reaches the console.
    const resetOnPhone = eventMatching(phone.socket, "session:state", (s) => s.ballot === undefined);
    const ack = host.emitWithAck("question:reset", { questionId, commandId: "reset-once-0001" });
    await resetOnPhone;
    // A vote in the new round, before the console's retry goes out.
    expect(tap.arrivals("reset-once-0001")).toBe(1);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] })).ok).toBe(true);

    const [answer] = await Promise.all([ack, tap.retried("reset-once-0001")]);
    expect(answer).toMatchObject({ ok: true, data: { question: { id: questionId } } });
    expect(tap.arrivals("reset-once-0001")).toBe(2);
    const view = await facilitatorView(h, created);
    expect(view.results).toMatchObject({ respondents: 1, counts: expect.objectContaining({ "enemy-image": 1, "power-play": 0 }) });
    // One reset: round 2 holds the new vote, round 1 the old one; there is no round 3.
    expect(ballotRows(h.databasePath, questionId).map((b) => [b.round, b.option_ids]).sort()).toEqual([
      [1, JSON.stringify(["power-play"])],
      [2, JSON.stringify(["enemy-image"])],
    ]);
    host.disconnect();
  });

  it("question:add adds one question and answers the retry with the first ack", async () => {
    const lose = new Set(["add-once-00001"]);
    const tap = loseFirstAcks(lose);
    const { created } = await openSession(h, { title: "Toevoegen", template: "empty" });
    const host = await retryingFacilitator(created.id, created.hostKey);
    const [ack] = await Promise.all([
      host.emitWithAck("question:add", { kind: "open", prompt: "Wat ontbreekt?", commandId: "add-once-00001" }) as Promise<Ack<QuestionChanged>>,
      tap.retried("add-once-00001"),
    ]);
    if (!ack.ok) throw new Error(ack.error.message);
    const view = await facilitatorView(h, created);
    expect(view.questions?.map((q) => q.id)).toEqual([ack.data.question.id]);
    host.disconnect();
  });

  it("a command repeated by hand with the same commandId answers the first ack, even after it was refused", async () => {
    const { created, host, questionId } = await openSession(h);
    const first = await host.socket.emitWithAck("question:configure", { questionId, maxChoices: 3, commandId: "configure-0001" });
    expect(first).toMatchObject({ ok: true, data: { question: { maxChoices: 3 } } });
    // Same id, other payload: still the first ack, nothing applied.
    expect(await host.socket.emitWithAck("question:configure", { questionId, maxChoices: 5, commandId: "configure-0001" })).toEqual(first);
    expect((await facilitatorView(h, created)).question?.maxChoices).toBe(3);
    // A new id is a new command.
    expect(await host.socket.emitWithAck("question:configure", { questionId, maxChoices: 5, commandId: "configure-0002" })).toMatchObject({
      ok: true,
      data: { question: { maxChoices: 5 } },
    });
  });

  it.each([
    ["too short", "abc"],
    ["not url-safe", "no spaces allowed"],
    ["too long", "x".repeat(65)],
  ])("refuses a commandId that is %s as invalid_payload", async (_name, commandId) => {
    const { host, questionId } = await openSession(h);
    expect(await host.socket.emitWithAck("question:close", { questionId, commandId })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
  });
});

describe("commands of one room", () => {
  // Two removes of one question, interleaved at their awaits, took a second question with them (splice(-1, 1)).
  it("run one after the other: two removes of one question sent at once remove that question only", async () => {
    const { created, host } = await openSession(h, { title: "Tegelijk", template: "article" });
    const before = (await facilitatorView(h, created)).questions?.map((q) => q.id) ?? [];
    const target = before[2] ?? "";
    const acks = await Promise.all([
      host.socket.emitWithAck("question:remove", { questionId: target }),
      host.socket.emitWithAck("question:remove", { questionId: target }),
      host.socket.emitWithAck("question:move", { questionId: before[0] ?? "", position: 5 }),
    ]);
    expect(acks.map((a) => (a.ok ? "ok" : a.error.code))).toEqual(["ok", "question_not_found", "ok"]);
    const after = (await facilitatorView(h, created)).questions?.map((q) => q.id) ?? [];
    expect([...after].sort()).toEqual(before.filter((id) => id !== target).sort());
  });
});
