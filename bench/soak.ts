/**
 * Soak run (`npm run soak`, not in CI): waves of participants connect, vote and disconnect against the
 * production server for several minutes. Prints the server's memory and open file descriptors after each
 * wave; memory must come back within 10% of its warm baseline and descriptors must not grow.
 *
 *   npm run soak -- --clients 3000 --waves 12
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
  },
});
const CLIENTS = Number(values.clients);
const WAVES = Number(values.waves);
const BATCH = Number(values.batch);

interface Sample {
  heapMb: number;
  rssMb: number;
  fds: number;
  handles: number;
}

/** The server's heap after a GC and its open handles (DIAGNOSTICS=1), plus RSS and descriptors from /proc. */
async function sample(url: string, pid: number): Promise<Sample> {
  const d = (await (await fetch(`${url}/api/diagnostics?gc=1`)).json()) as { memory: NodeJS.MemoryUsage; resources: Record<string, number> };
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    heapMb: d.memory.heapUsed / 2 ** 20,
    rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
    fds: readdirSync(`/proc/${pid}/fd`).length,
    handles: Object.values(d.resources).reduce((a, b) => a + b, 0),
  };
}
const show = (s: Sample) => `heap ${s.heapMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB, fds ${s.fds}, handles ${s.handles}`;

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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-soak-"));
  const server = await startServerProcess({
    DATABASE_PATH: join(dir, "soak.db"),
    DIAGNOSTICS: "1",
    NODE_OPTIONS: "--expose-gc",
  });
  const pid = server.child.pid ?? 0;
  try {
    const res = await fetch(`${server.url}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Soak" }) });
    const session = (await res.json()) as CreatedSession;
    console.log(`soak: ${WAVES} waves of ${CLIENTS} participants (connect, vote, disconnect)`);
    console.log(`start: ${show(await sample(server.url, pid))}`);
    const started = Date.now();
    let baseline: Sample | undefined;
    let last: Sample | undefined;
    for (let w = 1; w <= WAVES; w++) {
      const acked = await wave(server.url, session.code);
      await idle();
      last = await sample(server.url, pid);
      // The first wave warms up caches, JIT and Next; later waves are compared with it.
      baseline ??= last;
      console.log(`wave ${String(w).padStart(2)}: ${acked}/${CLIENTS} acked, ${show(last)}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    if (!baseline || !last) return;
    const growth = (last.heapMb - baseline.heapMb) / baseline.heapMb;
    console.log(`after wave 1: ${show(baseline)}`);
    console.log(`after wave ${WAVES}: ${show(last)} (heap ${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%)`);
    const ok = growth <= 0.1 && last.fds <= baseline.fds + 2 && last.handles <= baseline.handles + 2;
    console.log(ok ? "soak: OK (memory within 10% of baseline, no descriptor leak)" : "soak: FAILED");
    process.exitCode = ok ? 0 : 1;
  } finally {
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    console.log(`shutdown on SIGTERM: exit code ${exit.code}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
