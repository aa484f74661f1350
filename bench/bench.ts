/**
 * `npm run bench`: a load generator (this process, socket.io-client over WebSocket) against the production
 * server started the way the README says, then the same load against a bare socket.io baseline
 * (bench/baseline-server.ts). Prints a table and writes JSON to bench/results/.
 *
 *   npm run bench -- --participants 10000
 *   npm run bench -- --smoke            (the small size CI runs to keep this script working)
 *   npm run bench -- --nodes 3          (a cluster: PostgreSQL, Redis, 3 nodes; bench/cluster-bench.ts)
 *   npm run bench -- --nodes 3 --adapter streams|pubsub|both   (which Socket.IO Redis adapter; default both)
 *   npm run bench -- --split 4 --target tafelronde   (every participant first answers a grouping question of four
 *                                                     groups; the screen and console see the nine challenges split)
 *
 * Then questions from the floor: 20 participants ask, then every participant upvotes one or two of the questions
 * within the burst's T seconds, against the same budgets as a vote (ack p99, upvote-to-screen p95).
 *
 * Last, a dot vote: the facilitator adds and activates a dots question of 12 proposed actions with a budget of 3,
 * every participant spreads 3 dots within the burst's T seconds and a few spread theirs again, against the same
 * budgets (ack p99, dots-to-screen p95).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { LIMITS, type CreatedSession, type FloorView, type FloorVoted, type QuestionChanged, type Results, type SessionState, type VoteCastResult } from "../lib/protocol";
import { CHALLENGE_IDS } from "../lib/challenges";
import { startServerProcess, type ServerProcess } from "../server/testing/server-process";

const { values: args } = parseArgs({
  options: {
    participants: { type: "string" },
    "burst-seconds": { type: "string" },
    rates: { type: "string" },
    "rate-seconds": { type: "string" },
    target: { type: "string", default: "both" },
    smoke: { type: "boolean", default: false },
    nodes: { type: "string", default: "1" },
    adapter: { type: "string", default: "both" },
    split: { type: "string", default: "0" },
  },
});
/** Groups of the grouping question the results are split by (0: no split). */
const SPLIT_GROUPS = Number(args.split);
const NODES = Number(args.nodes);
if (!Number.isInteger(NODES) || NODES < 1) throw new Error(`--nodes must be a whole number of at least 1, not ${args.nodes}`);
if (!["streams", "pubsub", "both"].includes(args.adapter ?? "")) throw new Error(`--adapter must be streams, pubsub or both, not ${args.adapter}`);
const SMOKE = args.smoke === true;
const N = Number(args.participants ?? (SMOKE ? 200 : 2000));
const BURST_S = Number(args["burst-seconds"] ?? (SMOKE ? 2 : 10));
const RATES = (args.rates ?? (SMOKE ? "200,500" : "1000,2000,5000,10000,20000")).split(",").map(Number);
const RATE_S = Number(args["rate-seconds"] ?? (SMOKE ? 1 : 3));
const CONNECT_BATCH = 500;
/**
 * Pause after the last connect before idle CPU is read: the server is still finishing 10,000 handshakes'
 * garbage and timers, and there is no event for "quiet". A benchmark's pacing timer, not a test wait.
 */
const SETTLE_S = 2;
/** How long idle CPU is measured. */
const IDLE_S = SMOKE ? 1 : 5;
const LONE_VOTES = SMOKE ? 5 : 20;
/** Longer than the screen's 100 ms coalescing interval, so every lone vote is a leading edge. */
const LONE_GAP_MS = 250;
/** Questions from the floor: this many participants ask one each before the upvote burst (phones get the top 20). */
const FLOOR_ASKERS = 20;
/**
 * How often each asked question is picked for an upvote: a hall upvotes a few questions most. The first eight (the
 * screen's top, LIMITS.floorOnScreens) get 90% between them, so the screen's list settles after the first upvotes;
 * the other twelve reach the phones and the console, and the screen only while one of them climbs into its top.
 */
const FLOOR_WEIGHTS = [20, 16, 13, 11, 9, 8, 7, 6, ...Array.from({ length: 12 }, () => 10 / 12)];
/** Share of participants who upvote a second question besides their first. */
const SECOND_UPVOTE_SHARE = 0.5;
/** Phones whose floor messages are also measured in bytes; every phone gets the same messages. */
const FLOOR_BYTES_SAMPLE = 100;
/** Budgets of a vote, which an upvote and a dot vote must meet too (the issue of questions from the floor). */
const BUDGET = { ackP99Ms: 100, toScreenP95Ms: 150 };
/** The dot vote: proposed actions after the challenges, as a workshop turns its challenges into a plan. */
const DOT_PROPOSALS = [
  "Eén gedeelde ambitie op één A4, elk kwartaal herzien",
  "Vaste trekker per werkpakket, met een vervanger",
  "Maandelijks overleg van de stuurgroep met een besluitenlijst",
  "Inwerkmap voor nieuwe medewerkers in het project",
  "Gezamenlijke planning in één online bord",
  "Een onafhankelijke procesbegeleider aanstellen",
  "Spelregels voor besluiten en escalatie vastleggen",
  "Elk halfjaar de voortgang met alle partners vieren",
  "Budget per partner openbaar maken",
  "Werkbezoeken bij elkaars organisaties",
  "Rollen en petten per overleg benoemen",
  "Een gedeeld begrippenlijstje bijhouden",
];
/** How often each proposal gets a dot: a few lead, as a room's favourites do; the tail still gets some. */
const DOT_WEIGHTS = [22, 17, 13, 10, 8, 7, 6, 5, 4, 3, 3, 2];
/** The budget of dots per participant: the default one. */
const DOT_BUDGET = LIMITS.dotBudget.default;
/** Shares of participants who put all their dots on one proposal, and two on one and one on another; the rest spread. */
const DOTS_ALL_ON_ONE = 0.15;
const DOTS_TWO_ON_ONE = 0.35;
/** Share of participants who spread their dots again once (replacing their ballot) within the burst. */
const DOTS_RESPREAD_SHARE = 0.05;

type Phone = { socket: Socket; participantId: string; last?: string[]; inFlight: boolean; finalSeen?: number };

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const pct = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${round(a / b, 2)}x` : "–");
const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);

function procStat(pid: number): { cpuMs: number; sysMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssPages = Number(stat[21]);
  return { cpuMs: (ticks * 1000) / 100, sysMs: (Number(stat[12]) * 1000) / 100, rssMb: (rssPages * 4096) / 2 ** 20 };
}

function cpuSince(pid: number, before: { cpuMs: number; sysMs: number }, votes: number): { votes: number; cpuMsPerVote: number; sysShare: number } {
  const now = procStat(pid);
  const cpuMs = now.cpuMs - before.cpuMs;
  return { votes, cpuMsPerVote: cpuMs / Math.max(1, votes), sysShare: cpuMs > 0 ? (now.sysMs - before.sysMs) / cpuMs : 0 };
}

/**
 * CPU per vote over all vote phases together. One major garbage collection (a few hundred ms of CPU at this heap
 * size) lands in whichever 3 s phase it happens to fall, so single phases swing by tens of percent between runs.
 */
const overallCpuMsPerVote = (phases: Phase[]) =>
  phases.reduce((sum, p) => sum + p.cpuMsPerVote * p.votes, 0) / Math.max(1, phases.reduce((sum, p) => sum + p.votes, 0));

/**
 * Acks per second from the phase's start to its last ack: what was offered when the server keeps up, and its
 * capacity when it falls behind (it works off the backlog after the load stops).
 */
function ackRate(emits: { ackAt?: number }[], start: number): number {
  const ackTimes = emits.flatMap((e) => (e.ackAt === undefined ? [] : [e.ackAt]));
  return ackTimes.length === 0 ? 0 : ackTimes.length / ((ackTimes.reduce((a, b) => Math.max(a, b)) - start) / 1000);
}

/** A benchmark's pacing or polling timer, not a test wait. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `done()` or `limitMs` has passed; true when done. */
async function until(done: () => boolean, limitMs: number): Promise<boolean> {
  const end = performance.now() + limitMs;
  while (!done()) {
    if (performance.now() >= end) return false;
    await sleep(10);
  }
  return true;
}

async function diagnostics(url: string, reset = true): Promise<{ eventLoopDelayMs: { p99: number; max: number } }> {
  return (await (await fetch(`${url}/api/diagnostics${reset ? "?reset=1" : ""}`)).json()) as { eventLoopDelayMs: { p99: number; max: number } };
}

function randomBallot(): string[] {
  // Realistic multi-select picks: most people recognise two to four challenges.
  return CHALLENGE_IDS.filter((_, i) => Math.random() < [0.38, 0.3, 0.59, 0.24, 0.65, 0.32, 0.22, 0.51, 0.05][i]!);
}

function connect(url: string, auth: Record<string, string>): Promise<{ socket: Socket; state: SessionState }> {
  const socket = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state: SessionState) => resolve({ socket, state }));
    socket.once("connect_error", reject);
  });
}

interface Phase {
  name: string;
  /** Votes emitted per second. */
  offeredPerS: number;
  /** Acks per second from the phase's start to its last ack. */
  ackedPerS: number;
  ackMs: ReturnType<typeof pct>;
  screenMs?: ReturnType<typeof pct>;
  /** Acked votes of the phase. */
  votes: number;
  cpuMsPerVote: number;
  /** Share of that CPU spent in the kernel (socket writes, fsync). */
  sysShare: number;
  eventLoopP99Ms: number;
  /**
   * This process (the generator) in the phase: its event loop's p99 delay and its CPU per second. Every latency
   * above is measured here, so a late generator makes them late by as much (the bursts only).
   */
  generator?: GeneratorLoad;
}

interface GeneratorLoad {
  loopP99Ms: number;
  cpuMsPerS: number;
}

const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
generatorLoop.enable();

/** Start measuring the generator's own load; the function returned reads it. */
function generatorLoad(): () => GeneratorLoad {
  generatorLoop.reset();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    return { loopP99Ms: generatorLoop.percentile(99) / 1e6, cpuMsPerS: (cpu.user + cpu.system) / 1000 / ((performance.now() - start) / 1000) };
  };
}

/** An index into `weights` picked with their odds, never one of `exclude`. */
function pickWeighted(weights: readonly number[], exclude: readonly number[] = []): number {
  const total = weights.reduce((sum, w, i) => (exclude.includes(i) ? sum : sum + w), 0);
  let r = Math.random() * total;
  let last = 0;
  for (const [i, w] of weights.entries()) {
    if (exclude.includes(i)) continue;
    last = i;
    r -= w;
    if (r < 0) return i;
  }
  return last;
}

/** The length of a Socket.IO event as it goes over the WebSocket (`42["event",payload]`). */
const wireBytes = (event: string, payload: unknown) => Buffer.byteLength(`42${JSON.stringify([event, payload])}`);

interface UpvoteBurst extends Phase {
  /** Questions asked before the burst, one each by as many participants, and their ack times (one at a time). */
  asked: number;
  askAckMs: ReturnType<typeof pct>;
  /** Acked upvotes whose count never reached the screen: their question stayed below its top (LIMITS.floorOnScreens). */
  notOnScreen: number;
  /** Upvotes without an ack within 30 s, or refused. */
  unacked: number;
  /** What phones received over the burst: floor messages per phone, their bytes (a sample), and to all phones. */
  phones: { messagesPerPhone: number; bytesPerPhone: number; totalMb: number; finalMs: number };
  /** The facilitator's last floor against the generator's acked upvotes, per question. */
  correctness: { acked: number; counted: number; countsMatch: boolean };
}

/**
 * Questions from the floor: the facilitator opens the floor (on the screen), FLOOR_ASKERS participants ask one
 * question each, and once every phone has them, every participant upvotes one or two within BURST_S seconds (a
 * phone upvotes again only after its previous ack). Upvote-to-screen: from an upvote's emit to the first
 * `floor:updated` on a screen (a screen socket: 100 ms coalescing, the top LIMITS.floorOnScreens questions) whose
 * count of that question is at least the count the ack reported, which is the count right after this upvote.
 * CPU per upvote: the server's, from the burst's start until every phone has every upvote, so the phones' floor
 * messages (the top 20 questions every 2 s, to every phone) are billed to the upvotes that caused them.
 */
async function upvoteBurst(url: string, pid: number, host: Socket, screenAuth: Record<string, string>, phones: Phone[]): Promise<UpvoteBurst> {
  const screen = await connect(url, screenAuth);
  const screenLog: { at: number; votes: Map<string, number> }[] = [];
  screen.socket.on("floor:updated", (f: FloorView) => screenLog.push({ at: performance.now(), votes: new Map(f.questions.map((q) => [q.id, q.votes])) }));
  let hostFloor: FloorView | undefined;
  const onHostFloor = (f: FloorView) => (hostFloor = f);
  host.on("floor:updated", onHostFloor);
  const seen = phones.map(() => ({ messages: 0, bytes: 0, shown: 0, votes: 0, at: 0 }));
  const onPhoneFloor = phones.map((phone, i) => {
    const mine = seen[i]!;
    const handler = (f: FloorView) => {
      mine.messages += 1;
      if (i < FLOOR_BYTES_SAMPLE) mine.bytes += wireBytes("floor:updated", f);
      mine.shown = f.shown;
      mine.votes = f.questions.reduce((sum, q) => sum + q.votes, 0);
      mine.at = performance.now();
    };
    // While only counts change, phones get the counts alone (`floor:votes`).
    const counts = (payload: { votes: Record<string, number> }) => {
      mine.messages += 1;
      if (i < FLOOR_BYTES_SAMPLE) mine.bytes += wireBytes("floor:votes", payload);
      mine.votes = Object.values(payload.votes).reduce((sum, n) => sum + n, 0);
      mine.at = performance.now();
    };
    phone.socket.on("floor:updated", handler);
    phone.socket.on("floor:votes", counts);
    return { handler, counts };
  });
  try {
    const configured = (await host.emitWithAck("floor:configure", { open: true, screen: true })) as { ok: boolean };
    if (!configured.ok) throw new Error("could not open questions from the floor");
    const askers = phones.slice(0, Math.min(FLOOR_ASKERS, phones.length));
    const floorIds: string[] = [];
    const askMs: number[] = [];
    for (const [i, phone] of askers.entries()) {
      const at = performance.now();
      const ack = (await phone.socket.emitWithAck("floor:ask", { text: `Vraag ${i + 1}: hoe houden we de gedeelde ambitie vast als de trekkers van het project wisselen?` })) as {
        ok: boolean;
        data?: { question: { id: string } };
      };
      askMs.push(performance.now() - at);
      if (!ack.ok || !ack.data) throw new Error(`floor:ask refused: ${JSON.stringify(ack)}`);
      floorIds.push(ack.data.question.id);
    }
    // Nobody upvotes what their phone does not show yet.
    if (!(await until(() => seen.every((s) => s.shown === floorIds.length), 10_000))) throw new Error("the asked questions did not reach every phone within 10 s");

    await diagnostics(url);
    const cpu0 = procStat(pid);
    const generator = generatorLoad();
    for (const s of seen) Object.assign(s, { messages: 0, bytes: 0 });
    const logFrom = screenLog.length;
    const weights = FLOOR_WEIGHTS.slice(0, floorIds.length);
    const records: { floorId: string; at: number; ackAt?: number; votes?: number }[] = [];
    const upvote = (phone: Phone, floorId: string) =>
      new Promise<void>((resolve) => {
        const record: (typeof records)[number] = { floorId, at: performance.now() };
        records.push(record);
        phone.socket.timeout(30_000).emit("floor:upvote", { floorId, up: true }, (error: Error | null, ack: { ok: boolean; data?: FloorVoted }) => {
          if (!error && ack.ok && ack.data) {
            record.ackAt = performance.now();
            record.votes = ack.data.votes;
          }
          resolve();
        });
      });
    const start = performance.now();
    await Promise.all(
      phones.map(async (phone) => {
        const first = pickWeighted(weights);
        const picks = weights.length > 1 && Math.random() < SECOND_UPVOTE_SHARE ? [first, pickWeighted(weights, [first])] : [first];
        const times = picks.map(() => Math.random() * BURST_S * 1000).sort((a, b) => a - b);
        for (const [k, pick] of picks.entries()) {
          const wait = start + (times[k] ?? 0) - performance.now();
          if (wait > 0) await sleep(wait);
          await upvote(phone, floorIds[pick] ?? "");
        }
      }),
    );
    const acked = records.filter((r): r is Required<typeof r> => r.ackAt !== undefined && r.votes !== undefined);
    const lastAckAt = acked.reduce((max, r) => Math.max(max, r.ackAt), start);
    // The screen's last (coalesced) message must show every acked upvote of its questions before delays are read off.
    const highest = new Map<string, number>();
    for (const r of acked) highest.set(r.floorId, Math.max(highest.get(r.floorId) ?? 0, r.votes));
    await until(() => [...(screenLog.at(-1)?.votes ?? [])].every(([id, votes]) => votes >= (highest.get(id) ?? 0)), 5000);
    const log = screenLog.slice(logFrom);
    const screenMs: number[] = [];
    let notOnScreen = 0;
    for (const r of acked) {
      const shown = log.find((e) => (e.votes.get(r.floorId) ?? -1) >= r.votes);
      if (shown) screenMs.push(shown.at - r.at);
      else notOnScreen += 1;
    }
    // Phones get every question (20 at most): done when each has had a message counting every acked upvote.
    const allOnPhones = await until(() => seen.every((s) => s.votes >= acked.length), 10_000);
    const cpu = cpuSince(pid, cpu0, acked.length);
    const generatorLoadNow = generator();
    const diag = await diagnostics(url);
    await until(() => (hostFloor?.questions.reduce((sum, q) => sum + q.votes, 0) ?? 0) >= acked.length, 5000);
    const expected = new Map<string, number>();
    for (const r of acked) expected.set(r.floorId, (expected.get(r.floorId) ?? 0) + 1);
    const sample = seen.slice(0, FLOOR_BYTES_SAMPLE);
    const bytesPerPhone = sample.reduce((sum, s) => sum + s.bytes, 0) / Math.max(1, sample.length);
    const messagesPerPhone = seen.reduce((sum, s) => sum + s.messages, 0) / Math.max(1, seen.length);
    return {
      name: "upvote burst",
      offeredPerS: records.length / BURST_S,
      ackedPerS: ackRate(acked, start),
      ackMs: pct(acked.map((r) => r.ackAt - r.at)),
      screenMs: pct(screenMs),
      ...cpu,
      eventLoopP99Ms: diag.eventLoopDelayMs.p99,
      generator: generatorLoadNow,
      asked: floorIds.length,
      askAckMs: pct(askMs),
      notOnScreen,
      unacked: records.length - acked.length,
      phones: {
        messagesPerPhone,
        bytesPerPhone,
        totalMb: (bytesPerPhone * phones.length) / 2 ** 20,
        finalMs: allOnPhones ? Math.max(...seen.map((s) => s.at)) - lastAckAt : Number.NaN,
      },
      correctness: {
        acked: acked.length,
        counted: hostFloor?.questions.reduce((sum, q) => sum + q.votes, 0) ?? 0,
        countsMatch: floorIds.every((id) => (hostFloor?.questions.find((q) => q.id === id)?.votes ?? 0) === (expected.get(id) ?? 0)),
      },
    };
  } finally {
    host.off("floor:updated", onHostFloor);
    phones.forEach((phone, i) => {
      phone.socket.off("floor:updated", onPhoneFloor[i]?.handler);
      phone.socket.off("floor:votes", onPhoneFloor[i]?.counts);
    });
    screen.socket.disconnect();
  }
}

/** One participant's dots in the order a phone places them: skewed to the leading proposals, some stacked on one. */
function randomSpread(optionIds: readonly string[]): string[] {
  const weights = DOT_WEIGHTS.slice(0, optionIds.length);
  const r = Math.random();
  const picks = [pickWeighted(weights)];
  if (r < DOTS_ALL_ON_ONE) while (picks.length < DOT_BUDGET) picks.push(picks[0] ?? 0);
  else if (r < DOTS_ALL_ON_ONE + DOTS_TWO_ON_ONE) picks.push(picks[0] ?? 0, pickWeighted(weights, picks));
  else while (picks.length < DOT_BUDGET) picks.push(pickWeighted(weights, picks));
  // Placed in any order; the server stores them grouped in the options' order.
  return picks
    .map((i) => ({ id: optionIds[i] ?? "", key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map((d) => d.id);
}

/** The same dots, whatever their order: for comparing a ballot sent with the one the ack says was stored. */
const sameDots = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

interface DotsBurst extends Phase {
  proposals: number;
  budget: number;
  /** Ballots that replaced the same participant's earlier one within the burst. */
  respread: number;
  /** Acked dots, counted per ballot (a re-spread counts again). */
  dots: number;
  /** (ballot, option) pairs that no screen message of the burst showed: none expected. */
  notOnScreen: number;
  /** Ballots without an ack within 30 s, or refused; acks whose stored ballot is not the dots sent. */
  unacked: number;
  ackDiffers: number;
  /** The screen's last results against the generator's last acked ballot of every participant. */
  correctness: { respondents: number; shownRespondents: number; dots: number; shownDots: number; countsMatch: boolean; mismatches: string[] };
}

/**
 * A dot vote: the facilitator adds a dots question of DOT_PROPOSALS (budget DOT_BUDGET) and activates it; once
 * every phone has it, every participant spreads their dots within BURST_S seconds (one `vote:cast`, one option id
 * per dot) and DOTS_RESPREAD_SHARE of them spread again later in the burst (after their first ack), replacing it.
 * Dots-to-screen, per ballot and option it dots: from the emit to the first `results:updated` on a screen socket,
 * sent after the emit, whose count of that option is at least the count the acks imply (the acked ballots, in ack
 * order, up to this one, a re-spread replacing its predecessor), as the vote burst reads respondents in ack order.
 * CPU per ballot: the server's, from the burst's start until the screen shows every acked dot, as the vote burst.
 */
async function dotsBurst(url: string, pid: number, host: Socket, screenAuth: Record<string, string>, phones: Phone[]): Promise<DotsBurst> {
  const screen = await connect(url, screenAuth);
  let dotsId = "";
  const screenLog: { at: number; respondents: number; counts: Record<string, number> }[] = [];
  screen.socket.on("results:updated", (r: Results) => {
    if (r.questionId === dotsId) screenLog.push({ at: performance.now(), respondents: r.respondents, counts: r.counts });
  });
  const hasQuestion = phones.map(() => false);
  let reached = 0;
  const onState = phones.map((phone, i) => {
    const handler = (state: SessionState) => {
      if (hasQuestion[i] || state.question?.id !== dotsId) return;
      hasQuestion[i] = true;
      reached += 1;
    };
    phone.socket.on("session:state", handler);
    return handler;
  });
  try {
    const added = (await host.emitWithAck("question:add", {
      kind: "dots",
      prompt: "Welke acties pakken we op? Verdeel je drie stippen.",
      options: DOT_PROPOSALS,
      maxChoices: DOT_BUDGET,
    })) as { ok: boolean; data?: QuestionChanged };
    if (!added.ok || !added.data) throw new Error(`could not add the dot vote: ${JSON.stringify(added)}`);
    dotsId = added.data.question.id;
    // The bare baseline names no options; Tafelronde numbers them o1, o2, ... as well.
    const optionIds = added.data.question.options?.map((o) => o.id) ?? DOT_PROPOSALS.map((_, i) => `o${i + 1}`);
    const activated = (await host.emitWithAck("question:activate", { questionId: dotsId })) as { ok: boolean };
    if (!activated.ok) throw new Error(`could not activate the dot vote: ${JSON.stringify(activated)}`);
    // Nobody votes on a question their phone does not show yet.
    if (!(await until(() => reached === phones.length, 30_000))) throw new Error(`the dot vote reached ${reached} of ${phones.length} phones within 30 s`);

    await diagnostics(url);
    const cpu0 = procStat(pid);
    const generator = generatorLoad();
    const logFrom = screenLog.length;
    const records: { phone: number; dots: string[]; at: number; ackAt?: number; implied?: [string, number][] }[] = [];
    let ackDiffers = 0;
    const spread = (i: number, dots: string[]) =>
      new Promise<void>((resolve) => {
        const record: (typeof records)[number] = { phone: i, dots, at: performance.now() };
        records.push(record);
        phones[i]?.socket.timeout(30_000).emit("vote:cast", { questionId: dotsId, optionIds: dots }, (error: Error | null, ack: { ok: boolean; data?: VoteCastResult }) => {
          if (!error && ack.ok) {
            record.ackAt = performance.now();
            if (!Array.isArray(ack.data?.ballot) || !sameDots(ack.data.ballot as string[], dots)) ackDiffers += 1;
          }
          resolve();
        });
      });
    const start = performance.now();
    await Promise.all(
      phones.map(async (_, i) => {
        const times = (Math.random() < DOTS_RESPREAD_SHARE ? [0, 0] : [0]).map(() => Math.random() * BURST_S * 1000).sort((a, b) => a - b);
        for (const at of times) {
          const wait = start + at - performance.now();
          if (wait > 0) await sleep(wait);
          await spread(i, randomSpread(optionIds));
        }
      }),
    );
    // What the acks imply, in ack order: each option's count right after each ballot, and the final counts.
    const acked = records.filter((r): r is typeof r & { ackAt: number } => r.ackAt !== undefined).sort((a, b) => a.ackAt - b.ackAt);
    const expected: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
    const lastBallot = new Map<number, string[]>();
    for (const r of acked) {
      for (const id of lastBallot.get(r.phone) ?? []) expected[id] = (expected[id] ?? 0) - 1;
      for (const id of r.dots) expected[id] = (expected[id] ?? 0) + 1;
      lastBallot.set(r.phone, r.dots);
      r.implied = [...new Set(r.dots)].map((id) => [id, expected[id] ?? 0]);
    }
    const lastAckAt = acked.reduce((max, r) => Math.max(max, r.ackAt), start);
    // The screen's last (coalesced) message must show every acked dot before the delays are read off.
    const shownAll = () => {
      const last = screenLog.at(-1);
      return last !== undefined && last.at >= lastAckAt && optionIds.every((id) => last.counts[id] === expected[id]);
    };
    await until(shownAll, 5000);
    const cpu = cpuSince(pid, cpu0, acked.length);
    const generatorLoadNow = generator();
    const diag = await diagnostics(url);
    const log = screenLog.slice(logFrom);
    const screenMs: number[] = [];
    let notOnScreen = 0;
    for (const r of acked) {
      // The first message sent after the emit (the log is in time order).
      let from = 0;
      for (let hi = log.length; from < hi; ) {
        const mid = (from + hi) >> 1;
        if ((log[mid]?.at ?? 0) < r.at) from = mid + 1;
        else hi = mid;
      }
      for (const [id, count] of r.implied ?? []) {
        let k = from;
        while (k < log.length && (log[k]?.counts[id] ?? -1) < count) k++;
        const shown = log[k];
        if (shown) screenMs.push(shown.at - r.at);
        else notOnScreen += 1;
      }
    }
    const final = screenLog.at(-1);
    const mismatches = optionIds.filter((id) => final?.counts[id] !== expected[id]).map((id) => `${id}: screen ${final?.counts[id] ?? "none"}, acked ${expected[id]}`);
    if (final?.respondents !== lastBallot.size) mismatches.push(`respondents: screen ${final?.respondents ?? "none"}, acked ${lastBallot.size}`);
    if (mismatches.length > 0) console.error(`\nDOTS MISMATCH: the screen's final counts are not the acked ballots' dots: ${mismatches.join("; ")}\n`);
    return {
      name: "dots burst",
      offeredPerS: records.length / BURST_S,
      ackedPerS: ackRate(acked, start),
      ackMs: pct(acked.map((r) => r.ackAt - r.at)),
      screenMs: pct(screenMs),
      ...cpu,
      eventLoopP99Ms: diag.eventLoopDelayMs.p99,
      generator: generatorLoadNow,
      proposals: optionIds.length,
      budget: DOT_BUDGET,
      respread: acked.length - lastBallot.size,
      dots: acked.reduce((sum, r) => sum + r.dots.length, 0),
      notOnScreen,
      unacked: records.length - acked.length,
      ackDiffers,
      correctness: {
        respondents: lastBallot.size,
        shownRespondents: final?.respondents ?? 0,
        dots: Object.values(expected).reduce((a, b) => a + b, 0),
        shownDots: optionIds.reduce((sum, id) => sum + (final?.counts[id] ?? 0), 0),
        countsMatch: mismatches.length === 0,
        mismatches,
      },
    };
  } finally {
    phones.forEach((phone, i) => phone.socket.off("session:state", onState[i]));
    screen.socket.disconnect();
  }
}

/**
 * Everyone answers a grouping question of SPLIT_GROUPS groups first (spread evenly), then the room goes back to
 * the nine challenges, split by it on the console and the screen.
 */
async function sortIntoGroups(host: Socket, phones: Socket[], challengesId: string): Promise<void> {
  const options = Array.from({ length: SPLIT_GROUPS }, (_, i) => `Groep ${i + 1}`);
  const added = (await host.emitWithAck("question:add", { kind: "single", prompt: "Welke groep?", options, grouping: true })) as { ok: boolean; data: { question: { id: string } } };
  if (!added.ok) throw new Error("could not add the grouping question");
  const groupingId = added.data.question.id;
  await host.emitWithAck("question:activate", { questionId: groupingId });
  for (let i = 0; i < phones.length; i += CONNECT_BATCH) {
    await Promise.all(phones.slice(i, i + CONNECT_BATCH).map((s, k) => s.emitWithAck("vote:cast", { questionId: groupingId, optionIds: [`o${((i + k) % SPLIT_GROUPS) + 1}`] })));
  }
  await host.emitWithAck("question:activate", { questionId: challengesId });
  const split = (await host.emitWithAck("results:split", { byQuestionId: groupingId })) as { ok: boolean };
  if (!split.ok) throw new Error("could not split the results");
}

async function run(target: "tafelronde" | "baseline") {
  const dir = mkdtempSync(join(tmpdir(), `tafelronde-bench-${target}-`));
  const env = {
    DATABASE_PATH: join(dir, "bench.db"),
    DIAGNOSTICS: "1",
    // The generator re-casts far faster per socket than a person would.
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: "100000",
    RATE_LIMIT_SESSIONS_PER_HOUR: "1000",
  };
  const server: ServerProcess = await startServerProcess(env, 180_000, target === "baseline" ? "bench/baseline-server.ts" : undefined);
  const pid = server.child.pid ?? 0;
  try {
    let code = "BASELN";
    let hostAuth: Record<string, string> = { sessionId: "baseline", hostKey: "x" };
    let screenAuth: Record<string, string> = { sessionId: "baseline", screenKey: "x" };
    if (target === "tafelronde") {
      const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Bench" }) });
      const created = (await res.json()) as CreatedSession;
      code = created.code;
      hostAuth = { sessionId: created.id, hostKey: created.hostKey };
      screenAuth = { sessionId: created.id, screenKey: created.screenKey };
    }
    const host = await connect(server.url, hostAuth);
    const screen = await connect(server.url, hostAuth);
    const questionId = host.state.question?.id ?? "";
    const screenLog: { at: number; respondents: number; counts: Record<string, number> }[] = [];
    screen.socket.on("results:updated", (r: Results) => screenLog.push({ at: performance.now(), respondents: r.respondents, counts: r.counts }));

    // Connect.
    const rssBefore = procStat(pid).rssMb;
    const phones: Phone[] = [];
    const connectStart = performance.now();
    for (let i = 0; i < N; i += CONNECT_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECT_BATCH, N - i) }, (_, k) => {
          const participantId = `bench-${target}-${i + k}-${Math.random().toString(36).slice(2, 8)}`;
          return connect(server.url, { code, participantId }).then(({ socket }) => ({ socket, participantId, inFlight: false }));
        }),
      );
      phones.push(...batch);
    }
    const connectS = (performance.now() - connectStart) / 1000;
    if (SPLIT_GROUPS > 0 && target === "tafelronde") await sortIntoGroups(host.socket, phones.map((p) => p.socket), questionId);
    const rssConnected = procStat(pid).rssMb;
    const phases: Phase[] = [];

    const cast = (phone: Phone, acks: number[], emits: { at: number; ackAt?: number }[]) => {
      const ballot = randomBallot();
      phone.inFlight = true;
      const record: { at: number; ackAt?: number } = { at: performance.now() };
      emits.push(record);
      phone.socket.emit("vote:cast", { questionId, optionIds: ballot }, (ack: { ok: boolean }) => {
        phone.inFlight = false;
        if (!ack.ok) return;
        record.ackAt = performance.now();
        acks.push(record.ackAt - record.at);
        phone.last = ballot;
      });
    };

    /** A random participant without a vote in flight (a phone waits for its ack before it votes again). */
    const idlePhone = (): Phone | undefined => {
      const from = Math.floor(Math.random() * phones.length);
      for (let i = 0; i < phones.length; i++) {
        const phone = phones[(from + i) % phones.length]!;
        if (!phone.inFlight) return phone;
      }
      return undefined;
    };

    /**
     * Re-casts from random participants at `rate` per second for `seconds`, each emitted when it is due, by a
     * phone that has its previous ack. Returns the offered load: votes emitted per second, over the time it took
     * to emit them (longer than `seconds` only when every phone was still waiting for an ack).
     */
    async function offer(rate: number, seconds: number, acks: number[], emits: { at: number; ackAt?: number }[]): Promise<number> {
      const start = performance.now();
      const total = Math.round(rate * seconds);
      let sent = 0;
      let lastEmitAt = start;
      while (sent < total && performance.now() - start < (seconds + 1) * 1000) {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
        for (; sent < due; sent++) {
          const phone = idlePhone();
          if (!phone) break;
          cast(phone, acks, emits);
          lastEmitAt = performance.now();
        }
        if (sent < total) await new Promise((r) => setTimeout(r, 5));
      }
      return sent / Math.max(seconds, (lastEmitAt - start) / 1000);
    }

    async function settle(emits: { ackAt?: number }[], limitMs = 30_000) {
      const until = performance.now() + limitMs;
      while (emits.some((e) => e.ackAt === undefined) && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    }

    // Quiet room: the fixed cost of 10,000 idle sockets (heartbeats, timers), then lone votes far enough apart
    // that each one finds the screen's coalescing interval expired (leading edge).
    let idleCpuMsPerS = Number.NaN;
    let lone: { ackMs: ReturnType<typeof pct>; screenMs: ReturnType<typeof pct>; votes: number; notShown: number } | undefined;
    {
      await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
      const cpu0 = procStat(pid);
      const idleStart = performance.now();
      await new Promise((r) => setTimeout(r, IDLE_S * 1000));
      idleCpuMsPerS = (procStat(pid).cpuMs - cpu0.cpuMs) / ((performance.now() - idleStart) / 1000);
      const acks: number[] = [];
      const screenMs: number[] = [];
      let notShown = 0;
      for (const phone of phones.slice(0, LONE_VOTES)) {
        const before = screenLog.at(-1)?.respondents ?? 0;
        const emits: { at: number; ackAt?: number }[] = [];
        // A lone vote that never reaches the screen is reported as missing, not waited for forever.
        const shown = new Promise<number | undefined>((resolve) => {
          const giveUp = setTimeout(() => {
            screen.socket.off("results:updated", onResults);
            resolve(undefined);
          }, 5000);
          const onResults = (r: Results) => {
            if (r.respondents <= before) return;
            clearTimeout(giveUp);
            screen.socket.off("results:updated", onResults);
            resolve(performance.now());
          };
          screen.socket.on("results:updated", onResults);
        });
        cast(phone, acks, emits);
        const shownAt = await shown;
        if (shownAt === undefined) notShown += 1;
        else screenMs.push(shownAt - (emits[0]?.at ?? 0));
        await new Promise((r) => setTimeout(r, LONE_GAP_MS));
      }
      lone = { ackMs: pct(acks), screenMs: pct(screenMs), votes: acks.length, notShown };
    }

    // Burst: every participant who has not voted yet casts once within BURST_S seconds.
    {
      await diagnostics(server.url);
      const cpu0 = procStat(pid);
      const generator = generatorLoad();
      const acks: number[] = [];
      const emits: { at: number; ackAt?: number }[] = [];
      const start = performance.now();
      const logFrom = screenLog.length;
      const alreadyShown = screenLog.at(-1)?.respondents ?? 0;
      await Promise.all(phones.filter((phone) => !phone.last).map((phone) => new Promise<void>((resolve) => setTimeout(() => { cast(phone, acks, emits); resolve(); }, Math.random() * BURST_S * 1000))));
      await settle(emits);
      // The screen's last (coalesced) message must show every acked vote before the delays are read off.
      const ackedCount = emits.filter((e) => e.ackAt !== undefined).length;
      const shownAll = performance.now() + 5000;
      while ((screenLog.at(-1)?.respondents ?? 0) < alreadyShown + ackedCount && performance.now() < shownAll) await new Promise((r) => setTimeout(r, 10));
      // Vote-to-screen: the k-th ack (in ack order) is on the screen once it shows at least k more respondents.
      const acked = emits.filter((e) => e.ackAt !== undefined).sort((a, b) => (a.ackAt ?? 0) - (b.ackAt ?? 0));
      const log = screenLog.slice(logFrom);
      const screenMs: number[] = [];
      let j = 0;
      acked.forEach((e, k) => {
        while (j < log.length && (log[j]?.respondents ?? 0) < alreadyShown + k + 1) j++;
        const shown = log[j];
        if (shown) screenMs.push(Math.max(0, shown.at - e.at));
      });
      const diag = await diagnostics(server.url);
      phases.push({
        name: "burst",
        offeredPerS: emits.length / BURST_S,
        ackedPerS: ackRate(emits, start),
        ackMs: pct(acks),
        screenMs: pct(screenMs),
        ...cpuSince(pid, cpu0, acks.length),
        eventLoopP99Ms: diag.eventLoopDelayMs.p99,
        generator: generator(),
      });
    }

    // Ramp: re-casts at rising offered rates until the server cannot keep up.
    for (const rate of RATES) {
      await diagnostics(server.url);
      const cpu0 = procStat(pid);
      const acks: number[] = [];
      const emits: { at: number; ackAt?: number }[] = [];
      const start = performance.now();
      const offeredPerS = await offer(rate, RATE_S, acks, emits);
      await settle(emits, 10_000);
      const diag = await diagnostics(server.url);
      const phase: Phase = {
        name: `ramp ${rate}/s`,
        offeredPerS,
        ackedPerS: ackRate(emits, start),
        ackMs: pct(acks),
        ...cpuSince(pid, cpu0, acks.length),
        eventLoopP99Ms: diag.eventLoopDelayMs.p99,
      };
      phases.push(phase);
      if (phase.ackedPerS < 0.8 * phase.offeredPerS || phase.ackMs.p99 > 2000) break;
    }

    // Fan-out: results on every phone while votes flow; then close and time the final results on all phones.
    let fanoutFinalMs = Number.NaN;
    {
      let lastResults = new Map<Phone, number>();
      // Phones get the closed question (with results) as one question:updated for the room (the baseline
      // sends session:state) and later changes as results:updated.
      for (const phone of phones) {
        phone.socket.on("results:updated", () => lastResults.set(phone, performance.now()));
        phone.socket.on("question:updated", () => lastResults.set(phone, performance.now()));
        phone.socket.on("session:state", () => lastResults.set(phone, performance.now()));
      }
      await host.socket.emitWithAck("results:show", { questionId });
      const cpu0 = procStat(pid);
      const acks: number[] = [];
      const emits: { at: number; ackAt?: number }[] = [];
      const start = performance.now();
      const offeredPerS = await offer(Math.min(1000, N), 3, acks, emits);
      await settle(emits, 10_000);
      const diag = await diagnostics(server.url);
      phases.push({
        name: "fan-out",
        offeredPerS,
        ackedPerS: ackRate(emits, start),
        ackMs: pct(acks),
        ...cpuSince(pid, cpu0, acks.length),
        eventLoopP99Ms: diag.eventLoopDelayMs.p99,
      });
      lastResults = new Map();
      const closedAt = performance.now();
      await host.socket.emitWithAck("question:close", { questionId });
      const until = performance.now() + 10_000;
      while (lastResults.size < phones.length && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
      if (lastResults.size === phones.length) fanoutFinalMs = Math.max(...lastResults.values()) - closedAt;
    }

    // Correctness: the facilitator's results equal the generator's last acked ballot of every participant.
    const expected: Record<string, number> = Object.fromEntries(CHALLENGE_IDS.map((id) => [id, 0]));
    let respondents = 0;
    for (const phone of phones) {
      if (!phone.last) continue;
      respondents += 1;
      for (const id of phone.last) expected[id] = (expected[id] ?? 0) + 1;
    }
    const finalResults = new Promise<Results>((resolve) => host.socket.once("results:updated", resolve));
    await host.socket.emitWithAck("results:hide", { questionId });
    const final = await finalResults;
    const lost = respondents - final.respondents;
    const countsMatch = CHALLENGE_IDS.every((id) => final.counts[id] === expected[id]);

    const stat = procStat(pid);
    // Questions from the floor, last, so the vote phases above stay comparable with earlier runs.
    const upvotes = await upvoteBurst(server.url, pid, host.socket, screenAuth, phones);
    // The dot vote, after them, so both stay comparable with earlier runs.
    const dots = await dotsBurst(server.url, pid, host.socket, screenAuth, phones);
    phones.forEach((p) => p.socket.disconnect());
    host.socket.disconnect();
    screen.socket.disconnect();
    return {
      target,
      participants: N,
      connectPerS: N / connectS,
      /** With every participant connected, before any vote (the target's moment). */
      rssConnectedMb: rssConnected,
      /** At the end, after the overload phases: V8 keeps the heap it grew. */
      rssMb: stat.rssMb,
      /** Server CPU per second with everyone connected and nobody voting (heartbeats, timers). */
      idleCpuMsPerS,
      lone,
      bytesPerParticipant: ((rssConnected - rssBefore) * 2 ** 20) / N,
      phases,
      fanoutFinalMs,
      upvotes,
      dots,
      correctness: { respondents, shown: final.respondents, lost, duplicated: Math.max(0, -lost), countsMatch },
    };
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(results: Awaited<ReturnType<typeof run>>[]) {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`\n${r.target}: ${r.participants} participants, connect ${round(r.connectPerS, 0)}/s, RSS ${round(r.rssConnectedMb, 0)} MB with all connected (${round(r.rssMb, 0)} MB at the end), ${round(r.bytesPerParticipant / 1024, 1)} kB per participant`);
    if (r.lone) lines.push(`quiet room: ${round(r.idleCpuMsPerS, 0)} ms CPU/s idle; ${r.lone.votes} lone votes: ack p50/p95 ${round(r.lone.ackMs.p50)}/${round(r.lone.ackMs.p95)} ms, vote-to-screen p50/p95/p99 ${round(r.lone.screenMs.p50)}/${round(r.lone.screenMs.p95)}/${round(r.lone.screenMs.p99)} ms${r.lone.notShown > 0 ? `, ${r.lone.notShown} NOT SHOWN within 5 s` : ""}`);
    lines.push("| phase | offered/s | acked/s | ack p50/p95/p99 ms | vote-to-screen p50/p95/p99 ms | CPU ms/vote | loop p99 ms |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- |");
    for (const p of r.phases) {
      const s = p.screenMs ? `${round(p.screenMs.p50)}/${round(p.screenMs.p95)}/${round(p.screenMs.p99)}` : "–";
      lines.push(`| ${p.name} | ${round(p.offeredPerS, 0)} | ${round(p.ackedPerS, 0)} | ${round(p.ackMs.p50)}/${round(p.ackMs.p95)}/${round(p.ackMs.p99)} | ${s} | ${round(p.cpuMsPerVote, 3)} (${round(p.sysShare * 100, 0)}% sys) | ${round(p.eventLoopP99Ms)} |`);
    }
    lines.push(`final results on every phone ${round(r.fanoutFinalMs, 0)} ms after the close; correctness: ${r.correctness.shown}/${r.correctness.respondents} respondents, lost ${r.correctness.lost}, counts ${r.correctness.countsMatch ? "equal" : "DIFFER"}`);
    const u = r.upvotes;
    lines.push(`questions from the floor: ${u.asked} asked one at a time (ack p50/p99 ${round(u.askAckMs.p50)}/${round(u.askAckMs.p99)} ms), then ${r.participants} participants upvote one or two each within ${BURST_S} s`);
    lines.push("| phase | offered/s | acked/s | ack p50/p95/p99 ms | upvote-to-screen p50/p95/p99 ms | CPU ms/upvote | loop p99 ms |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- |");
    lines.push(`| ${u.name} (${u.votes} upvotes) | ${round(u.offeredPerS, 0)} | ${round(u.ackedPerS, 0)} | ${round(u.ackMs.p50)}/${round(u.ackMs.p95)}/${round(u.ackMs.p99)} | ${u.screenMs ? `${round(u.screenMs.p50)}/${round(u.screenMs.p95)}/${round(u.screenMs.p99)}` : "–"} | ${round(u.cpuMsPerVote, 3)} (${round(u.sysShare * 100, 0)}% sys) | ${round(u.eventLoopP99Ms)} |`);
    lines.push(
      `floor on phones over the burst: ${round(u.phones.messagesPerPhone, 1)} messages and ${round(u.phones.bytesPerPhone / 1024, 1)} kB per phone (${round(u.phones.totalMb, 1)} MB to all), every upvote on every phone ${round(u.phones.finalMs, 0)} ms after the last ack; ` +
        `${u.notOnScreen} upvotes never on the screen (their question below its top ${LIMITS.floorOnScreens}; not in upvote-to-screen)${u.unacked > 0 ? `, ${u.unacked} NOT ACKED` : ""}; ` +
        `correctness: ${u.correctness.counted}/${u.correctness.acked} acked upvotes on the console, counts ${u.correctness.countsMatch ? "equal" : "DIFFER"}`,
    );
    const d = r.dots;
    lines.push(`dot vote: ${d.proposals} proposals, ${d.budget} dots each; ${r.participants} participants spread them within ${BURST_S} s, ${d.respread} spread again (their ballot replaced)`);
    lines.push("| phase | offered/s | acked/s | ack p50/p95/p99 ms | dots-to-screen p50/p95/p99 ms | CPU ms/ballot | loop p99 ms |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- |");
    lines.push(`| ${d.name} (${d.votes} ballots, ${d.dots} dots) | ${round(d.offeredPerS, 0)} | ${round(d.ackedPerS, 0)} | ${round(d.ackMs.p50)}/${round(d.ackMs.p95)}/${round(d.ackMs.p99)} | ${d.screenMs ? `${round(d.screenMs.p50)}/${round(d.screenMs.p95)}/${round(d.screenMs.p99)}` : "–"} | ${round(d.cpuMsPerVote, 3)} (${round(d.sysShare * 100, 0)}% sys) | ${round(d.eventLoopP99Ms)} |`);
    lines.push(
      `dots correctness: the screen's last results ${d.correctness.shownDots}/${d.correctness.dots} dots, ${d.correctness.shownRespondents}/${d.correctness.respondents} respondents, counts ${d.correctness.countsMatch ? "equal to the acked ballots'" : `DIFFER (${d.correctness.mismatches.join("; ")})`}` +
        `${d.unacked > 0 ? `; ${d.unacked} NOT ACKED` : ""}${d.ackDiffers > 0 ? `; ${d.ackDiffers} acks with OTHER DOTS than sent` : ""}${d.notOnScreen > 0 ? `; ${d.notOnScreen} ballot-option pairs never on the screen` : ""}`,
    );
    const g = (p: Phase | undefined) => (p?.generator ? `loop p99 ${round(p.generator.loopP99Ms)} ms, CPU ${round(p.generator.cpuMsPerS, 0)} ms/s` : "–");
    lines.push(`the generator (this process) in the vote burst: ${g(r.phases[0])}; in the upvote burst: ${g(u)}; in the dots burst: ${g(d)}`);
    if (r.target === "tafelronde") {
      const within = (value: number | undefined, budget: number) => `${round(value ?? Number.NaN)} ms ${value !== undefined && value < budget ? "<" : "NOT <"} ${budget} ms`;
      lines.push(`upvote budgets (those of a vote): ack p99 ${within(u.ackMs.p99, BUDGET.ackP99Ms)}; upvote-to-screen p95 ${within(u.screenMs?.p95, BUDGET.toScreenP95Ms)}`);
      lines.push(`dots budgets (those of a vote): ack p99 ${within(d.ackMs.p99, BUDGET.ackP99Ms)}; dots-to-screen p95 ${within(d.screenMs?.p95, BUDGET.toScreenP95Ms)}`);
    }
  }
  const [t, b] = results;
  if (t && b) {
    const burstT = t.phases[0];
    const burstB = b.phases[0];
    if (burstT && burstB) {
      lines.push(`\nratios to the baseline: idle CPU ${ratio(t.idleCpuMsPerS, b.idleCpuMsPerS)}; lone vote-to-screen p50 ${ratio(t.lone?.screenMs.p50, b.lone?.screenMs.p50)}`);
      lines.push(`burst: CPU per vote ${ratio(burstT.cpuMsPerVote, burstB.cpuMsPerVote)}, ack p99 ${ratio(burstT.ackMs.p99, burstB.ackMs.p99)}, vote-to-screen p95 ${ratio(burstT.screenMs?.p95, burstB.screenMs?.p95)}`);
      const byPhase = t.phases.map((p) => `${p.name} ${ratio(p.cpuMsPerVote, b.phases.find((q) => q.name === p.name)?.cpuMsPerVote)}`);
      // Together over the phases both ran (one may stop its ramp earlier).
      const both = (phases: Phase[], other: Phase[]) => phases.filter((p) => other.some((q) => q.name === p.name));
      lines.push(`CPU per vote by phase: ${byPhase.join(", ")}; all vote phases together ${ratio(overallCpuMsPerVote(both(t.phases, b.phases)), overallCpuMsPerVote(both(b.phases, t.phases)))}`);
    }
    lines.push(`upvote burst: CPU per upvote ${ratio(t.upvotes.cpuMsPerVote, b.upvotes.cpuMsPerVote)}, ack p99 ${ratio(t.upvotes.ackMs.p99, b.upvotes.ackMs.p99)}, upvote-to-screen p95 ${ratio(t.upvotes.screenMs?.p95, b.upvotes.screenMs?.p95)}, floor bytes per phone ${ratio(t.upvotes.phones.bytesPerPhone, b.upvotes.phones.bytesPerPhone)}`);
    lines.push(`dots burst: CPU per ballot ${ratio(t.dots.cpuMsPerVote, b.dots.cpuMsPerVote)}, ack p99 ${ratio(t.dots.ackMs.p99, b.dots.ackMs.p99)}, dots-to-screen p95 ${ratio(t.dots.screenMs?.p95, b.dots.screenMs?.p95)}`);
  }
  return lines.join("\n");
}

async function main() {
  const targets = args.target === "both" ? (["tafelronde", "baseline"] as const) : [args.target as "tafelronde" | "baseline"];
  const results = [];
  for (const target of targets) {
    console.log(`running ${target} with ${N} participants...`);
    results.push(await run(target));
  }
  const text = table(results);
  console.log(text);
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, "-")}-${N}${SPLIT_GROUPS > 0 ? `-split-${SPLIT_GROUPS}` : ""}.json`;
  writeFileSync(file, JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model }, args: { N, BURST_S, RATES, RATE_S, SPLIT_GROUPS }, results }, null, 2));
  console.log(`\nwritten: ${file}`);
  const bad = results.some(
    (r) => r.correctness.lost !== 0 || !r.correctness.countsMatch || (r.lone?.notShown ?? 0) > 0 || r.upvotes.unacked > 0 || !r.upvotes.correctness.countsMatch ||
      r.dots.unacked > 0 || r.dots.ackDiffers > 0 || !r.dots.correctness.countsMatch,
  );
  process.exitCode = bad ? 1 : 0;
}

/** `--nodes` > 1: the same phases against a cluster, per Socket.IO Redis adapter (bench/cluster-bench.ts). */
async function mainCluster() {
  const { runClusterBench } = await import("./cluster-bench");
  const adapters = args.adapter === "both" ? (["streams", "pubsub"] as const) : [args.adapter as "streams" | "pubsub"];
  const options = {
    nodes: NODES,
    adapters: [...adapters],
    participants: N,
    burstSeconds: BURST_S,
    // A cluster on this machine shares two cores among three nodes, PostgreSQL, Redis and the generator.
    rates: (args.rates ?? (SMOKE ? "200,500" : "1000,2000,5000")).split(",").map(Number),
    rateSeconds: RATE_S,
  };
  const { runs, tables, services } = await runClusterBench(options);
  console.log(tables);
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, "-")}-${N}-cluster-${NODES}.json`;
  writeFileSync(file, JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model }, args: options, services, runs, tables }, null, 2));
  console.log(`\nwritten: ${file}`);
  const bad = runs.some((r) => r.correctness.lost !== 0 || r.correctness.duplicated !== 0 || !r.correctness.screenCountsMatch || !r.correctness.dbCountsMatch);
  process.exitCode = bad ? 1 : 0;
}

if (NODES > 1) {
  mainCluster().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  void main();
}
