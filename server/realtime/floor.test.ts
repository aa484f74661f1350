/**
 * Questions from the floor over real sockets: asking, upvoting (one per participant, retries safe), approval,
 * hiding, answering, the screen's highlight, the limits, and a restart in between.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, type FloorView } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { collect, emitRaw, joinAsParticipant, joinAsScreen, openSession, readDatabase } from "../testing/helpers";

let h: Harness;
const extra: Harness[] = [];
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterEach(async () => {
  for (const x of extra.splice(0).reverse()) await x.close();
});
afterAll(async () => {
  await h.close();
});

type AckLike = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };
const emit = (socket: ClientSocket, event: string, payload: unknown) => emitRaw(socket, event, payload) as Promise<AckLike>;

async function ask(socket: ClientSocket, text: string, more: Record<string, unknown> = {}): Promise<{ id: string; status: string; name: string | null }> {
  const ack = await emit(socket, "floor:ask", { text, ...more });
  if (!ack.ok) throw new Error(`floor:ask refused: ${JSON.stringify(ack.error)}`);
  return ack.data?.question as { id: string; status: string; name: string | null };
}

/** The next floor message on this socket that passes the check. */
const floorWhere = (socket: ClientSocket, check: (f: FloorView) => boolean) => eventMatching(socket, "floor:updated", check);
const texts = (f: FloorView) => f.questions.map((q) => `${q.text}:${q.votes}${q.answered ? ":answered" : ""}`);

async function openFloor(settings: Record<string, unknown> = {}) {
  const opened = await openSession(h, { title: "Vragen uit de zaal" });
  expect(await emit(opened.host.socket, "floor:configure", { open: true, ...settings })).toMatchObject({ ok: true });
  return opened;
}

describe("questions from the floor", () => {
  it("are refused while closed, then asked, upvoted once per participant, taken back, and ranked by votes on every screen", async () => {
    const { created, host } = await openSession(h, { title: "Dicht" });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => joinAsParticipant(h, created)));
    expect(a!.state.floor).toEqual({ settings: { open: false, approval: false, screen: false, highlight: null }, questions: [], shown: 0, answered: 0 });
    expect(await emit(a!.socket, "floor:ask", { text: "Mag dit?" })).toMatchObject({ ok: false, error: { code: "floor_closed" } });

    const screen = await joinAsScreen(h, created);
    const opened = floorWhere(screen.socket, (f) => f.settings.open);
    expect(await emit(host.socket, "floor:configure", { open: true })).toEqual({ ok: true, data: { settings: { open: true, approval: false, screen: false, highlight: null } } });
    await opened;

    const first = await ask(a!.socket, "  Wie  beslist\nover het budget? ");
    expect(first).toMatchObject({ status: "shown", name: null });
    const second = await ask(b!.socket, "Hoe meten we vertrouwen?", { name: " An " });
    expect(second.name).toBe("An");
    // Two upvotes for the second question: it passes the first, which was asked earlier.
    const up = async (socket: ClientSocket, floorId: string, on: boolean) => (await emit(socket, "floor:upvote", { floorId, up: on })).data;
    expect(await up(a!.socket, second.id, true)).toEqual({ floorId: second.id, votes: 1, upvoted: true });
    const ranked = floorWhere(screen.socket, (f) => f.questions[0]?.id === second.id && f.questions[0].votes === 2);
    expect(await up(c!.socket, second.id, true)).toEqual({ floorId: second.id, votes: 2, upvoted: true });
    expect(texts(await ranked)).toEqual(["Hoe meten we vertrouwen?:2", "Wie beslist over het budget?:0"]);
    // The same upvote again (a lost ack, a double tap) counts once; taking it back twice takes one.
    expect(await up(c!.socket, second.id, true)).toEqual({ floorId: second.id, votes: 2, upvoted: true });
    expect(await up(c!.socket, second.id, false)).toEqual({ floorId: second.id, votes: 1, upvoted: false });
    expect(await up(c!.socket, second.id, false)).toEqual({ floorId: second.id, votes: 1, upvoted: false });
    expect(readDatabase(h.databasePath, (db) => db.prepare(`SELECT count(*) AS n FROM floor_votes WHERE floor_id = ?`).get(second.id))).toEqual({ n: 1 });

    const hostSees = floorWhere(host.socket, (f) => f.questions.find((q) => q.id === second.id)?.votes === 1);
    expect((await hostSees).questions.map((q) => q.name)).toEqual(["An", null]);
    // A phone that joins now gets the floor and its own part in its state.
    const again = await h.connectAs({ code: created.code, participantId: a!.participantId });
    expect(again.state.floor?.questions.map((q) => q.id)).toEqual([second.id, first.id]);
    expect(again.state.floorMine).toEqual({ asked: [expect.objectContaining({ id: first.id, text: "Wie beslist over het budget?" })], upvoted: [second.id] });
  });

  it("keep a question waiting for approval off screens and phones until the facilitator approves it", async () => {
    const { created, host } = await openFloor({ approval: true });
    const screen = await joinAsScreen(h, created);
    const [asker, other] = await Promise.all([1, 2].map(() => joinAsParticipant(h, created)));
    const waiting = floorWhere(host.socket, (f) => f.pending === 1);
    const question = await ask(asker!.socket, "Wat doen we met de wachtlijsten?");
    expect(question.status).toBe("pending");
    expect((await waiting).questions.map((q) => q.status)).toEqual(["pending"]);
    expect(await emit(other!.socket, "floor:upvote", { floorId: question.id, up: true })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const late = await joinAsParticipant(h, created);
    expect(JSON.stringify(late.state)).not.toContain("wachtlijsten");
    expect(JSON.stringify((await h.connectAs({ sessionId: created.id, screenKey: created.screenKey })).state)).not.toContain("wachtlijsten");
    // The asker still sees their own question, as waiting.
    const mine = await h.connectAs({ code: created.code, participantId: asker!.participantId });
    expect(mine.state.floorMine?.asked).toEqual([expect.objectContaining({ id: question.id, status: "pending" })]);

    const onScreen = floorWhere(screen.socket, (f) => f.questions.some((q) => q.id === question.id));
    const toldAsker = eventMatching(asker!.socket, "session:state", (s) => s.floorMine?.asked[0]?.status === "shown");
    expect(await emit(host.socket, "floor:approve", { floorId: question.id })).toMatchObject({ ok: true, data: { question: { id: question.id, status: "shown" } } });
    await onScreen;
    await toldAsker;
    expect(await emit(other!.socket, "floor:upvote", { floorId: question.id, up: true })).toMatchObject({ ok: true, data: { votes: 1 } });
  });

  it("take a hidden question off every screen and phone, out of the highlight, and put answered ones last", async () => {
    const { created, host } = await openFloor({ screen: true });
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    const rude = await ask(phone.socket, "Een vraag die niet op het scherm hoort");
    const good = await ask(phone.socket, "Wanneer evalueren we?");
    const best = await ask(phone.socket, "Wie trekt het netwerk?");
    await emit(phone.socket, "floor:upvote", { floorId: best.id, up: true });

    const highlighted = floorWhere(screen.socket, (f) => f.highlighted?.id === rude.id);
    expect(await emit(host.socket, "floor:highlight", { floorId: rude.id })).toMatchObject({ ok: true, data: { settings: { highlight: rude.id } } });
    await highlighted;
    const gone = floorWhere(screen.socket, (f) => !f.questions.some((q) => q.id === rude.id));
    expect(await emit(host.socket, "floor:hide", { floorId: rude.id })).toMatchObject({ ok: true, data: { question: { status: "hidden" } } });
    const seen = await gone;
    expect(seen.highlighted).toBeUndefined();
    expect(seen.settings.highlight).toBeNull();
    expect(JSON.stringify(seen)).not.toContain("niet op het scherm");
    expect(await emit(host.socket, "floor:highlight", { floorId: rude.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await emit(phone.socket, "floor:upvote", { floorId: rude.id, up: true })).toMatchObject({ ok: false, error: { code: "not_found" } });
    // The facilitator still has it, hidden; the asker's own list no longer does.
    expect((await h.connectAs({ sessionId: created.id, hostKey: created.hostKey })).state.floor?.questions.find((q) => q.id === rude.id)?.status).toBe("hidden");
    expect((await h.connectAs({ code: created.code, participantId: phone.participantId })).state.floorMine?.asked.map((q) => q.id)).toEqual([good.id, best.id]);

    const answered = floorWhere(screen.socket, (f) => f.answered === 1);
    expect(await emit(host.socket, "floor:answer", { floorId: best.id, answered: true })).toMatchObject({ ok: true, data: { question: { answered: true } } });
    expect(texts(await answered)).toEqual(["Wanneer evalueren we?:0", "Wie trekt het netwerk?:1:answered"]);
    expect(await emit(host.socket, "floor:approve", { floorId: "f_unknown" })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("refuse empty, too long and too many questions, and find a retried ask instead of storing it twice", async () => {
    const { created } = await openFloor();
    const phone = await joinAsParticipant(h, created);
    const code = async (payload: Record<string, unknown>) => (await emit(phone.socket, "floor:ask", payload)).error?.code;
    expect(await code({ text: "   \n " })).toBe("invalid_payload");
    expect(await code({ text: "x".repeat(LIMITS.floorText + 1) })).toBe("invalid_payload");
    expect(await code({ text: "Vraag", name: "n".repeat(LIMITS.floorName + 1) })).toBe("invalid_payload");
    expect(await code({ text: "Vraag", extra: 1 })).toBe("invalid_payload");

    const [once, twice] = await Promise.all([ask(phone.socket, "Eén keer, ook na een retry", { askId: "ask-123456" }), ask(phone.socket, "Eén keer, ook na een retry", { askId: "ask-123456" })]);
    expect(twice.id).toBe(once.id);
    for (let i = 1; i < LIMITS.floorPerParticipant; i++) await ask(phone.socket, `Vraag ${i}`);
    expect(await emit(phone.socket, "floor:ask", { text: "Nog één" })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(readDatabase(h.databasePath, (db) => db.prepare(`SELECT count(*) AS n FROM floor_questions WHERE session_id = ?`).get(created.id))).toEqual({
      n: LIMITS.floorPerParticipant,
    });
  });

  it("send phones the upvote counts alone while only counts change, and the whole floor when a question comes or goes", async () => {
    const { created, host } = await openFloor();
    const [asker, voter, watcher] = await Promise.all([1, 2, 3].map(() => joinAsParticipant(h, created)));
    const seen = collect(watcher!.socket, "floor:votes");
    const first = await ask(asker!.socket, "Eerste vraag");
    const second = await ask(asker!.socket, "Tweede vraag");
    await eventMatching(watcher!.socket, "floor:updated", (f) => f.questions.length === 2);
    // Counts only: the second question passes the first, and the phone hears ids and numbers, no text.
    const counted = eventMatching(watcher!.socket, "floor:votes", (v) => v.votes[second.id] === 1);
    await emit(voter!.socket, "floor:upvote", { floorId: second.id, up: true });
    expect((await counted).votes).toEqual({ [first.id]: 0, [second.id]: 1 });
    expect(JSON.stringify(seen.received)).not.toContain("vraag");
    // A hidden question changes which questions there are: the whole floor again.
    const fullAgain = eventMatching(watcher!.socket, "floor:updated", (f) => f.questions.length === 1);
    await emit(host.socket, "floor:hide", { floorId: first.id });
    expect((await fullAgain).questions.map((q) => [q.text, q.votes])).toEqual([["Tweede vraag", 1]]);
    seen.stop();
  });

  it("keep questions, upvotes, moderation and settings across a restart", async () => {
    const first = await startHarness();
    extra.push(first);
    const { created, host } = await openSession(first, { title: "Voor de herstart" });
    await emit(host.socket, "floor:configure", { open: true, screen: true });
    const phones = await Promise.all([1, 2].map(() => joinAsParticipant(first, created)));
    const q1 = await ask(phones[0]!.socket, "Blijft dit staan?");
    const q2 = await ask(phones[1]!.socket, "En dit?");
    await emit(phones[1]!.socket, "floor:upvote", { floorId: q1.id, up: true });
    await emit(host.socket, "floor:answer", { floorId: q2.id, answered: true });
    await emit(host.socket, "floor:highlight", { floorId: q1.id });
    await first.stop();

    const second = await startHarness({ databasePath: first.databasePath });
    extra.push(second);
    const screen = await second.connectAs({ sessionId: created.id, screenKey: created.screenKey });
    expect(screen.state.floor?.settings).toEqual({ open: true, approval: false, screen: true, highlight: q1.id });
    expect(texts(screen.state.floor!)).toEqual(["Blijft dit staan?:1", "En dit?:0:answered"]);
    const phone = await second.connectAs({ code: created.code, participantId: phones[1]!.participantId });
    expect(phone.state.floorMine).toEqual({ asked: [expect.objectContaining({ id: q2.id })], upvoted: [q1.id] });
    expect(await emit(phone.socket, "floor:upvote", { floorId: q1.id, up: true })).toMatchObject({ ok: true, data: { votes: 1 } });
  });
});
