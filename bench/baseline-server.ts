/**
 * The benchmark's baseline: a minimal socket.io server on the same protocol that counts in memory and
 * broadcasts, with no validation, no database and no rate limits. Tafelronde's figures are reported as ratios
 * to it, so they stay comparable on a noisy machine.
 */
import { createServer } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "socket.io";

const QUESTION = "q_baseline";
const OPTIONS = ["shared-ambition", "fading-perspective", "staff-instability", "pseudo-collaboration", "under-organisation", "power-play", "enemy-image", "different-hats", "unbridgeable-diversity"];
const ballots = new Map<string, string[]>();
let resultsVisible = false;
let connected = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function results() {
  const counts: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  for (const b of ballots.values()) for (const o of b) counts[o] = (counts[o] ?? 0) + 1;
  return { questionId: QUESTION, counts, respondents: ballots.size, participants: connected };
}

const http = createServer((req, res) => {
  if (req.url?.startsWith("/api/diagnostics")) {
    const body = { memory: process.memoryUsage(), cpu: process.cpuUsage(), eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 } };
    if (req.url.includes("reset=1")) loopDelay.reset();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});
const io = new Server(http, { perMessageDeflate: false, serveClient: false });

// The same coalescing as Tafelronde (leading edge, at most every 100 ms to screens, 1 s to phones).
function coalesce(intervalMs: number, send: () => void) {
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) return;
    const wait = last + intervalMs - performance.now();
    const fire = () => {
      timer = undefined;
      last = performance.now();
      send();
    };
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
}
const toHosts = coalesce(100, () => io.to("hosts").emit("results:updated", results()));
const toPhones = coalesce(1000, () => resultsVisible && io.to("phones").emit("results:updated", results()));

io.on("connection", (socket) => {
  const auth = socket.handshake.auth as { participantId?: string; hostKey?: string };
  const isPhone = typeof auth.participantId === "string";
  void socket.join(isPhone ? "phones" : "hosts");
  if (isPhone) connected += 1;
  socket.emit("session:state", { session: { id: "baseline", title: "Baseline", code: "BASELN", language: "nl" }, question: { id: QUESTION, status: "open", resultsVisible }, results: results() });
  socket.on("disconnect", () => {
    if (isPhone) connected -= 1;
  });
  socket.on("vote:cast", (payload: { optionIds: string[] }, ack: (a: unknown) => void) => {
    ballots.set(auth.participantId ?? socket.id, payload.optionIds);
    ack({ ok: true, data: { ballot: payload.optionIds } });
    toHosts();
    if (resultsVisible) toPhones();
  });
  for (const event of ["results:show", "question:close", "question:open", "results:hide"]) {
    socket.on(event, (_payload: unknown, ack: (a: unknown) => void) => {
      if (event === "results:show") resultsVisible = true;
      if (event === "results:hide") resultsVisible = false;
      ack({ ok: true, data: {} });
      io.to("phones").emit("results:updated", results());
      io.to("hosts").emit("results:updated", results());
    });
  }
});

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = http.address();
  console.log(`Baseline is listening on http://localhost:${typeof address === "object" && address ? address.port : 0}`);
});
