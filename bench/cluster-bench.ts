/**
 * `npm run bench -- --nodes 3`: the load of bench/bench.ts against a cluster on this machine: `--nodes` server
 * processes (the production entry, one PostgreSQL database, one Redis), once per Socket.IO Redis adapter
 * (`--adapter streams|pubsub|both`, default both), then a comparison. The generator (this process) connects each
 * participant directly to one node, round-robin; the facilitator and the screen are on node A (index 0).
 *
 * Vote-to-screen is split into same-node votes (participants on node A, where the screen is) and cross-node
 * votes (participants on the other nodes, whose ballots reach node A's mirror as deltas over the adapter), so the
 * difference is what the adapter adds. To tell the two apart on a screen that only shows counts, each group owns a
 * marker option: same-node ballots may include MARKER.same and never MARKER.cross, and the other way round. In
 * phase p the marker is wanted (p even) or not (p odd); a participant's ballot flips its marker to the wanted
 * state at one of its votes in the phase (chosen at random, so flips spread over the phase) and keeps it after.
 * So within a phase the screen's count of a marker moves one way only, and the k-th acked flip of a group is on
 * the screen once that count has moved by k (bench.ts's rule for respondents, per group).
 *
 * CPU of every process comes from /proc/<pid>/stat (utime+stime; 100 ticks/s as in bench.ts). Redis's pid is
 * the `process_id` of its `INFO server` (checked: its cwd is the instance's folder); PostgreSQL's postmaster is
 * the parent of a backend (`pg_backend_pid()`, checked: its command line names the instance's data folder), and
 * PostgreSQL's CPU is the postmaster's own and reaped children's (cutime+cstime) plus that of its live children
 * (backends, WAL writer, checkpointer...).
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import pg from "pg";
import { createClient } from "redis";
import { io, type Socket } from "socket.io-client";
import { CHALLENGE_IDS } from "../lib/challenges";
import type { CreatedSession, QuestionUpdated, QuestionView, Results, SessionState } from "../lib/protocol";
import { startPostgres, type PostgresInstance } from "../server/testing/postgres";
import { startRedis, type RedisInstance } from "../server/testing/redis";
import { startServerProcess, type ServerProcess } from "../server/testing/server-process";

export type AdapterKind = "streams" | "pubsub";

export interface ClusterBenchOptions {
  nodes: number;
  adapters: AdapterKind[];
  participants: number;
  burstSeconds: number;
  rates: number[];
  rateSeconds: number;
}

type Group = "same" | "cross";
/** Option ids each group uses to mark its flips (the two least picked in bench.ts's ballots). */
const MARKER: Record<Group, string> = { same: CHALLENGE_IDS[8]!, cross: CHALLENGE_IDS[6]! };
const CONNECT_BATCH = 500;
const HZ = 100;

type Pcts = { p50: number; p95: number; p99: number };
type Emit = { at: number; ackAt?: number; failed?: boolean; phone: Phone; flip: boolean };
interface Phone {
  socket: Socket;
  participantId: string;
  node: number;
  group: Group;
  last?: string[];
  inFlight: boolean;
  /** Phase in which this phone's marker was last flipped. */
  flippedIn: number;
  /** After the close: it got the closed question. */
  closedSeen?: boolean;
  /** After the close: the time it first had the closed question and results equal to the expected ones. */
  finalAt?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const pct = (values: number[]): Pcts => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });
const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : null);
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? String(round(n, d)) : "–");
const fmtPcts = (p: Pcts | undefined, d = 1) => (p ? `${fmt(p.p50, d)}/${fmt(p.p95, d)}/${fmt(p.p99, d)}` : "–");

// ---------------------------------------------------------------------------------------------------------
// Processes

interface Stat {
  ppid: number;
  /** utime + stime */
  ownMs: number;
  /** cutime + cstime: children that exited and were waited for */
  reapedMs: number;
  rssMb: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ms = (i: number) => (Number(f[i]) * 1000) / HZ;
    return { ppid: Number(f[1]), ownMs: ms(11) + ms(12), reapedMs: ms(13) + ms(14), rssMb: (Number(f[21]) * 4096) / 2 ** 20 };
  } catch {
    return undefined;
  }
}

/** CPU of a process and every descendant that is alive now or exited and was reaped by it. */
function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  const stats = new Map<number, Stat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (!s) continue;
    stats.set(Number(name), s);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const visit = (pid: number) => {
    const s = stats.get(pid);
    if (!s) return;
    total += s.ownMs + s.reapedMs;
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return total;
}

async function redisPid(url: string, dir: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  try {
    const info = await client.info("server");
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    if (readlinkSync(`/proc/${pid}/cwd`) !== dir) throw new Error(`Redis pid ${pid} does not run in ${dir}`);
    return pid;
  } finally {
    await client.close();
  }
}

async function postmasterPid(instance: PostgresInstance): Promise<number> {
  const client = new pg.Client({ connectionString: instance.url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? 0;
    const postmaster = readStat(backend)?.ppid ?? 0;
    const cmdline = readFileSync(`/proc/${postmaster}/cmdline`, "utf8");
    if (!cmdline.includes(instance.dir)) throw new Error(`pid ${postmaster} is not the postmaster of ${instance.dir}`);
    return postmaster;
  } finally {
    await client.end();
  }
}

async function redisStats(url: string): Promise<{ commands: number; netInMb: number; usedCpuMs: number }> {
  const client = createClient({ url });
  await client.connect();
  try {
    const info = await client.info();
    const num = (key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
    return {
      commands: num("total_commands_processed"),
      netInMb: num("total_net_input_bytes") / 2 ** 20,
      usedCpuMs: (num("used_cpu_sys") + num("used_cpu_user")) * 1000,
    };
  } finally {
    await client.close();
  }
}

async function flushRedis(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.flushAll();
  } finally {
    await client.close();
  }
}

interface Diagnostics {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}
async function diagnostics(url: string, reset = true): Promise<Diagnostics> {
  return (await (await fetch(`${url}/api/diagnostics${reset ? "?reset=1" : ""}`)).json()) as Diagnostics;
}

// ---------------------------------------------------------------------------------------------------------
// One cluster run

interface CpuSplit {
  nodes: number[];
  postgres: number;
  redis: number;
  generator: number;
  total: number;
}

interface ClusterPhase {
  name: string;
  seconds: number;
  offeredPerS: number;
  acked: number;
  ackedPerS: number;
  /** Acks with ok: false (none expected). */
  refused: number;
  ackMs: Pcts;
  screenMs: Record<Group, Pcts>;
  /** Flips measured for vote-to-screen, per group. */
  screenSamples: Record<Group, number>;
  /** Votes with no ack when the phase ended. */
  unacked: number;
  cpuMs: CpuSplit;
  rssMb: number[];
  loopP99Ms: number[];
  redisCommands: number;
  redisNetInMb: number;
  /** PostgreSQL: rows of `ballots` read (seq_tup_read + idx_tup_fetch) and transactions committed in the database. */
  pgBallotRowsRead: number;
  pgCommits: number;
}

export interface ClusterRun {
  adapter: AdapterKind;
  nodes: number;
  participants: number;
  perNode: number[];
  connectPerS: number;
  phases: ClusterPhase[];
  fanout: {
    finalMs: Record<Group, Pcts>;
    allFinalMs: number;
    phonesWithFinal: number;
    closeAckMs: number;
    /** From the close until every phone had the final results (or 15 s). */
    closeCpuMs: CpuSplit;
    closeLoopP99Ms: number[];
    closeLoopMaxMs: number[];
  };
  cpuTotalMs: CpuSplit;
  wallMs: number;
  correctness: {
    expectedRespondents: number;
    screenRespondents: number;
    screenCountsMatch: boolean;
    screenConvergedMs: number;
    dbRows: number;
    dbCountsMatch: boolean;
    lost: number;
    duplicated: number;
    unackedAtEnd: number;
  };
}

function connect(url: string, auth: Record<string, string>): Promise<{ socket: Socket; state: SessionState }> {
  const socket = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state: SessionState) => resolve({ socket, state }));
    socket.once("connect_error", reject);
  });
}

function randomBallot(group: Group, marked: boolean): string[] {
  // bench.ts's picks (two to four challenges for most people), markers aside.
  const probabilities = [0.38, 0.3, 0.59, 0.24, 0.65, 0.32, 0.22, 0.51, 0.05];
  const picks = CHALLENGE_IDS.filter((id, i) => id !== MARKER.same && id !== MARKER.cross && Math.random() < probabilities[i]!);
  return marked ? [...picks, MARKER[group]] : picks;
}

async function startNodes(count: number, env: Record<string, string>): Promise<ServerProcess[]> {
  const nodes: ServerProcess[] = [];
  try {
    // The first migrates the fresh database; the others start once it is done.
    nodes.push(await startServerProcess(env, 300_000));
    const rest = await Promise.allSettled(Array.from({ length: count - 1 }, () => startServerProcess(env, 300_000)));
    for (const r of rest) if (r.status === "fulfilled") nodes.push(r.value);
    const failed = rest.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    return nodes;
  } catch (error) {
    await stopNodes(nodes);
    throw error;
  }
}

async function stopNodes(nodes: ServerProcess[]): Promise<void> {
  for (const node of nodes) {
    if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill("SIGTERM");
  }
  await Promise.all(
    nodes.map(async (node) => {
      const timer = setTimeout(() => node.child.kill("SIGKILL"), 15_000);
      await node.exited;
      clearTimeout(timer);
    }),
  );
}

async function runCluster(adapter: AdapterKind, o: ClusterBenchOptions, postgres: PostgresInstance, redis: RedisInstance, pids: { postgres: number; redis: number }): Promise<ClusterRun> {
  await flushRedis(redis.url);
  const databaseUrl = await postgres.createDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SOCKET_ADAPTER: adapter,
    DIAGNOSTICS: "1",
    // The generator re-casts far faster per socket than a person would.
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: "100000",
    RATE_LIMIT_SESSIONS_PER_HOUR: "1000",
  };
  const nodes = await startNodes(o.nodes, env);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const sockets: Socket[] = [];
  try {
    const nodePids = nodes.map((n) => n.child.pid ?? 0);
    const sample = () => ({
      at: performance.now(),
      nodes: nodePids.map((pid) => readStat(pid)?.ownMs ?? Number.NaN),
      postgres: treeCpuMs(pids.postgres),
      redis: readStat(pids.redis)?.ownMs ?? Number.NaN,
      generator: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    type Sample = ReturnType<typeof sample>;
    const cpuBetween = (a: Sample, b: Sample): CpuSplit => {
      const split = {
        nodes: b.nodes.map((v, i) => v - (a.nodes[i] ?? 0)),
        postgres: b.postgres - a.postgres,
        redis: b.redis - a.redis,
        generator: b.generator - a.generator,
      };
      return { ...split, total: split.nodes.reduce((s, v) => s + v, 0) + split.postgres + split.redis + split.generator };
    };
    const runStart = sample();

    const res = await fetch(`${nodes[0]!.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Cluster bench" }) });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    const created = (await res.json()) as CreatedSession;
    const hostAuth = { sessionId: created.id, hostKey: created.hostKey };
    const host = await connect(nodes[0]!.url, hostAuth);
    sockets.push(host.socket);
    const screen = await connect(nodes[0]!.url, hostAuth);
    sockets.push(screen.socket);
    const questionId = host.state.question?.id ?? "";
    const screenLog: { at: number; respondents: number; counts: Record<string, number> }[] = [];
    screen.socket.on("results:updated", (r: Results) => screenLog.push({ at: performance.now(), respondents: r.respondents, counts: r.counts }));

    // Connect, round-robin over the nodes.
    const phones: Phone[] = [];
    const connectStart = performance.now();
    for (let i = 0; i < o.participants; i += CONNECT_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECT_BATCH, o.participants - i) }, (_, k) => {
          const node = (i + k) % nodes.length;
          const participantId = `bench-${adapter}-${i + k}-${Math.random().toString(36).slice(2, 8)}`;
          return connect(nodes[node]!.url, { code: created.code, participantId }).then(({ socket }) => {
            sockets.push(socket);
            return { socket, participantId, node, group: (node === 0 ? "same" : "cross") as Group, inFlight: false, flippedIn: -1 };
          });
        }),
      );
      phones.push(...batch);
    }
    const connectS = (performance.now() - connectStart) / 1000;
    const phases: ClusterPhase[] = [];

    /** PostgreSQL's own counters; a backend reports them within about a second (stats_fetch_consistency aside). */
    async function pgStats(): Promise<{ ballotRowsRead: number; commits: number }> {
      await db.query("SELECT pg_stat_clear_snapshot()");
      const t = await db.query<{ n: string }>("SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text AS n FROM pg_stat_user_tables WHERE relname = 'ballots'");
      const d = await db.query<{ n: string }>("SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()");
      return { ballotRowsRead: Number(t.rows[0]?.n ?? 0), commits: Number(d.rows[0]?.n ?? 0) };
    }

    const hasMarker = (phone: Phone) => phone.last?.includes(MARKER[phone.group]) ?? false;
    const markerCount = (group: Group) => phones.filter((p) => p.group === group && hasMarker(p)).length;

    /** Wait until the screen shows every acked ballot of both groups (so the next phase starts from a known count). */
    async function screenCaughtUp(limitMs = 10_000): Promise<boolean> {
      const want = { same: markerCount("same"), cross: markerCount("cross") };
      const until = performance.now() + limitMs;
      for (;;) {
        const last = screenLog.at(-1);
        if (last && (last.counts[MARKER.same] ?? 0) === want.same && (last.counts[MARKER.cross] ?? 0) === want.cross) return true;
        if (performance.now() > until) return false;
        await sleep(10);
      }
    }

    async function phase(name: string, index: number, flipProbability: number, drive: (cast: (phone: Phone) => void) => Promise<number>, seconds: number): Promise<ClusterPhase> {
      if (!(await screenCaughtUp())) console.warn(`  ${name}: the screen had not caught up with the previous phase after 10 s`);
      const wanted = index % 2 === 0;
      const startCount = { same: markerCount("same"), cross: markerCount("cross") };
      await Promise.all(nodes.map((n) => diagnostics(n.url)));
      const redis0 = await redisStats(redis.url);
      const pg0 = await pgStats();
      const s0 = sample();
      const emits: Emit[] = [];
      const logFrom = screenLog.length;
      const cast = (phone: Phone) => {
        const marked = hasMarker(phone);
        const flip = marked !== wanted && phone.flippedIn !== index && Math.random() < flipProbability;
        const ballot = randomBallot(phone.group, flip ? wanted : marked);
        phone.inFlight = true;
        const record: Emit = { at: performance.now(), phone, flip };
        emits.push(record);
        phone.socket.emit("vote:cast", { questionId, optionIds: ballot }, (ack: { ok: boolean }) => {
          phone.inFlight = false;
          if (!ack.ok) {
            record.failed = true;
            return;
          }
          record.ackAt = performance.now();
          phone.last = ballot;
          if (flip) phone.flippedIn = index;
        });
      };
      const start = performance.now();
      const sent = await drive(cast);
      const until = performance.now() + 15_000;
      while (emits.some((e) => e.ackAt === undefined && !e.failed) && performance.now() < until) await sleep(20);
      const elapsed = (performance.now() - start) / 1000;
      const s1 = sample();
      const redis1 = await redisStats(redis.url);
      const pg1 = await pgStats();
      const diags = await Promise.all(nodes.map((n) => diagnostics(n.url)));
      await screenCaughtUp();

      // The k-th acked flip of a group (in ack order) is on the screen once its marker count has moved by k.
      const log = screenLog.slice(logFrom);
      const screenMs = { same: [] as number[], cross: [] as number[] };
      for (const group of ["same", "cross"] as const) {
        const flips = emits.filter((e) => e.flip && e.ackAt !== undefined && e.phone.group === group).sort((a, b) => (a.ackAt ?? 0) - (b.ackAt ?? 0));
        const moved = (entry: (typeof log)[number]) => Math.abs((entry.counts[MARKER[group]] ?? 0) - startCount[group]);
        let j = 0;
        flips.forEach((e, k) => {
          while (j < log.length && moved(log[j]!) < k + 1) j++;
          const shown = log[j];
          if (shown) screenMs[group].push(Math.max(0, shown.at - e.at));
        });
      }
      const acks = emits.filter((e) => e.ackAt !== undefined).map((e) => (e.ackAt ?? 0) - e.at);
      const result: ClusterPhase = {
        name,
        seconds,
        offeredPerS: sent / seconds,
        acked: acks.length,
        ackedPerS: acks.length / elapsed,
        refused: emits.filter((e) => e.failed).length,
        ackMs: pct(acks),
        screenMs: { same: pct(screenMs.same), cross: pct(screenMs.cross) },
        screenSamples: { same: screenMs.same.length, cross: screenMs.cross.length },
        unacked: emits.filter((e) => e.ackAt === undefined && !e.failed).length,
        cpuMs: cpuBetween(s0, s1),
        rssMb: nodePids.map((pid) => readStat(pid)?.rssMb ?? Number.NaN),
        loopP99Ms: diags.map((d) => d.eventLoopDelayMs.p99),
        redisCommands: redis1.commands - redis0.commands,
        redisNetInMb: redis1.netInMb - redis0.netInMb,
        pgBallotRowsRead: pg1.ballotRowsRead - pg0.ballotRowsRead,
        pgCommits: pg1.commits - pg0.commits,
      };
      console.log(`  ${name}: ${fmt(result.ackedPerS, 0)} acked/s, ack p99 ${fmt(result.ackMs.p99)} ms, screen p95 same ${fmt(result.screenMs.same.p95)} / cross ${fmt(result.screenMs.cross.p95)} ms`);
      return result;
    }

    /**
     * Re-casts from random participants at `rate` per second for `seconds` (one in flight per phone at most).
     * Returns the votes emitted: a pick that finds its phone still waiting for an ack is not offered.
     */
    const offer = (rate: number, seconds: number) => async (cast: (phone: Phone) => void) => {
      const start = performance.now();
      let picked = 0;
      let sent = 0;
      while (performance.now() - start < seconds * 1000) {
        const due = Math.floor(((performance.now() - start) / 1000) * rate);
        for (; picked < due; picked++) {
          const phone = phones[Math.floor(Math.random() * phones.length)]!;
          if (phone.inFlight) continue;
          cast(phone);
          sent += 1;
        }
        await sleep(5);
      }
      return sent;
    };
    // Spread each phone's flip over the phase: about one in (its expected votes) of its votes flips.
    const flipChance = (rate: number, seconds: number) => Math.min(1, o.participants / (rate * seconds));

    // Idle: everyone connected, nobody votes: the cluster's fixed cost (heartbeats, presence, reconciles).
    phases.push(await phase("idle", -1, 0, async () => (await sleep(3000), 0), 3));
    let index = 0;
    // Burst: every participant casts once within T seconds.
    phases.push(
      await phase(
        "burst",
        index++,
        1,
        async (cast) => {
          await Promise.all(phones.map((phone) => new Promise<void>((resolve) => setTimeout(() => (cast(phone), resolve()), Math.random() * o.burstSeconds * 1000))));
          return phones.length;
        },
        o.burstSeconds,
      ),
    );
    // Ramp: re-casts at rising offered rates until the cluster cannot keep up.
    for (const rate of o.rates) {
      const p = await phase(`ramp ${rate}/s`, index++, flipChance(rate, o.rateSeconds), offer(rate, o.rateSeconds), o.rateSeconds);
      phases.push(p);
      if (p.ackedPerS < 0.8 * p.offeredPerS || p.ackMs.p99 > 2000) break;
    }

    // Fan-out: results on every phone while votes flow; then close and time the final results on all phones.
    await host.socket.emitWithAck("results:show", { questionId });
    const fanoutRate = Math.min(1000, o.participants);
    // Set just before the close: from then on phones are watched for the final results.
    const closing: { expected?: Record<string, number> } = {};
    const matches = (r: Results | undefined) => r !== undefined && CHALLENGE_IDS.every((id) => (r.counts[id] ?? 0) === closing.expected?.[id]);
    for (const phone of phones) {
      const seen = (r: Results | undefined) => {
        if (phone.closedSeen && phone.finalAt === undefined && matches(r)) phone.finalAt = performance.now();
      };
      phone.socket.on("results:updated", (r: Results) => seen(r));
      // The close reaches the phones of every node as one `question:updated` for that node's room (the other
      // nodes re-read the session from PostgreSQL when told it changed); session:state is kept for older servers.
      const closed = (question: QuestionView | undefined, results: Results | undefined) => {
        if (closing.expected === undefined || question?.status !== "closed") return;
        phone.closedSeen = true;
        seen(results);
      };
      phone.socket.on("session:state", (s: SessionState) => closed(s.question, s.results));
      phone.socket.on("question:updated", (u: QuestionUpdated) => closed(u.question, u.results));
    }
    phases.push(await phase("fan-out", index++, flipChance(fanoutRate, 3), offer(fanoutRate, 3), 3));

    // The generator's expected results: the last acked ballot of every participant.
    const counts: Record<string, number> = Object.fromEntries(CHALLENGE_IDS.map((id) => [id, 0]));
    let respondents = 0;
    for (const phone of phones) {
      if (!phone.last) continue;
      respondents += 1;
      for (const id of phone.last) counts[id] = (counts[id] ?? 0) + 1;
    }
    const unackedAtEnd = phones.filter((p) => p.inFlight).length;
    // Phones show results only after a change that reaches them; the close is the last change.
    for (const phone of phones) phone.finalAt = undefined;
    closing.expected = counts;
    await Promise.all(nodes.map((n) => diagnostics(n.url)));
    const closeStart = sample();
    const closedAt = performance.now();
    await host.socket.emitWithAck("question:close", { questionId });
    const closeAckMs = performance.now() - closedAt;
    const finalUntil = performance.now() + 15_000;
    while (phones.some((p) => p.finalAt === undefined) && performance.now() < finalUntil) await sleep(20);
    const closeEnd = sample();
    const closeDiags = await Promise.all(nodes.map((n) => diagnostics(n.url)));
    const finalMs = { same: [] as number[], cross: [] as number[] };
    for (const phone of phones) if (phone.finalAt !== undefined) finalMs[phone.group].push(phone.finalAt - closedAt);
    const phonesWithFinal = finalMs.same.length + finalMs.cross.length;

    // Correctness: the screen (node A's mirror) and PostgreSQL both hold exactly the generator's ballots.
    const convergedFrom = performance.now();
    const shownUntil = performance.now() + 10_000;
    const hidden = new Promise<Results>((resolve) => host.socket.once("results:updated", resolve));
    await host.socket.emitWithAck("results:hide", { questionId });
    const hostFinal = await hidden;
    screenLog.push({ at: performance.now(), respondents: hostFinal.respondents, counts: hostFinal.counts });
    const screenOk = () => {
      const last = screenLog.at(-1);
      return last !== undefined && last.respondents === respondents && CHALLENGE_IDS.every((id) => (last.counts[id] ?? 0) === counts[id]);
    };
    while (!screenOk() && performance.now() < shownUntil) await sleep(20);
    const screenConvergedMs = screenOk() ? performance.now() - convergedFrom : Number.NaN;
    const shown = screenLog.at(-1);

    const rows = await db.query<{ rows: number; round: number }>(
      "SELECT count(*)::int AS rows, max(b.round) AS round FROM ballots b JOIN questions q ON q.id = b.question_id AND q.round = b.round WHERE b.question_id = $1",
      [questionId],
    );
    const dbRows = rows.rows[0]?.rows ?? 0;
    const perOption = await db.query<{ option: string; n: number }>(
      "SELECT o AS option, count(*)::int AS n FROM ballots b JOIN questions q ON q.id = b.question_id AND q.round = b.round, jsonb_array_elements_text(b.option_ids) o WHERE b.question_id = $1 GROUP BY o",
      [questionId],
    );
    const dbCounts = Object.fromEntries(perOption.rows.map((r) => [r.option, r.n]));
    const dbCountsMatch = CHALLENGE_IDS.every((id) => (dbCounts[id] ?? 0) === counts[id]);

    const runEnd = sample();
    return {
      adapter,
      nodes: o.nodes,
      participants: o.participants,
      perNode: nodes.map((_, i) => phones.filter((p) => p.node === i).length),
      connectPerS: o.participants / connectS,
      phases,
      fanout: {
        finalMs: { same: pct(finalMs.same), cross: pct(finalMs.cross) },
        allFinalMs: phonesWithFinal === phones.length ? Math.max(...finalMs.same, ...finalMs.cross) : Number.NaN,
        phonesWithFinal,
        closeAckMs,
        closeCpuMs: cpuBetween(closeStart, closeEnd),
        closeLoopP99Ms: closeDiags.map((d) => d.eventLoopDelayMs.p99),
        closeLoopMaxMs: closeDiags.map((d) => d.eventLoopDelayMs.max),
      },
      cpuTotalMs: cpuBetween(runStart, runEnd),
      wallMs: runEnd.at - runStart.at,
      correctness: {
        expectedRespondents: respondents,
        screenRespondents: shown?.respondents ?? 0,
        screenCountsMatch: screenOk(),
        screenConvergedMs,
        dbRows,
        dbCountsMatch,
        lost: Math.max(0, respondents - dbRows),
        duplicated: Math.max(0, dbRows - respondents),
        unackedAtEnd,
      },
    };
  } finally {
    sockets.forEach((s) => s.disconnect());
    await db.end().catch(() => {});
    await stopNodes(nodes);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tables

const letter = (i: number) => String.fromCharCode(65 + i);

export function clusterTables(runs: ClusterRun[]): string {
  const lines: string[] = [];
  for (const r of runs) {
    const cores = 2;
    lines.push(
      `\n### ${r.adapter}: ${r.nodes} nodes, ${r.participants} participants (${r.perNode.map((n, i) => `${letter(i)} ${n}`).join(", ")}), connect ${fmt(r.connectPerS, 0)}/s`,
    );
    lines.push("\n| phase | offered/s | acked/s | ack p50/p95/p99 ms | screen same-node p50/p95/p99 ms (n) | screen cross-node p50/p95/p99 ms (n) | cross − same p50/p95 ms | refused / no ack |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const p of r.phases) {
      const d50 = p.screenMs.cross.p50 - p.screenMs.same.p50;
      const d95 = p.screenMs.cross.p95 - p.screenMs.same.p95;
      lines.push(
        `| ${p.name} | ${fmt(p.offeredPerS, 0)} | ${fmt(p.ackedPerS, 0)} | ${fmtPcts(p.ackMs)} | ${fmtPcts(p.screenMs.same)} (${p.screenSamples.same}) | ${fmtPcts(p.screenMs.cross)} (${p.screenSamples.cross}) | ${fmt(d50)}/${fmt(d95)} | ${p.refused} / ${p.unacked} |`,
      );
    }
    const nodeCols = r.perNode.map((_, i) => letter(i)).join("/");
    lines.push(`\n| phase | CPU ms nodes ${nodeCols} | PostgreSQL | Redis | generator | total (of ${cores} cores) | CPU ms/acked vote (nodes+PG+Redis) | loop p99 ms ${nodeCols} | RSS MB ${nodeCols} | Redis cmds / MB in | PG ballot rows read / commits |`);
    lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const p of r.phases) {
      const wallMs = p.seconds * 1000;
      const server = p.cpuMs.total - p.cpuMs.generator;
      lines.push(
        `| ${p.name} | ${p.cpuMs.nodes.map((v) => fmt(v, 0)).join(" / ")} | ${fmt(p.cpuMs.postgres, 0)} | ${fmt(p.cpuMs.redis, 0)} | ${fmt(p.cpuMs.generator, 0)} | ${fmt(p.cpuMs.total, 0)} (${fmt((100 * p.cpuMs.total) / (wallMs * cores), 0)}% over ${p.seconds} s) | ${p.acked > 0 ? fmt(server / p.acked, 3) : "–"} | ${p.loopP99Ms.map((v) => fmt(v)).join(" / ")} | ${p.rssMb.map((v) => fmt(v, 0)).join(" / ")} | ${p.redisCommands} / ${fmt(p.redisNetInMb, 2)} | ${p.pgBallotRowsRead} / ${p.pgCommits} |`,
      );
    }
    const t = r.cpuTotalMs;
    const share = (v: number) => `${fmt(v / 1000, 1)} s (${fmt((100 * v) / t.total, 0)}%)`;
    lines.push(
      `\nWhole run (${fmt(r.wallMs / 1000, 0)} s wall, ${fmt(t.total / 1000, 1)} s CPU = ${fmt((100 * t.total) / (r.wallMs * cores), 0)}% of ${cores} cores): ${t.nodes.map((v, i) => `node ${letter(i)} ${share(v)}`).join(", ")}, PostgreSQL ${share(t.postgres)}, Redis ${share(t.redis)}, generator ${share(t.generator)}.`,
    );
    const f = r.fanout;
    lines.push(
      `Fan-out: close acked in ${fmt(f.closeAckMs, 0)} ms; final results on ${f.phonesWithFinal}/${r.participants} phones, on all of them ${fmt(f.allFinalMs, 0)} ms after the close (same-node phones p50/p95/p99 ${fmtPcts(f.finalMs.same, 0)} ms, cross-node ${fmtPcts(f.finalMs.cross, 0)} ms); meanwhile CPU ms nodes ${f.closeCpuMs.nodes.map((v) => fmt(v, 0)).join(" / ")}, PostgreSQL ${fmt(f.closeCpuMs.postgres, 0)}, Redis ${fmt(f.closeCpuMs.redis, 0)}; event loop p99 ${f.closeLoopP99Ms.map((v) => fmt(v)).join(" / ")} ms, max ${f.closeLoopMaxMs.map((v) => fmt(v)).join(" / ")} ms.`,
    );
    const c = r.correctness;
    lines.push(
      `Correctness: expected ${c.expectedRespondents} respondents; screen ${c.screenRespondents}, counts ${c.screenCountsMatch ? "equal" : "DIFFER"} (converged ${fmt(c.screenConvergedMs, 0)} ms after results:hide); PostgreSQL ${c.dbRows} rows, counts ${c.dbCountsMatch ? "equal" : "DIFFER"}; lost ${c.lost}, duplicated ${c.duplicated}; votes without ack at the end ${c.unackedAtEnd}.`,
    );
  }
  if (runs.length > 1) {
    lines.push(`\n### Comparison (${runs.map((r) => r.adapter).join(" vs ")})\n`);
    lines.push(`| metric | ${runs.map((r) => r.adapter).join(" | ")} |`);
    lines.push(`| --- | ${runs.map(() => "---").join(" | ")} |`);
    const row = (label: string, value: (r: ClusterRun) => string) => lines.push(`| ${label} | ${runs.map(value).join(" | ")} |`);
    const byName = (r: ClusterRun, name: string) => r.phases.find((p) => p.name === name);
    row("connect/s", (r) => fmt(r.connectPerS, 0));
    for (const name of runs[0]!.phases.map((p) => p.name)) {
      row(`${name}: acked/s`, (r) => fmt(byName(r, name)?.ackedPerS ?? NaN, 0));
      row(`${name}: ack p50/p95/p99 ms`, (r) => fmtPcts(byName(r, name)?.ackMs));
      row(`${name}: screen same-node p50/p95/p99 ms`, (r) => fmtPcts(byName(r, name)?.screenMs.same));
      row(`${name}: screen cross-node p50/p95/p99 ms`, (r) => fmtPcts(byName(r, name)?.screenMs.cross));
      row(`${name}: Redis CPU ms`, (r) => fmt(byName(r, name)?.cpuMs.redis ?? NaN, 0));
      row(`${name}: nodes CPU ms (sum)`, (r) => fmt(byName(r, name)?.cpuMs.nodes.reduce((s, v) => s + v, 0) ?? NaN, 0));
    }
    row("final results on all phones after close, ms", (r) => fmt(r.fanout.allFinalMs, 0));
    row("whole run CPU s: nodes / PG / Redis / generator", (r) => `${fmt(r.cpuTotalMs.nodes.reduce((s, v) => s + v, 0) / 1000)} / ${fmt(r.cpuTotalMs.postgres / 1000)} / ${fmt(r.cpuTotalMs.redis / 1000)} / ${fmt(r.cpuTotalMs.generator / 1000)}`);
    row("lost / duplicated / counts (screen, PG)", (r) => `${r.correctness.lost} / ${r.correctness.duplicated} / ${r.correctness.screenCountsMatch ? "equal" : "DIFFER"}, ${r.correctness.dbCountsMatch ? "equal" : "DIFFER"}`);
  }
  return lines.join("\n");
}

/** Starts PostgreSQL and Redis, runs the cluster once per adapter, prints tables; resolves with the runs. */
export async function runClusterBench(o: ClusterBenchOptions): Promise<{ runs: ClusterRun[]; tables: string; services: { postgresPid: number; redisPid: number } }> {
  let postgres: PostgresInstance | undefined;
  let redis: RedisInstance | undefined;
  try {
    postgres = await startPostgres();
    redis = await startRedis();
    const pids = { postgres: await postmasterPid(postgres), redis: await redisPid(redis.url, redis.dir) };
    const runs: ClusterRun[] = [];
    for (const adapter of o.adapters) {
      console.log(`running ${o.nodes} nodes with SOCKET_ADAPTER=${adapter}, ${o.participants} participants...`);
      runs.push(await runCluster(adapter, o, postgres, redis, pids));
    }
    return { runs, tables: clusterTables(runs), services: { postgresPid: pids.postgres, redisPid: pids.redis } };
  } finally {
    await redis?.destroy();
    await postgres?.destroy();
  }
}
