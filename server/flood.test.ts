/** Floods are throttled without hurting anyone else: a flooder is refused and dropped while bystanders vote. */
import { afterEach, describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET } from "../lib/join-code";
import type { VoteCast } from "../lib/protocol";
import type { Config } from "./config";
import { DEFAULT_FLOOD_LIMITS, type FloodLimits } from "./flood-guard";
import { eventMatching, startHarness, type Harness } from "./testing/harness";
import {
  disconnected,
  floodVotes,
  latencySummary,
  postSession,
  rowsOfSession,
  socketPool,
  timedVote,
  within,
} from "./testing/flood-helpers";
import { joinAsParticipant, newParticipantId, openSession, readDatabase } from "./testing/helpers";

// Each test gets its own server: the limiters live in the server and 127.0.0.1 is every test's address.
const harnesses: Harness[] = [];
const pools: ReturnType<typeof socketPool>[] = [];
async function server(limits: Partial<FloodLimits>, config: Partial<Config> = {}): Promise<Harness> {
  const h = await startHarness({ config: { ...config, limits: { ...DEFAULT_FLOOD_LIMITS, ...limits } } });
  harnesses.push(h);
  return h;
}
function poolOf(h: Harness) {
  const pool = socketPool(h);
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  pools.splice(0).forEach((p) => p.closeAll());
  for (const h of harnesses.splice(0)) await h.close();
});

/** Join codes that no session has: the guesses of someone walking the code space. */
function wrongCodes(n: number, real: string): string[] {
  const codes: string[] = [];
  for (let i = 0; codes.length < n; i++) {
    const code = `${JOIN_CODE_ALPHABET[i % JOIN_CODE_ALPHABET.length]}`.repeat(6);
    if (code !== real) codes.push(code);
  }
  return codes;
}

describe("a socket that floods", () => {
  it("gets rate_limited acks beyond socketEventsPerSecond and is disconnected when it keeps going", async () => {
    const h = await server({ socketEventsPerSecond: 5, socketStrikes: 10 });
    const { created, host, questionId } = await openSession(h);
    const flooder = await joinAsParticipant(h, created);
    const neighbour = await joinAsParticipant(h, created);
    const vote: VoteCast = { questionId, optionIds: ["power-play"] };

    // Eight emits in one synchronous loop land in one one-second window: five pass, three are refused.
    const first = await within(5_000, floodVotes(flooder.socket, 8, vote), "eight acks");
    expect(first).toEqual({ ok: 5, rateLimited: 3, other: [], disconnectReason: undefined });
    // Three refusals are not yet ten strikes: the socket stays.
    expect(flooder.socket.connected).toBe(true);

    const dropped = disconnected(flooder.socket);
    const more = await within(5_000, floodVotes(flooder.socket, 30, vote), "the acks or the disconnect");
    expect(await within(5_000, dropped, "the flooder's disconnect")).toBe("io server disconnect");
    // At most one fresh window's worth passes, should the one-second window roll over between the two loops.
    expect(more.ok).toBeLessThanOrEqual(5);
    expect(more.other).toEqual([]);

    // The room goes on: the neighbour's vote is acknowledged and counted with the flooder's one ballot.
    const counted = eventMatching(host.socket, "results:updated", (r) => r.respondents === 2);
    expect(await neighbour.socket.emitWithAck("vote:cast", vote)).toMatchObject({ ok: true });
    expect(await counted).toMatchObject({ respondents: 2, participants: 1 });
    expect(host.socket.connected && neighbour.socket.connected).toBe(true);
  });
});

describe("bystanders while one socket floods", () => {
  const BYSTANDERS = 20;
  const FLOOD = 2000;

  it.each<[string, Partial<FloodLimits>]>([
    ["default limits (the flooder is dropped after its strikes)", {}],
    ["a flooder that is never dropped (every flood message reaches the guard)", { socketStrikes: 1_000_000 }],
  ])("all 20 votes are acknowledged and counted, with %s", async (name, limits) => {
    const h = await server(limits);
    const bystanderVote: VoteCast = { questionId: "", optionIds: ["power-play"] };

    async function round(flood: boolean) {
      const { created, questionId } = await openSession(h);
      const bystanders = await Promise.all(Array.from({ length: BYSTANDERS }, () => joinAsParticipant(h, created)));
      const flooderId = newParticipantId();
      const flooder = await joinAsParticipant(h, created, flooderId);
      // The flood goes out first, in one synchronous loop; the bystanders' votes queue up behind it.
      const flooding = flood ? floodVotes(flooder.socket, FLOOD, { questionId, optionIds: ["staff-instability"] }) : undefined;
      const votes = await Promise.all(bystanders.map((b) => timedVote(b.socket, { ...bystanderVote, questionId })));
      const floodOutcome = await within(15_000, flooding ?? Promise.resolve(undefined), "the end of the flood");
      return { created, questionId, votes, floodOutcome, flooderKey: await h.app.rooms.participantKey(created.id, flooderId) };
    }

    const calm = await round(false);
    const stormy = await round(true);

    for (const { votes } of [calm, stormy]) {
      expect(votes.map((v) => v.ack)).toEqual(Array(BYSTANDERS).fill({ ok: true, data: { ballot: ["power-play"] } }));
    }
    const outcome = stormy.floodOutcome;
    expect(outcome?.rateLimited).toBeGreaterThan(0);
    expect(outcome?.ok).toBeLessThanOrEqual(DEFAULT_FLOOD_LIMITS.socketEventsPerSecond * 2);

    // What got through of the flood is at most the flooder's own single ballot, read from the file because a
    // dropped socket never hears the acks of its last votes.
    const flooderBallots = readDatabase(h.databasePath, (db) =>
      db.prepare(`SELECT COUNT(*) AS n FROM ballots WHERE question_id = ? AND participant_key = ?`).get(stormy.questionId, stormy.flooderKey),
    ) as { n: number };
    const through = flooderBallots.n;
    const facilitator = await h.connectAs({ sessionId: stormy.created.id, hostKey: stormy.created.hostKey });
    expect(facilitator.state.results).toMatchObject({
      respondents: BYSTANDERS + through,
      counts: expect.objectContaining({ "power-play": BYSTANDERS, "staff-instability": through }),
    });
    expect(rowsOfSession(h.databasePath, stormy.created.id).ballots).toBe(BYSTANDERS + through);

    console.log(
      `[flood] ${name}: bystander ack latency (ms) without flood ${JSON.stringify(latencySummary(calm.votes.map((v) => v.ms)))}, ` +
        `with a ${FLOOD}-message flood ${JSON.stringify(latencySummary(stormy.votes.map((v) => v.ms)))}; ` +
        `flooder: ${outcome?.ok} ok and ${outcome?.rateLimited} rate_limited acks received, ballot stored: ${through}, ` +
        `dropped: ${outcome?.disconnectReason ?? "no"}`,
    );
  });
});

describe("failed joins per address", () => {
  it("refuses an address after failedJoinsPerMinute wrong codes, even with the right code", async () => {
    const h = await server({ failedJoinsPerMinute: 5 });
    const pool = poolOf(h);
    const created = await h.createSession();

    for (const code of wrongCodes(5, created.code)) {
      const error = await pool.refused({ code, participantId: newParticipantId() });
      expect(error.message, code).toMatch(/^session_not_found/);
    }
    const sixth = await pool.refused({ code: created.code, participantId: newParticipantId() });
    expect(sixth.message).toMatch(/^rate_limited/);
    expect(sixth.data?.code).toBe("rate_limited");
    // The right host key waits too: the address is refused before any key is looked at.
    expect((await pool.refused({ sessionId: created.id, hostKey: created.hostKey })).message).toMatch(/^rate_limited/);
  });

  it("counts wrong codes per address, so another address still joins (behind a proxy, TRUST_PROXY)", async () => {
    const h = await server({ failedJoinsPerMinute: 5 }, { trustProxy: 1 });
    const pool = poolOf(h);
    const created = await h.createSession();
    const guesser = { "x-forwarded-for": "203.0.113.7" };

    for (const code of wrongCodes(5, created.code)) {
      expect((await pool.refused({ code, participantId: newParticipantId() }, undefined, guesser)).message).toMatch(/^session_not_found/);
    }
    expect((await pool.refused({ code: created.code, participantId: newParticipantId() }, undefined, guesser)).message).toMatch(/^rate_limited/);

    const joined = await pool.join({ code: created.code, participantId: newParticipantId() }, { "x-forwarded-for": "198.51.100.23" });
    expect(joined.state.session.id).toBe(created.id);
  });

  it("counts wrong codes of one IPv6 /64 together, so a fresh address per try does not get round it", async () => {
    const h = await server({ failedJoinsPerMinute: 5 }, { trustProxy: 1 });
    const pool = poolOf(h);
    const created = await h.createSession();
    const from = (n: number) => ({ "x-forwarded-for": `2001:db8:7:1::${n.toString(16)}` });

    for (const [i, code] of wrongCodes(5, created.code).entries()) {
      expect((await pool.refused({ code, participantId: newParticipantId() }, undefined, from(i + 1))).message).toMatch(/^session_not_found/);
    }
    expect((await pool.refused({ code: created.code, participantId: newParticipantId() }, undefined, from(100))).message).toMatch(/^rate_limited/);

    // The next /64 is someone else.
    const joined = await pool.join({ code: created.code, participantId: newParticipantId() }, { "x-forwarded-for": "2001:db8:7:2::1" });
    expect(joined.state.session.id).toBe(created.id);
  });

  it("admits 300 participants of one session from one address (a whole hall behind one NAT)", async () => {
    const h = await server({});
    const { created, host } = await openSession(h);
    const all = eventMatching(host.socket, "results:updated", (r) => r.participants === 300);
    let joined = 0;
    for (let batch = 0; batch < 6; batch++) {
      const sockets = await Promise.all(Array.from({ length: 50 }, () => joinAsParticipant(h, created)));
      joined += sockets.filter((s) => s.state.session.id === created.id).length;
    }
    expect(joined).toBe(300);
    expect(await all).toMatchObject({ participants: 300 });
  });
});

describe("session creation per address", () => {
  it("answers 429 rate_limited to the 4th session within the hour and stores no row for it", async () => {
    const h = await server({ sessionCreatesPerHour: 3 });
    for (const n of [1, 2, 3]) expect((await postSession(h, { title: `Sessie ${n}` })).status).toBe(201);

    const fourth = await postSession(h, { title: "Sessie 4" });
    expect(fourth.status).toBe(429);
    expect(await fourth.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    const titles = readDatabase(h.databasePath, (db) => db.prepare(`SELECT title FROM sessions ORDER BY title`).all());
    expect(titles).toEqual([{ title: "Sessie 1" }, { title: "Sessie 2" }, { title: "Sessie 3" }]);
  });
});
