/**
 * A countdown on a question, over real sockets: the server closes voting at the stored deadline by itself, also
 * across a restart; a ballot committed before it counts, one after it is refused; extend and stop.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack, QuestionChanged, QuestionView, SessionState } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { command, emitRaw, joinAsParticipant, joinAsScreen, nextView, openSession, questionRow, readDatabase } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

/** The next view of this socket in which the question is closed (views in between, such as a vote's, are skipped). */
async function closedView(socket: ClientSocket): Promise<SessionState> {
  for (;;) {
    const view = await nextView(socket);
    if (view.question?.status === "closed") return view;
  }
}

const timerOf = (ack: unknown): NonNullable<QuestionView["timer"]> => {
  const a = ack as Ack<QuestionChanged>;
  if (!a.ok || !a.data.question.timer) throw new Error(`expected a running countdown in ${JSON.stringify(ack)}`);
  return a.data.question.timer;
};

describe("a countdown", () => {
  it("is seen by phones and screens, and closes voting at its deadline, decided by the server", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Aftellen" });
    await command(host.socket, "question:close", { questionId });
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const startedAt = Date.now();
    const { ack, states } = await command(host.socket, "timer:start", { questionId, seconds: 2 }, [phone.socket, screen.socket]);
    const timer = timerOf(ack);
    // Starting a countdown opens voting; every client gets the countdown as time left, counted by the server.
    expect(timer.seconds).toBe(2);
    expect(Date.parse(timer.closesAt) - startedAt).toBeGreaterThanOrEqual(2000);
    expect(Date.parse(timer.closesAt) - Date.now()).toBeLessThanOrEqual(2000);
    for (const state of states) {
      expect(state.question).toMatchObject({ id: questionId, status: "open", timer: { closesAt: timer.closesAt, seconds: 2 } });
      expect(state.question?.timer?.remainingMs).toBeGreaterThan(0);
      expect(state.question?.timer?.remainingMs).toBeLessThanOrEqual(2000);
    }
    const onPhone = closedView(phone.socket);
    const onScreen = closedView(screen.socket);
    expect(await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).toMatchObject({ ok: true });

    const [phoneClosed, screenClosed] = await Promise.all([onPhone, onScreen]);
    // Not a moment early: the close comes from the stored deadline.
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(timer.closesAt));
    expect(phoneClosed.question?.timer).toBeUndefined();
    expect(screenClosed.question?.status).toBe("closed");
    expect(screenClosed.results?.respondents).toBe(1);
    expect(await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] })).toMatchObject({ ok: false, error: { code: "voting_closed" } });
    expect(questionRow(h.databasePath, questionId)?.status).toBe("closed");
    expect(readDatabase(h.databasePath, (db) => db.prepare(`SELECT closes_at FROM questions WHERE id = ?`).get(questionId))).toEqual({ closes_at: null });
  });

  it("can be extended and stopped; voting stays open after a stop; extend or stop without one is refused", async () => {
    const { host, questionId } = await openSession(h, { title: "Langer" });
    const started = timerOf(await emitRaw(host.socket, "timer:start", { questionId, seconds: 60 }));
    const extended = timerOf(await emitRaw(host.socket, "timer:extend", { questionId, seconds: 30 }));
    expect(extended.seconds).toBe(90);
    expect(Date.parse(extended.closesAt) - Date.parse(started.closesAt)).toBe(30_000);
    const stopped = (await emitRaw(host.socket, "timer:stop", { questionId })) as Ack<QuestionChanged>;
    expect(stopped).toMatchObject({ ok: true, data: { question: { status: "open" } } });
    expect(stopped.ok && stopped.data.question.timer).toBeUndefined();
    expect(await emitRaw(host.socket, "timer:extend", { questionId, seconds: 30 })).toMatchObject({ ok: false, error: { code: "timer_not_running" } });
    expect(await emitRaw(host.socket, "timer:stop", { questionId })).toMatchObject({ ok: false, error: { code: "timer_not_running" } });
    // Closing by hand ends a running countdown too.
    timerOf(await emitRaw(host.socket, "timer:start", { questionId, seconds: 60 }));
    const closed = (await emitRaw(host.socket, "question:close", { questionId })) as Ack<QuestionChanged>;
    expect(closed.ok && closed.data.question).toMatchObject({ status: "closed" });
    expect(closed.ok && closed.data.question.timer).toBeUndefined();
    expect(readDatabase(h.databasePath, (db) => db.prepare(`SELECT closes_at, timer_seconds FROM questions WHERE id = ?`).get(questionId))).toEqual({ closes_at: null, timer_seconds: null });
  });

  it("refuses a length outside 1 s to 2 h, and other roles", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Grenzen" });
    for (const seconds of [0, 7201, 1.5, "60"]) {
      expect(await emitRaw(host.socket, "timer:start", { questionId, seconds })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    const phone = await joinAsParticipant(h, created);
    expect(await emitRaw(phone.socket, "timer:start", { questionId, seconds: 30 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("a countdown across a restart", () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const x of harnesses.reverse()) await x.close();
    harnesses.length = 0;
  });

  it("closes on time when the server restarts before the deadline, and at once when it comes back after it", async () => {
    const first = await startHarness();
    harnesses.push(first);
    const before = await openSession(first, { title: "Herstart ervoor" });
    const after = await openSession(first, { title: "Herstart erna" });
    const early = timerOf(await emitRaw(before.host.socket, "timer:start", { questionId: before.questionId, seconds: 2 }));
    const late = timerOf(await emitRaw(after.host.socket, "timer:start", { questionId: after.questionId, seconds: 1 }));
    await first.stop();

    const second = await startHarness({ databasePath: first.databasePath });
    harnesses.push(second);
    // Before the deadline: the countdown runs on and the server closes at the stored time.
    const screen = await joinAsScreen(second, before.created);
    expect(screen.state.question?.timer?.closesAt).toBe(early.closesAt);
    await closedView(screen.socket);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(early.closesAt));
    // After it (1 s had passed by the time the first deadline came): closed as soon as the room is back.
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(late.closesAt));
    const phone = await joinAsParticipant(second, after.created);
    expect(phone.state.question).toMatchObject({ status: "closed" });
    expect(await phone.socket.emitWithAck("vote:cast", { questionId: after.questionId, optionIds: ["power-play"] })).toMatchObject({ ok: false, error: { code: "voting_closed" } });
    const host = await second.connectAs({ sessionId: after.created.id, hostKey: after.created.hostKey });
    expect(host.state.question?.status).toBe("closed");
    expect(questionRow(second.databasePath, after.questionId)?.status).toBe("closed");
  });
});
