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
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { CreatedSession, Results, SessionState } from "../lib/protocol";
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
    if (target === "tafelronde") {
      const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Bench" }) });
      const created = (await res.json()) as CreatedSession;
      code = created.code;
      hostAuth = { sessionId: created.id, hostKey: created.hostKey };
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

    /**
     * Acks per second from the phase's start to its last ack: what was offered when the server keeps up, and its
     * capacity when it falls behind (it works off the backlog after the load stops).
     */
    const ackRate = (emits: { ackAt?: number }[], start: number) => {
      const ackTimes = emits.flatMap((e) => (e.ackAt === undefined ? [] : [e.ackAt]));
      return ackTimes.length === 0 ? 0 : ackTimes.length / ((ackTimes.reduce((a, b) => Math.max(a, b)) - start) / 1000);
    };

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
  const bad = results.some((r) => r.correctness.lost !== 0 || !r.correctness.countsMatch || (r.lone?.notShown ?? 0) > 0);
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
