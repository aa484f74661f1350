/**
 * The silent vote over real sockets: until the reveal, screens and phones learn how many voted and not one
 * number more, while the facilitator sees everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { collect, command, joinAsParticipant, joinAsScreen, openSession, roundTrip } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

const numbersIn = (r: Results | undefined) => r && { counts: r.counts, scores: r.scores, mean: r.mean, answers: r.answers, split: r.split };

describe("a silent vote", () => {
  it("gives screens and phones only how many voted until the reveal; the facilitator sees the numbers throughout", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Stil" });
    await command(host.socket, "results:show", { questionId });
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const { states } = await command(host.socket, "results:conceal", { questionId }, [phone.socket, screen.socket]);
    for (const state of states) expect(state.question?.silent).toBe(true);
    // The phone had results shown: they go with the silence.
    expect(states[0]?.results).toBeUndefined();

    const onScreen = collect(screen.socket, "results:updated");
    const onPhone = collect(phone.socket, "results:updated");
    const hostSees = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    const screenSees = eventMatching(screen.socket, "results:updated", (r) => r.respondents === 2);
    const other = await joinAsParticipant(h, created);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
    expect((await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] })).ok).toBe(true);
    expect((await hostSees).counts).toMatchObject({ "power-play": 2, "enemy-image": 1 });
    expect(await screenSees).toEqual({ questionId, kind: "multiple", counts: {}, respondents: 2, participants: 2, silent: true });
    await roundTrip(phone.socket);
    for (const r of onScreen.received) expect(numbersIn(r)).toEqual({ counts: {}, scores: undefined, mean: undefined, answers: undefined, split: undefined });
    expect(onPhone.received).toEqual([]);
    // A screen that connects now, and the phone's first HTML view, learn no more.
    const late = await joinAsScreen(h, created);
    expect(late.state.results).toMatchObject({ counts: {}, respondents: 2, silent: true });
    const page = await fetch(`${h.url}/j/${created.code}`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(await page.text()).not.toContain("enemy-image\":1");

    // The reveal: the numbers go to the screens, and to the phones because results are shown there.
    const screenCounts = eventMatching(screen.socket, "results:updated", (r) => !r.silent && r.respondents === 2);
    const { states: after } = await command(host.socket, "results:reveal", { questionId }, [phone.socket, screen.socket]);
    expect(after[0]?.question?.silent).toBeUndefined();
    expect(after[0]?.results?.counts).toMatchObject({ "power-play": 2, "enemy-image": 1 });
    expect((await screenCounts).counts).toMatchObject({ "power-play": 2, "enemy-image": 1 });
  });

  it("keeps a split and its groups off the screen while silent", async () => {
    const { created, host } = await openSession(h, { title: "Stil gesplitst", template: "empty" });
    const role = await command(host.socket, "question:add", { kind: "single", prompt: "Rol?", options: ["A", "B"], grouping: true });
    const roleId = role.ack.ok ? role.ack.data.question.id : "";
    const poll = await command(host.socket, "question:add", { kind: "single", prompt: "Koffie?", options: ["Ja", "Nee"] });
    const pollId = poll.ack.ok ? poll.ack.data.question.id : "";
    await command(host.socket, "results:split", { byQuestionId: roleId });
    await command(host.socket, "question:activate", { questionId: pollId });
    await command(host.socket, "results:conceal", { questionId: pollId });
    const screen = await joinAsScreen(h, created);
    expect(screen.state.results).toEqual({ questionId: pollId, kind: "single", counts: {}, respondents: 0, participants: 0, silent: true });
  });
});
