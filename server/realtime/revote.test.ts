/**
 * Vote again over real sockets: a new round opens empty on every phone, the round before is kept (in the database
 * and in memory, across a restart) and goes to consoles and screens beside the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { ballotRows, command, countsWith, joinAsParticipant, joinAsScreen, newParticipantId, openSession, type Joined } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

const vote = async (phone: Joined, questionId: string, optionIds: string[]) => {
  const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds });
  if (!ack.ok) throw new Error(`vote refused: ${ack.error.code}`);
};

describe("vote again", () => {
  it("opens an empty round on every phone, keeps the round before and sends it to consoles and screens, not phones", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Tweede ronde" });
    await command(host.socket, "results:show", { questionId });
    const phones = [await joinAsParticipant(h, created), await joinAsParticipant(h, created), await joinAsParticipant(h, created)];
    await vote(phones[0] as Joined, questionId, ["power-play", "enemy-image"]);
    await vote(phones[1] as Joined, questionId, ["power-play"]);
    await vote(phones[2] as Joined, questionId, ["shared-ambition"]);
    await command(host.socket, "question:close", { questionId });
    const screen = await joinAsScreen(h, created);

    const { ack, states } = await command(host.socket, "question:revote", { questionId }, [...phones.map((p) => p.socket), screen.socket]);
    expect(ack).toMatchObject({ ok: true, data: { question: { id: questionId, status: "open" } } });
    const firstRound = { round: 1, respondents: 3, counts: countsWith(CHALLENGE_IDS, { "power-play": 2, "enemy-image": 1, "shared-ambition": 1 }) };
    for (const state of states.slice(0, 3)) {
      expect(state.question).toMatchObject({ id: questionId, status: "open" });
      expect(state.ballot).toBeUndefined();
      expect(state.results?.respondents).toBe(0);
      expect(state.results?.previous).toBeUndefined();
    }
    expect(states[3]?.results).toMatchObject({ respondents: 0, previous: firstRound });

    const seen = eventMatching(host.socket, "results:updated", (r) => r.respondents === 1);
    await vote(phones[0] as Joined, questionId, ["shared-ambition"]);
    const second = await seen;
    expect(second.counts).toEqual(countsWith(CHALLENGE_IDS, { "shared-ambition": 1 }));
    expect(second.previous).toEqual(firstRound);
    // Both rounds are in the database, the first intact.
    const rows = ballotRows(h.databasePath, questionId);
    expect(rows.filter((r) => r.round === 1)).toHaveLength(3);
    expect(rows.filter((r) => r.round === 2)).toHaveLength(1);

    // The exports carry the round before beside the current one, read from the database.
    const exported = await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, { headers: { authorization: `Bearer ${created.hostKey}` } });
    const json = (await exported.json()) as { questions: { id: string; respondents: number; rounds?: unknown }[] };
    expect(json.questions.find((q) => q.id === questionId)).toMatchObject({ respondents: 1, rounds: [firstRound] });
    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: { authorization: `Bearer ${created.hostKey}` } })).text();
    expect(csv).toContain("Eerdere ronde (nummer 1), van voor het opnieuw stemmen");

    // A reset now discards the second round only: the first stays the one to compare with.
    const { states: afterReset } = await command(host.socket, "question:reset", { questionId }, [screen.socket]);
    expect(afterReset[0]?.results).toMatchObject({ respondents: 0, previous: firstRound });
  });

  it("keeps the round before across a restart, and compares with the latest kept round after a second vote again", async () => {
    const first = await startHarness();
    try {
      const { created, host, questionId } = await openSession(first, { title: "Herstart" });
      const id = newParticipantId();
      const phone = await joinAsParticipant(first, created, id);
      await vote(phone, questionId, ["power-play"]);
      await command(host.socket, "question:revote", { questionId });
      await vote(phone, questionId, ["enemy-image"]);
      await first.stop();
      const second = await startHarness({ databasePath: first.databasePath });
      try {
        const again = await second.connectAs({ sessionId: created.id, hostKey: created.hostKey });
        expect(again.state.results).toMatchObject({ respondents: 1, counts: { "enemy-image": 1 }, previous: { round: 1, respondents: 1, counts: { "power-play": 1 } } });
        const { states } = await command(again.socket, "question:revote", { questionId }, [again.socket]);
        expect(states[0]?.results).toMatchObject({ respondents: 0, previous: { round: 2, respondents: 1, counts: { "enemy-image": 1, "power-play": 0 } } });
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
