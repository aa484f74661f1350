/** An export is one snapshot: its results are counted from the very ballots it lists, whatever arrives meanwhile. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../testing/harness";
import { joinAsParticipant, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface JsonExport {
  questions: { id: string; results: { respondents: number; counts: Record<string, number> }; ballots: { optionIds?: string[] }[] }[];
}

describe("GET /api/sessions/{id}/export", () => {
  // Results came from the live counts and ballots from the database a moment later: a vote acked in between was
  // in the ballots but not in the results (a slow database made that moment long).
  it("counts its results from the ballots it lists, also when a vote is acked while the export reads them", async () => {
    const { created, questionId } = await openSession(h, { title: "Momentopname" });
    const first = await joinAsParticipant(h, created);
    const second = await joinAsParticipant(h, created);
    expect((await first.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);

    // A slow database: the export's read of the ballots waits until a second vote has been acked.
    const store = h.app.store;
    const list = store.listBallots.bind(store);
    let reading!: () => void;
    const readStarted = new Promise<void>((resolve) => (reading = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    store.listBallots = async (id, round) => {
      if (id !== questionId) return list(id, round);
      reading();
      await released;
      return list(id, round);
    };
    try {
      const exported = fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, { headers: { authorization: `Bearer ${created.hostKey}` } });
      await readStarted;
      expect((await second.socket.emitWithAck("vote:cast", { questionId, optionIds: ["enemy-image", "power-play"] })).ok).toBe(true);
      release();
      const body = (await (await exported).json()) as JsonExport;
      const q = body.questions.find((x) => x.id === questionId);
      expect(q?.ballots).toHaveLength(2);
      expect(q?.results.respondents).toBe(2);
      expect(q?.results.counts).toMatchObject({ "power-play": 2, "enemy-image": 1 });
    } finally {
      store.listBallots = list;
    }
  });
});
