/**
 * Soak runs (`npm run soak`, not in CI) against the production server, printing its memory and open file
 * descriptors:
 * - waves of participants connect, vote and disconnect in one session; memory must come back within 10% of its
 *   warm baseline and descriptors must not grow:  npm run soak -- --clients 3000 --waves 12
 * - months of sessions: many sessions run through one after another (created, a facilitator and five voters
 *   connect, vote, leave); rooms left idle leave memory, so heap after GC after 20,000 sessions must be within
 *   10% of that after 1,000:  npm run soak -- --sessions 20000
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { CreatedSession, SessionState } from "../lib/protocol";
import { CHALLENGE_IDS } from "../lib/challenges";
import { startServerProcess } from "../server/testing/server-process";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "3000" },
    waves: { type: "string", default: "12" },
    "batch": { type: "string", default: "250" },
    sessions: { type: "string" },
    voters: { type: "string", default: "5" },
    parallel: { type: "string", default: "20" },
    "idle-unload-seconds": { type: "string", default: "2" },
  },
});
const CLIENTS = Number(values.clients);
const WAVES = Number(values.waves);
const BATCH = Number(values.batch);

interface Sample {
  roomsInMemory: number;
  heapMb: number;
  rssMb: number;
  fds: number;
  handles: number;
}

/** The server's heap after a GC and its open handles (DIAGNOSTICS=1), plus RSS and descriptors from /proc. */
async function sample(url: string, pid: number): Promise<Sample> {
  const d = (await (await fetch(`${url}/api/diagnostics?gc=1`)).json()) as { memory: NodeJS.MemoryUsage; resources: Record<string, number>; roomsInMemory: number };
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    roomsInMemory: d.roomsInMemory,
    heapMb: d.memory.heapUsed / 2 ** 20,
    rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
    fds: readdirSync(`/proc/${pid}/fd`).length,
    handles: Object.values(d.resources).reduce((a, b) => a + b, 0),
  };
}
const show = (s: Sample) => `${s.roomsInMemory} rooms in memory, heap ${s.heapMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB, fds ${s.fds}, handles ${s.handles}`;

async function connectParticipant(url: string, code: string, i: number): Promise<{ socket: Socket; state: SessionState }> {
  const socket = io(url, { auth: { code, participantId: `soak-participant-${i}` }, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state: SessionState) => resolve({ socket, state }));
    socket.once("connect_error", reject);
  });
}

async function wave(url: string, code: string): Promise<number> {
  const sockets: Socket[] = [];
  let acked = 0;
  for (let start = 0; start < CLIENTS; start += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, CLIENTS - start) }, (_, k) => connectParticipant(url, code, start + k)),
    );
    await Promise.all(
      batch.map(async ({ socket, state }) => {
        sockets.push(socket);
        const ack = (await socket.emitWithAck("vote:cast", {
          questionId: state.question?.id ?? "",
          optionIds: CHALLENGE_IDS.filter(() => Math.random() < 0.3),
        })) as { ok: boolean };
        if (ack.ok) acked += 1;
      }),
    );
  }
  await Promise.all(
    sockets.map((s) => new Promise<void>((resolve) => {
      s.once("disconnect", () => resolve());
      s.disconnect();
    })),
  );
  return acked;
}

/** Let disconnects and rate-limiter entries (10 s windows) expire before measuring. */
const idle = () => new Promise((r) => setTimeout(r, 11_000));

/** Start the production server with a fresh SQLite file and diagnostics, run, then stop it on SIGTERM. */
async function withSoakServer(env: Record<string, string>, run: (url: string, pid: number) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-soak-"));
  const server = await startServerProcess({ DATABASE_PATH: join(dir, "soak.db"), DIAGNOSTICS: "1", NODE_OPTIONS: "--expose-gc", ...env });
  try {
    await run(server.url, server.child.pid ?? 0);
  } finally {
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    console.log(`shutdown on SIGTERM: exit code ${exit.code}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Did heap after GC stay within 10% and the descriptors stay put? */
function verdict(first: Sample, last: Sample, what: [string, string]): boolean {
  const growth = (last.heapMb - first.heapMb) / first.heapMb;
  console.log(`heap after GC: ${first.heapMb.toFixed(1)} MB ${what[0]}, ${last.heapMb.toFixed(1)} MB ${what[1]} (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%)`);
  return growth <= 0.1 && last.fds <= first.fds + 2 && last.handles <= first.handles + 2;
}

/** One session run through: created, its facilitator and voters connect, the voters vote, everyone leaves. */
async function runSession(url: string, index: number, voters: number): Promise<number> {
  const res = await fetch(`${url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: `Soak ${index}` }) });
  const session = (await res.json()) as CreatedSession;
  const host = io(url, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    host.once("session:state", resolve);
    host.once("connect_error", reject);
  });
  let acked = 0;
  const phones = await Promise.all(Array.from({ length: voters }, (_, k) => connectParticipant(url, session.code, index * voters + k)));
  await Promise.all(
    phones.map(async ({ socket, state }) => {
      const ack = (await socket.emitWithAck("vote:cast", { questionId: state.question?.id ?? "", optionIds: CHALLENGE_IDS.filter(() => Math.random() < 0.3) })) as { ok: boolean };
      if (ack.ok) acked += 1;
    }),
  );
  await Promise.all(
    [host, ...phones.map((p) => p.socket)].map(
      (s) =>
        new Promise<void>((resolve) => {
          s.once("disconnect", () => resolve());
          s.disconnect();
        }),
    ),
  );
  return acked;
}

/** Sessions run through `parallel` at a time; heap after GC after 1,000 and at the end, once idle rooms left. */
async function sessionsSoak(total: number): Promise<void> {
  const voters = Number(values.voters);
  const parallel = Number(values.parallel);
  const idleUnloadSeconds = Number(values["idle-unload-seconds"]);
  // Idle rooms leave within 1.25 idle periods; rate-limiter entries live 10 s.
  const settle = () => new Promise((r) => setTimeout(r, Math.max(11_000, Math.min(idleUnloadSeconds * 1500 + 1000, 90_000))));
  await withSoakServer({ IDLE_UNLOAD_SECONDS: String(idleUnloadSeconds), RATE_LIMIT_SESSIONS_PER_HOUR: String(total * 2) }, async (url, pid) => {
    console.log(`soak: ${total} sessions of ${voters} voters and a facilitator, ${parallel} at a time, IDLE_UNLOAD_SECONDS=${idleUnloadSeconds}`);
    console.log(`start: ${show(await sample(url, pid))}`);
    const marks = [Math.min(1000, total), total];
    const samples: Sample[] = [];
    const started = Date.now();
    let done = 0;
    let acked = 0;
    for (const mark of marks) {
      while (done < mark) {
        const n = Math.min(parallel, mark - done);
        const results = await Promise.all(Array.from({ length: n }, (_, k) => runSession(url, done + k, voters)));
        acked += results.reduce((a, b) => a + b, 0);
        done += n;
        if (done % 2000 === 0) console.log(`  ${done} sessions, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
      await settle();
      const s = await sample(url, pid);
      samples.push(s);
      console.log(`after ${done} sessions (${acked}/${done * voters} votes acked): ${show(s)}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const [first, last] = [samples[0], samples.at(-1)];
    if (!first || !last) return;
    const ok = verdict(first, last, [`after ${marks[0]} sessions`, `after ${total}`]) && acked === total * voters;
    console.log(ok ? "soak: OK (heap within 10%, no descriptor leak, every vote acked)" : "soak: FAILED");
    process.exitCode = ok ? 0 : 1;
  });
}

async function main() {
  if (values.sessions) return sessionsSoak(Number(values.sessions));
  await withSoakServer({}, async (url, pid) => {
    const res = await fetch(`${url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Soak" }) });
    const session = (await res.json()) as CreatedSession;
    console.log(`soak: ${WAVES} waves of ${CLIENTS} participants (connect, vote, disconnect)`);
    console.log(`start: ${show(await sample(url, pid))}`);
    const started = Date.now();
    let baseline: Sample | undefined;
    let last: Sample | undefined;
    for (let w = 1; w <= WAVES; w++) {
      const acked = await wave(url, session.code);
      await idle();
      last = await sample(url, pid);
      // The first wave warms up caches, JIT and Next; later waves are compared with it.
      baseline ??= last;
      console.log(`wave ${String(w).padStart(2)}: ${acked}/${CLIENTS} acked, ${show(last)}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    if (!baseline || !last) return;
    console.log(`after wave 1: ${show(baseline)}`);
    console.log(`after wave ${WAVES}: ${show(last)}`);
    const ok = verdict(baseline, last, ["after wave 1", `after wave ${WAVES}`]);
    console.log(ok ? "soak: OK (memory within 10% of baseline, no descriptor leak)" : "soak: FAILED");
    process.exitCode = ok ? 0 : 1;
  });
}

void main();
