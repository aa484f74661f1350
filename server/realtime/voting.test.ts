/** Voting over Socket.IO: acks after the commit, replaced ballots, retries, closes and results. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import type { Results } from "../../lib/protocol";
import { eventMatching, nextEvent, startHarness, type Harness } from "../testing/harness";
import {
  ballotRows,
  command,
  countsWith,
  emitRaw,
  emitWithoutAck,
  joinAsParticipant,
  joinAsScreen,
  newParticipantId,
  openSession,
} from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const counts = (picked: Record<string, number>) => countsWith(CHALLENGE_IDS, picked);

describe("vote:cast", () => {
  it("acknowledges the ballot and shows the new counts to the facilitator and the screen", async () => {
    const { created, host, questionId } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    const onHost = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    const onScreen = eventMatching(screen.socket, "results:updated", (r) => r.respondents === 1);

    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] });

    expect(ack).toEqual({ ok: true, data: { ballot: ["power-play", "enemy-image"] } });
    const expected: Results = {
      questionId,
      kind: "multiple",
      counts: counts({ "power-play": 1, "enemy-image": 1 }),
      respondents: 1,
      participants: 1,
    };
    expect(await onHost).toEqual(expected);
    expect(await onScreen).toEqual(expected);
  });

  it("replaces a participant's ballot when they vote again", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const first = eventMatching(host.socket, "results:updated", (r) => r.counts["power-play"] === 1);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await first;

    const moved = eventMatching(host.socket, "results:updated", (r) => r.counts["enemy-image"] === 1);
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(ack).toEqual({ ok: true, data: { ballot: ["enemy-image"] } });
    expect(await moved).toMatchObject({ counts: counts({ "enemy-image": 1 }), respondents: 1 });
    expect(ballotRows(h.databasePath, questionId)).toHaveLength(1);
  });

  it("counts two participants as two respondents", async () => {
    const { created, host, questionId } = await openSession(h);
    const a = await joinAsParticipant(h, created);
    const b = await joinAsParticipant(h, created);
    const both = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    await a.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await b.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "different-hats"] });
    expect(await both).toMatchObject({ counts: counts({ "power-play": 2, "different-hats": 1 }), respondents: 2 });
  });

  it("counts one participant on two sockets (two tabs) once", async () => {
    const { created, host, questionId } = await openSession(h);
    const participantId = newParticipantId();
    const tab1 = await joinAsParticipant(h, created, participantId);
    const tab2 = await joinAsParticipant(h, created, participantId);
    const first = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await tab1.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await first;

    const second = eventMatching(host.socket, "results:updated", (r) => r.counts["enemy-image"] === 1);
    await tab2.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(await second).toMatchObject({ counts: counts({ "enemy-image": 1 }), respondents: 1, participants: 1 });
  });

  it("accepts an empty ballot and counts it as a respondent", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: [] });
    expect(ack).toEqual({ ok: true, data: { ballot: [] } });
    expect(await update).toMatchObject({ counts: counts({}), respondents: 1 });
  });

  it("stores the ballot in the question's option order, whatever the tapping order", async () => {
    const { created, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const ack = await phone.socket.emitWithAck("vote:cast", {
      questionId,
      optionIds: ["unbridgeable-diversity", "shared-ambition", "power-play"],
    });
    expect(ack).toEqual({ ok: true, data: { ballot: ["shared-ambition", "power-play", "unbridgeable-diversity"] } });
    const [row] = ballotRows(h.databasePath, questionId);
    expect(JSON.parse(row?.option_ids ?? "null")).toEqual(["shared-ambition", "power-play", "unbridgeable-diversity"]);
  });

  // Each case has its own session, so they can run side by side while the results interval passes.
  describe.concurrent("refuses bad votes with their code and changes nothing", () => {
    const sixtyFive = Array.from({ length: 65 }, (_, i) => `option-${i}`);
    it.each([
      ["no payload", undefined, "invalid_payload"],
      ["a string payload", "power-play", "invalid_payload"],
      ["a null payload", null, "invalid_payload"],
      ["a missing questionId", { optionIds: ["power-play"] }, "invalid_payload"],
      ["no answer at all", { questionId: "Q" }, "wrong_answer_kind"],
      ["a scale value for a multiple-choice question", { questionId: "Q", value: 3 }, "wrong_answer_kind"],
      ["a text for a multiple-choice question", { questionId: "Q", text: "power-play" }, "wrong_answer_kind"],
      ["option ids and a text at once", { questionId: "Q", optionIds: ["power-play"], text: "x" }, "wrong_answer_kind"],
      ["a questionId that is a number", { questionId: 7, optionIds: ["power-play"] }, "invalid_payload"],
      ["an empty questionId", { questionId: "", optionIds: ["power-play"] }, "invalid_payload"],
      ["an extra field", { questionId: "Q", optionIds: ["power-play"], weight: 10 }, "invalid_payload"],
      ["optionIds that are not an array", { questionId: "Q", optionIds: "power-play" }, "invalid_payload"],
      ["optionIds as an object", { questionId: "Q", optionIds: { 0: "power-play" } }, "invalid_payload"],
      ["option ids that are not strings", { questionId: "Q", optionIds: [1, 2] }, "invalid_payload"],
      ["an empty option id", { questionId: "Q", optionIds: [""] }, "invalid_payload"],
      ["65 option ids", { questionId: "Q", optionIds: sixtyFive }, "invalid_payload"],
      ["a voteId that is not a string", { questionId: "Q", optionIds: ["power-play"], voteId: 5 }, "invalid_payload"],
      ["an unknown question", { questionId: "q_not-this-one", optionIds: ["power-play"] }, "question_not_found"],
      ["an unknown option", { questionId: "Q", optionIds: ["power-play", "free-coffee"] }, "unknown_option"],
      ["an option picked twice", { questionId: "Q", optionIds: ["power-play", "power-play"] }, "duplicate_option"],
    ])("%s", async (_name, payload, code) => {
      const { created, host, questionId } = await openSession(h);
      const phone = await joinAsParticipant(h, created);
      const other = await joinAsParticipant(h, created);
      const first = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
      await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["staff-instability"] });
      await first;

      // "Q" stands for the real question id, so only the field under test is wrong.
      const withQuestion =
        payload !== null && typeof payload === "object" && "questionId" in payload && payload.questionId === "Q"
          ? { ...payload, questionId }
          : payload;
      const ack = await emitRaw(phone.socket, "vote:cast", withQuestion);
      expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });

      const after = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
      await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
      expect(await after).toMatchObject({ counts: counts({ "staff-instability": 1, "enemy-image": 1 }), respondents: 2 });
      expect(ballotRows(h.databasePath, questionId).map((b) => JSON.parse(b.option_ids) as string[]).sort()).toEqual([
        ["enemy-image"],
        ["staff-instability"],
      ]);
    });
  });

  it("refuses more choices than the facilitator allows with too_many_choices", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const other = await joinAsParticipant(h, created);
    const { states } = await command(host.socket, "question:configure", { questionId, maxChoices: 2 }, [phone.socket]);
    expect(states[0]?.question?.maxChoices).toBe(2);

    const ack = await phone.socket.emitWithAck("vote:cast", {
      questionId,
      optionIds: ["power-play", "enemy-image", "different-hats"],
    });
    expect(ack).toEqual({ ok: false, error: { code: "too_many_choices", message: expect.any(String) } });

    const atMost = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play", "enemy-image"] });
    expect(atMost).toEqual({ ok: true, data: { ballot: ["power-play", "enemy-image"] } });
    const after = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    expect(await after).toMatchObject({ counts: counts({ "power-play": 2, "enemy-image": 1 }), respondents: 2 });
  });

  it("refuses votes after question:close with voting_closed and accepts them again after question:open", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const other = await joinAsParticipant(h, created);
    await command(host.socket, "question:close", { questionId }, [phone.socket, other.socket]);

    const closed = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    expect(closed).toEqual({ ok: false, error: { code: "voting_closed", message: expect.any(String) } });

    await command(host.socket, "question:open", { questionId }, [phone.socket, other.socket]);
    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    const reopened = await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(reopened).toEqual({ ok: true, data: { ballot: ["enemy-image"] } });
    // Only the vote cast after reopening counts: the refused one left no trace.
    expect(await update).toMatchObject({ counts: counts({ "enemy-image": 1 }), respondents: 1 });
    expect(ballotRows(h.databasePath, questionId)).toHaveLength(1);
  });

  it("refuses votes from the facilitator and the screen with forbidden", async () => {
    const { created, host, questionId } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    const phone = await joinAsParticipant(h, created);
    for (const socket of [host.socket, screen.socket]) {
      const ack = await emitRaw(socket, "vote:cast", { questionId, optionIds: ["power-play"] });
      expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(await update).toMatchObject({ counts: counts({ "enemy-image": 1 }), respondents: 1 });
  });

  it("survives a vote:cast without an ack callback", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const other = await joinAsParticipant(h, created);
    emitWithoutAck(phone.socket, "vote:cast", { questionId, optionIds: ["power-play"] });
    emitWithoutAck(phone.socket, "vote:cast", { questionId, optionIds: "not-an-array" });
    emitWithoutAck(phone.socket, "vote:cast");
    emitWithoutAck(host.socket, "question:close", { questionId: 5 });

    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    const ack = await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image"] });
    expect(ack).toEqual({ ok: true, data: { ballot: ["enemy-image"] } });
    // The ack-less valid vote still counts: it was stored, it just had nobody to tell.
    expect(await update).toMatchObject({ counts: counts({ "power-play": 1, "enemy-image": 1 }), respondents: 2 });
  });

  it("gives a participant their own ballot back in session:state when they reconnect", async () => {
    const { created, questionId } = await openSession(h);
    const participantId = newParticipantId();
    const phone = await joinAsParticipant(h, created, participantId);
    const neighbour = await joinAsParticipant(h, created);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image", "shared-ambition"] });
    await neighbour.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    phone.socket.disconnect();

    const again = await joinAsParticipant(h, created, participantId);
    expect(again.state.ballot).toEqual(["shared-ambition", "enemy-image"]);
    // Results stay hidden from phones by default, even from one that voted.
    expect(again.state.results).toBeUndefined();
    const stranger = await joinAsParticipant(h, created);
    expect(stranger.state.ballot).toBeUndefined();
  });

  it("answers a retried vote (same voteId) with the stored ballot without writing it again", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const vote = { questionId, optionIds: ["power-play"], voteId: "vote-0001" };
    const first = await phone.socket.emitWithAck("vote:cast", vote);
    expect(first).toEqual({ ok: true, data: { ballot: ["power-play"] } });
    const [stored] = ballotRows(h.databasePath, questionId);

    const retried = await phone.socket.emitWithAck("vote:cast", vote);
    expect(retried).toEqual(first);
    // A retry that arrives with other picks is still the same cast: the stored ballot stands.
    const garbled = await phone.socket.emitWithAck("vote:cast", { ...vote, optionIds: ["enemy-image"] });
    expect(garbled).toEqual(first);

    expect(ballotRows(h.databasePath, questionId)).toEqual([stored]);
    const other = await joinAsParticipant(h, created);
    const update = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    await other.socket.emitWithAck("vote:cast", { questionId, optionIds: ["different-hats"] });
    expect(await update).toMatchObject({ counts: counts({ "power-play": 1, "different-hats": 1 }), respondents: 2 });
  });

  it("counts a vote emitted twice at once (same voteId) once", async () => {
    const { created, host, questionId } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const vote = { questionId, optionIds: ["under-organisation"], voteId: "vote-twice" };
    const acks = await Promise.all([phone.socket.emitWithAck("vote:cast", vote), phone.socket.emitWithAck("vote:cast", vote)]);
    expect(acks).toEqual([
      { ok: true, data: { ballot: ["under-organisation"] } },
      { ok: true, data: { ballot: ["under-organisation"] } },
    ]);
    expect(ballotRows(h.databasePath, questionId)).toHaveLength(1);
    const state = nextEvent(host.socket, "session:state");
    await command(host.socket, "results:show", { questionId });
    expect((await state).results).toMatchObject({ counts: counts({ "under-organisation": 1 }), respondents: 1 });
  });
});
