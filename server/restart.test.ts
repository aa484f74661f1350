/** A restart keeps sessions, ballots and keys. */
import { afterEach, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../lib/challenges";
import { eventMatching, startHarness, type Harness } from "./testing/harness";
import { command, countsWith, joinAsParticipant, newParticipantId, openSession } from "./testing/helpers";

const harnesses: Harness[] = [];
afterEach(async () => {
  // The restarted server uses the first one's database file, so it goes first.
  for (const h of harnesses.reverse()) await h.close();
  harnesses.length = 0;
});

describe("restart", () => {
  it("keeps the session, its question, the results and each participant's ballot", async () => {
    const first = await startHarness();
    harnesses.push(first);
    const { created, host, questionId } = await openSession(first, { title: "Na de pauze", language: "en" });
    const picks: Record<string, string[]> = {
      [newParticipantId()]: ["power-play", "enemy-image"],
      [newParticipantId()]: ["power-play"],
      [newParticipantId()]: [],
      [newParticipantId()]: ["unbridgeable-diversity", "shared-ambition"],
    };
    await command(host.socket, "question:configure", { questionId, maxChoices: 3 });
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 4);
    for (const [participantId, optionIds] of Object.entries(picks)) {
      const phone = await joinAsParticipant(first, created, participantId);
      const ack = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds });
      expect(ack.ok).toBe(true);
    }
    const before = await counted;
    await command(host.socket, "results:show", { questionId });
    await command(host.socket, "question:close", { questionId });
    await first.stop();

    const second = await startHarness({ databasePath: first.databasePath });
    harnesses.push(second);
    const again = await second.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(again.state.session).toEqual({ id: created.id, title: "Na de pauze", code: created.code, language: "en" });
    expect(again.state.question).toMatchObject({ id: questionId, status: "closed", resultsVisible: true, maxChoices: 3 });
    const expectedCounts = countsWith(CHALLENGE_IDS, {
      "power-play": 2,
      "enemy-image": 1,
      "unbridgeable-diversity": 1,
      "shared-ambition": 1,
    });
    expect(before.counts).toEqual(expectedCounts);
    expect(again.state.results).toEqual({ questionId, kind: "multiple", counts: expectedCounts, respondents: 4, participants: 0 });

    for (const [participantId, optionIds] of Object.entries(picks)) {
      const phone = await joinAsParticipant(second, created, participantId);
      const normalised = CHALLENGE_IDS.filter((id) => optionIds.includes(id));
      expect(phone.state.ballot).toEqual(normalised);
      expect(phone.state.results).toMatchObject({ respondents: 4 });
      const closed = await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
      expect(closed).toMatchObject({ ok: false, error: { code: "voting_closed" } });
    }
    const stranger = await joinAsParticipant(second, created);
    expect(stranger.state.ballot).toBeUndefined();

    // The join code still leads to the session, and the export still works with the old host key.
    const exported = await fetch(`${second.url}/api/sessions/${created.id}/export?format=json`, {
      headers: { authorization: `Bearer ${created.hostKey}` },
    });
    expect(exported.status).toBe(200);
    expect(await exported.json()).toMatchObject({ questions: [{ id: questionId, respondents: 4 }] });
  });
});
