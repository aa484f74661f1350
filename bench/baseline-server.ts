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
/** A question the room can be moved to: the nine challenges first, then any the facilitator adds (the dot vote). */
interface BaselineQuestion {
  id: string;
  options: string[];
  ballots: Map<string, string[]>;
}
const questions = new Map<string, BaselineQuestion>([[QUESTION, { id: QUESTION, options: OPTIONS, ballots: new Map() }]]);
let active = questions.get(QUESTION)!;
let resultsVisible = false;
let connected = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

/** Counts per option of the active question; a ballot holds an option once per dot, so this counts dots too. */
function results() {
  const counts: Record<string, number> = Object.fromEntries(active.options.map((o) => [o, 0]));
  for (const b of active.ballots.values()) for (const o of b) counts[o] = (counts[o] ?? 0) + 1;
  return { questionId: active.id, counts, respondents: active.ballots.size, participants: connected };
}
const sessionState = () => ({
  session: { id: "baseline", title: "Baseline", code: "BASELN", language: "nl" },
  question: { id: active.id, status: "open", resultsVisible },
  results: results(),
});

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

// Questions from the floor, as Tafelronde sends them: ranked by upvotes (then first asked), the top 8 to screens at
// most every 100 ms, every question to facilitators every 250 ms, the top 20 to phones every 2 s.
const floor = new Map<string, { id: string; text: string; name: string | null; askedAt: string; voters: Set<string> }>();
let floorOpen = false;
function floorView(top: number) {
  const all = [...floor.values()]
    .map(({ id, text, name, askedAt, voters }) => ({ id, text, name, votes: voters.size, status: "shown", answered: false, askedAt }))
    .sort((a, b) => b.votes - a.votes || (a.askedAt < b.askedAt ? -1 : a.askedAt > b.askedAt ? 1 : 0));
  return { settings: { open: floorOpen, approval: false, screen: true, highlight: null }, questions: floorOpen ? all.slice(0, top) : [], shown: all.length, answered: 0 };
}
const floorToScreens = coalesce(100, () => io.to("screens").emit("floor:updated", floorView(8)));
const floorToFacilitators = coalesce(250, () => io.to("facilitators").emit("floor:updated", floorView(Infinity)));
// Phones get the counts alone while the same questions are listed, as Tafelronde sends them (`floor:votes`).
let phoneIds = "";
const floorToPhones = coalesce(2000, () => {
  const view = floorView(20);
  const ids = view.questions.map((q) => q.id).sort().join();
  if (ids === phoneIds && view.questions.length > 0) io.to("phones").emit("floor:votes", { votes: Object.fromEntries(view.questions.map((q) => [q.id, q.votes])) });
  else io.to("phones").emit("floor:updated", view);
  phoneIds = ids;
});
const floorChanged = () => {
  floorToScreens();
  floorToFacilitators();
  floorToPhones();
};

io.on("connection", (socket) => {
  const auth = socket.handshake.auth as { participantId?: string; hostKey?: string; screenKey?: string };
  const isPhone = typeof auth.participantId === "string";
  // Screens and facilitators both get results as "hosts"; questions from the floor differ between them.
  void socket.join(isPhone ? "phones" : ["hosts", typeof auth.screenKey === "string" ? "screens" : "facilitators"]);
  if (isPhone) connected += 1;
  socket.emit("session:state", sessionState());
  socket.on("disconnect", () => {
    if (isPhone) connected -= 1;
  });
  socket.on("vote:cast", (payload: { questionId: string; optionIds: string[] }, ack: (a: unknown) => void) => {
    // No checks: the ballot replaces the participant's last one on the question it names (dots: one id per dot).
    (questions.get(payload.questionId)?.ballots ?? active.ballots).set(auth.participantId ?? socket.id, payload.optionIds);
    ack({ ok: true, data: { ballot: payload.optionIds } });
    toHosts();
    if (resultsVisible) toPhones();
  });
  socket.on("floor:configure", (payload: { open?: boolean }, ack: (a: unknown) => void) => {
    floorOpen = payload.open ?? floorOpen;
    ack({ ok: true, data: { settings: floorView(0).settings } });
    floorChanged();
  });
  socket.on("floor:ask", (payload: { text: string; name?: string }, ack: (a: unknown) => void) => {
    const question = { id: `f_${floor.size + 1}`, text: payload.text, name: payload.name ?? null, askedAt: new Date().toISOString(), voters: new Set<string>() };
    floor.set(question.id, question);
    const { id, text, name, askedAt } = question;
    ack({ ok: true, data: { question: { id, text, name, votes: 0, status: "shown", answered: false, askedAt } } });
    floorChanged();
  });
  socket.on("floor:upvote", (payload: { floorId: string; up: boolean }, ack: (a: unknown) => void) => {
    const voters = floor.get(payload.floorId)?.voters;
    if (!voters) return ack({ ok: false, error: { code: "not_found", message: "no such question" } });
    if (payload.up) voters.add(auth.participantId ?? socket.id);
    else voters.delete(auth.participantId ?? socket.id);
    ack({ ok: true, data: { floorId: payload.floorId, votes: voters.size, upvoted: payload.up } });
    floorChanged();
  });
  // The dot vote: added with options o1..oN, then activated; every socket gets the new state in one broadcast
  // (Tafelronde sends each phone a state of its own, before the burst starts).
  socket.on("question:add", (payload: { options?: string[] }, ack: (a: unknown) => void) => {
    const id = `q_${questions.size + 1}`;
    questions.set(id, { id, options: (payload.options ?? []).map((_, i) => `o${i + 1}`), ballots: new Map() });
    ack({ ok: true, data: { question: { id, status: "open", resultsVisible: false } } });
  });
  socket.on("question:activate", (payload: { questionId: string }, ack: (a: unknown) => void) => {
    const question = questions.get(payload.questionId);
    if (!question) return ack({ ok: false, error: { code: "question_not_found", message: "no such question" } });
    active = question;
    resultsVisible = false;
    ack({ ok: true, data: { question: { id: active.id, status: "open", resultsVisible } } });
    io.emit("session:state", sessionState());
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
