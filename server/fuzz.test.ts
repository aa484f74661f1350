/** Malformed input never crashes or stalls the server: hostile WebSocket frames and HTTP requests, then a normal vote. */
import { request as httpRequest } from "node:http";
import { connect as tcpConnect } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../lib/challenges";
import { ERROR_CODES, FACILITATOR_EVENTS, QUESTION_KINDS, createSessionBodySchema, participantIdSchema, type CreatedSession, type FacilitatorEvent } from "../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "./flood-guard";
import { MAX_BODY_BYTES } from "./http/api";
import { MAX_SOCKET_MESSAGE_BYTES } from "./realtime/realtime";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "./testing/harness";
import { joinAsParticipant, newParticipantId, openSession, sessionCount } from "./testing/helpers";
import { RawSocketIo, withTimeout } from "./testing/raw-socket-io";

/** Seed of every fuzz property; set FUZZ_SEED to replay a run fast-check reported. */
const SEED = Number(process.env.FUZZ_SEED ?? 0x7af3_1d0e);
/** No answer within this time counts as a stalled server (generous: CI machines pause). */
const STALL_MS = 5_000;
const MIN_FRAMES = 10_000;

// ---------------------------------------------------------------------------------------------------------
// Shared state of the sequence: one server, one session, counters printed at the end.

let h: Harness;
let created: CreatedSession;
let questionId: string;
/**
 * Questions added for the facilitator fuzz to update and remove: the fuzz must never remove or rewrite the
 * nine-challenges question, or every later frame would stop at question_not_found or unknown_option instead
 * of reaching the rules and the store.
 */
let spareIds: string[] = [];
let host: ClientSocket;
/** A well-behaved phone that must keep getting answers while the fuzz runs. */
let sentinel: ClientSocket;
let gc: () => void;
let heapBefore = 0;
const prototypeKeys = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
});
let prototypesBefore: ReturnType<typeof prototypeKeys>;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

const stats = {
  wsFrames: 0,
  httpRequests: 0,
  closedByServer: 0,
  connections: 0,
  refusedHandshakes: 0,
  acks: new Map<string, number>(),
};

/** `gc` without --expose-gc: V8 hands it out once the flag is set at run time. */
function garbageCollector(): () => void {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

beforeAll(async () => {
  // The fuzz needs its frames to reach the handlers: under the production limits almost every frame would stop
  // at the per-socket rate limit, and the failed-join limit would lock 127.0.0.1 out after 20 bad handshakes.
  // The production limits get their own flood test below.
  h = await startHarness({
    config: {
      limits: {
        ...DEFAULT_FLOOD_LIMITS,
        socketEventsPerSecond: 1_000_000,
        socketStrikes: 1_000_000,
        failedJoinsPerMinute: 1_000_000,
        sessionCreatesPerHour: 1_000_000,
      },
    },
  });
  const opened = await openSession(h, { title: "Fuzz" });
  created = opened.created;
  questionId = opened.questionId;
  host = opened.host.socket;
  sentinel = (await joinAsParticipant(h, created)).socket;
  spareIds = [];
  for (const draft of [
    { kind: "single", prompt: "Spare one", options: ["a", "b"] },
    { kind: "open", prompt: "Spare two" },
    { kind: "scale", prompt: "Spare three" },
  ]) {
    const ack = await host.emitWithAck("question:add", draft as never);
    if (!ack.ok) throw new Error(`could not add a spare question: ${ack.error.message}`);
    spareIds.push(ack.data.question.id);
  }
  gc = garbageCollector();
  prototypesBefore = prototypeKeys();
  // Warm up the code paths once so the baseline includes compiled code and caches, not just an idle heap.
  const warm = await RawSocketIo.open(h.url, STALL_MS);
  await warm.connect(JSON.stringify({ code: created.code, participantId: newParticipantId() }), STALL_MS);
  await warm.probe(STALL_MS);
  await warm.close();
  await fetch(`${h.url}/api/health`).then((r) => r.arrayBuffer());
  heapBefore = heapUsedAfterGc();
  loopDelay.enable();
});
afterAll(async () => {
  loopDelay.disable();
  await h?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Checks

/** Every ack has the protocol's one shape, with a code from the closed list. */
function expectAck(value: unknown): void {
  const ack = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ack?.ok === true) {
    expect(ack.data).toBeTypeOf("object");
    stats.acks.set("ok", (stats.acks.get("ok") ?? 0) + 1);
    return;
  }
  expect(ack).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
  const code = String(ack.error?.code);
  expect(ERROR_CODES).toContain(code);
  // internal_error means a handler threw: garbage must be refused by the rules, not by an exception.
  expect(code).not.toBe("internal_error");
  stats.acks.set(code, (stats.acks.get(code) ?? 0) + 1);
}

/** The server still answers a well-behaved client, in time. */
async function expectServerAnswers(): Promise<void> {
  const ack = await sentinel.timeout(STALL_MS).emitWithAck("question:open", { questionId });
  expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
}

function send(raw: RawSocketIo, frame: string | Uint8Array): boolean {
  const sent = raw.send(frame);
  if (sent) stats.wsFrames++;
  return sent;
}

/** A raw connection for one role, opened again whenever the server has closed the previous one. */
function rawClient(authText: () => string) {
  let current: RawSocketIo | undefined;
  return {
    async socket(): Promise<RawSocketIo> {
      if (current?.open) return current;
      if (current) stats.closedByServer++;
      current = await RawSocketIo.open(h.url, STALL_MS);
      stats.connections++;
      const answer = await current.connect(authText(), STALL_MS);
      expect(answer).toEqual({ outcome: "connected" });
      return current;
    },
    async hangUp() {
      await current?.close();
      current = undefined;
    },
    async close() {
      await current?.close();
    },
  };
}

/** A Socket.IO DISCONNECT packet for the main namespace, optionally with an ack id: "41", "41/,", "417". */
const leavesNamespace = (frame: string | Uint8Array) => typeof frame === "string" && /^41(\/,?)?\d*$/.test(frame);

// ---------------------------------------------------------------------------------------------------------
// Frames

const RESERVED_EVENTS = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];
const HANDLED_EVENTS: readonly string[] = ["vote:cast", ...FACILITATOR_EVENTS];
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HANDLED_EVENTS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "session:state",
      "question:updated",
      "results:updated",
      "session:deleted",
      "__proto__",
      "constructor",
      "prototype",
      "hasOwnProperty",
      "toString",
      "valueOf",
      "then",
      "error",
      "vote:cast ",
      "VOTE:CAST",
      "vote:cast\u0000",
      "vote:\u202ecast",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 24 }).filter((s) => !RESERVED_EVENTS.includes(s)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER)) },
);

/** Values a careless or hostile client puts where strings and arrays belong. */
function hostileValue(realId: string) {
  const weird = fc.oneof(
    fc.constantFrom("NaN", "Infinity", "-Infinity", "-0", "1e309", "0x10", "  1  ", "true", "null", "undefined", "[]", "{}"),
    fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 65, 1.5),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.string({ unit: "grapheme", minLength: 60, maxLength: 80 }),
    fc.constantFrom("\u0000", "\ud800", "\udfff\ud800", "\ufeff", "\u202e", "💥".repeat(40), "é".repeat(64)),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(realId) },
    { weight: 3, arbitrary: weird },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  );
}

/** Hostile option lists: unknown, duplicated, empty, too long, not strings. */
function hostileOptionIds(realId: string) {
  return fc.oneof(
    fc.array(fc.constantFrom(...CHALLENGE_IDS, "", "x".repeat(65), "free-coffee", "__proto__", "constructor", "POWER-PLAY"), { maxLength: 12 }),
    fc.array(fc.constant("power-play"), { minLength: 2, maxLength: 70 }),
    fc.array(fc.constantFrom(...CHALLENGE_IDS), { minLength: 60, maxLength: 70 }),
    fc.array(hostileValue(realId), { maxLength: 6 }),
    hostileValue(realId),
  );
}

/**
 * A valid payload with zero to two things broken (a field replaced, removed or added), so most payloads get
 * past the schema into the rules and the store, where a crash would hurt.
 */
function nearlyValid(valid: fc.Arbitrary<Record<string, unknown>>, realId: string) {
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant("set" as const),
      key: fc.constantFrom("questionId", "optionIds", "value", "text", "voteId", "maxChoices", "draft", "position", "topN", "answerId", "weight", "toString", "hasOwnProperty"),
      value: hostileValue(realId),
    }),
    fc.record({ kind: fc.constant("set" as const), key: fc.constant("optionIds"), value: hostileOptionIds(realId) }),
    fc.record({ kind: fc.constant("drop" as const), key: fc.constantFrom("questionId", "optionIds", "value", "text", "voteId", "maxChoices", "draft", "position", "topN", "answerId") }),
  );
  return fc.tuple(valid, fc.array(mutation, { maxLength: 2 })).map(([payload, mutations]) => {
    const result: Record<string, unknown> = { ...payload };
    for (const m of mutations) {
      if (m.kind === "drop") delete result[m.key];
      else Object.defineProperty(result, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  });
}

function votePayload(realId: string) {
  const valid = fc.record(
    {
      questionId: fc.constant(realId),
      optionIds: fc.subarray([...CHALLENGE_IDS]).chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length })),
      voteId: fc.stringMatching(/^[\w-]{1,64}$/),
    },
    { requiredKeys: ["questionId", "optionIds"] },
  );
  return nearlyValid(valid, realId);
}

/** A question draft as the facilitator's form sends it, valid or refused by the draft rules. */
const questionDraft = fc.record(
  {
    kind: fc.constantFrom(...QUESTION_KINDS),
    prompt: fc.string({ minLength: 1, maxLength: 40 }),
    options: fc.array(fc.constantFrom("a", "b", "c", "Machtsspel", " ", "=1+1", "é"), { maxLength: 6 }),
    maxChoices: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    scale: fc.record({ min: fc.integer({ min: -3, max: 3 }), max: fc.integer({ min: -3, max: 8 }), minLabel: fc.string({ maxLength: 10 }), maxLabel: fc.string({ maxLength: 10 }) }),
  },
  { requiredKeys: ["kind", "prompt"] },
);

/** A nearly valid payload of each facilitator event; removal and rewriting aim at the spare questions only. */
function commandPayload(realId: string, event?: FacilitatorEvent) {
  const spare = spareIds.length > 0 ? fc.constantFrom(...spareIds) : fc.constant(realId);
  const ref = fc.constant({ questionId: realId });
  const byEvent: Partial<Record<FacilitatorEvent, fc.Arbitrary<Record<string, unknown>>>> = {
    "question:configure": fc.record({ questionId: fc.constant(realId), maxChoices: fc.option(fc.integer({ min: 1, max: 64 }), { nil: null }) }),
    "question:add": questionDraft,
    "question:update": fc.record({ questionId: spare, draft: questionDraft }),
    "question:move": fc.record({ questionId: fc.oneof(fc.constant(realId), spare), position: fc.nat({ max: 8 }) }),
    "question:remove": fc.record({ questionId: spare }),
    "followup:create": fc.record({ questionId: fc.oneof(fc.constant(realId), spare), topN: fc.integer({ min: 2, max: 9 }) }),
    "answer:hide": fc.record({ questionId: fc.oneof(fc.constant(realId), spare), answerId: fc.string({ minLength: 1, maxLength: 20 }) }),
    "answer:show": fc.record({ questionId: fc.oneof(fc.constant(realId), spare), answerId: fc.string({ minLength: 1, maxLength: 20 }) }),
    "session:rename": fc.record({ title: fc.string({ maxLength: 130 }) }),
    "results:split": fc.record({ byQuestionId: fc.oneof(fc.constant(null), fc.constant(realId), spare) }),
  };
  const valid = event ? (byEvent[event] ?? ref) : fc.oneof(ref, ...Object.values(byEvent));
  return nearlyValid(valid, realId);
}

/** JSON text; the raw strings keep keys that an object literal would turn into a prototype. */
function payloadText(realId: string) {
  const proto = fc.constantFrom(
    `{"__proto__":{"polluted":"yes"},"questionId":"${realId}","optionIds":["power-play"]}`,
    `{"questionId":"${realId}","optionIds":["power-play"],"__proto__":{"polluted":"yes"}}`,
    `{"constructor":{"prototype":{"polluted":"yes"}},"questionId":"${realId}","optionIds":[]}`,
    `{"prototype":{"polluted":"yes"}}`,
    `{"questionId":"${realId}","optionIds":{"__proto__":["power-play"],"length":1}}`,
    `{"questionId":"${realId}","optionIds":["__proto__","constructor","prototype"]}`,
    `{"questionId":"__proto__","optionIds":[]}`,
    `{"questionId":"${realId}","maxChoices":{"__proto__":{"valueOf":1}}}`,
    `{"questionId":"${realId}","optionIds":[],"voteId":{"toString":"x"}}`,
    `{"questionId":{"toString":null},"optionIds":{"length":1e9}}`,
  );
  const stringify = (v: unknown) => JSON.stringify(v) ?? "null";
  return fc.oneof(
    { weight: 4, arbitrary: votePayload(realId).map(stringify) },
    { weight: 3, arbitrary: commandPayload(realId).map(stringify) },
    { weight: 2, arbitrary: proto },
    { weight: 2, arbitrary: hostileValue(realId).map(stringify) },
    { weight: 1, arbitrary: fc.object({ maxDepth: 3 }).map(stringify) },
  );
}

interface SafeFrame {
  name: string | number;
  args: string[];
  /** `tracked`: we give it an ack id and expect an answer; `own`: an ack id of the fuzz's choosing. */
  ack: "tracked" | "none" | { own: string };
}

/**
 * Well-formed Socket.IO event packets with hostile arguments: the server parses them and keeps the connection.
 * Most are the role's own events with nearly valid payloads, so they reach the rules and the store; the rest
 * are any event name with any arguments.
 */
function safeFrame(realId: string, role: "participant" | "facilitator") {
  const stringify = (v: unknown) => JSON.stringify(v) ?? "null";
  const ownCall =
    role === "participant"
      ? fc.record({ name: fc.constant("vote:cast"), args: fc.tuple(votePayload(realId).map(stringify)) })
      : fc.constantFrom(...FACILITATOR_EVENTS).chain((name) => fc.record({ name: fc.constant(name), args: fc.tuple(commandPayload(realId, name).map(stringify)) }));
  const anyCall = fc.record({
    name: eventName,
    args: fc.oneof({ weight: 5, arbitrary: fc.tuple(payloadText(realId)) }, { weight: 1, arbitrary: fc.array(payloadText(realId), { maxLength: 3 }) }),
  });
  const ack = fc.oneof(
    { weight: 4, arbitrary: fc.constant<"tracked">("tracked") },
    { weight: 2, arbitrary: fc.constant<"none">("none") },
    { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 999_999 }), fc.constantFrom(99999999999999999999n, 0n, 2n ** 64n)).map((n) => ({ own: String(n) })) },
  );
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: ownCall }, { weight: 2, arbitrary: anyCall }), ack)
    .map(([call, a]): SafeFrame => ({ name: call.name, args: [...call.args], ack: a }))
    .filter((f) => bytes(frameText(f, 1)) < MAX_SOCKET_MESSAGE_BYTES - 16)
    // A mutation or a random call can still aim removal or rewriting at the real question: see spareIds.
    .filter((f) => !(role === "facilitator" && DESTRUCTIVE.includes(String(f.name)) && f.args.some((a) => a.includes(realId))));
}

/** Events that would take the fuzz's own question away from the frames that follow. */
const DESTRUCTIVE: readonly string[] = ["question:remove", "question:update"];

function frameText(f: SafeFrame, trackedId: number | undefined): string {
  const id = f.ack === "tracked" ? String(trackedId ?? "") : f.ack === "none" ? "" : f.ack.own;
  return `42${id}[${JSON.stringify(f.name)}${f.args.map((a) => `,${a}`).join("")}]`;
}

/** Only an event with a handler and exactly one payload argument is sure to be answered. */
const answered = (f: SafeFrame) => f.ack === "tracked" && typeof f.name === "string" && HANDLED_EVENTS.includes(f.name) && f.args.length === 1;

const MAX = MAX_SOCKET_MESSAGE_BYTES;
/** `4` + `2` + JSON text of exactly `total` bytes in one WebSocket message. */
const eventOfSize = (total: number, fill = "x") => {
  const head = `42["vote:cast","`;
  const tail = `"]`;
  return head + fill.repeat(Math.floor((total - head.length - tail.length) / bytes(fill))) + tail;
};
const nested = (depth: number, open: string, close: string, inner = "") => `42["vote:cast",${open.repeat(depth)}${inner}${close.repeat(depth)}]`;

interface HostileCase {
  frames: (string | Uint8Array)[];
  /** What must follow, when the protocol says so; otherwise answering and closing are both fine. */
  outcome?: "answered" | "closed";
  /** WebSocket close code the server must use (1009: message too big). */
  closeCode?: number;
}

/** Handwritten hostile frames; every one is sent once on its own connection and mixed into the random runs. */
function handwrittenHostile(auth: string): HostileCase[] {
  const either = (...frames: (string | Uint8Array)[]): HostileCase => ({ frames });
  const processed = (frame: string): HostileCase => ({ frames: [frame], outcome: "answered" });
  const tooBig = (frame: string | Uint8Array): HostileCase => ({ frames: [frame], outcome: "closed", closeCode: 1009 });
  const dropped = (...frames: (string | Uint8Array)[]): HostileCase => ({ frames, outcome: "closed" });
  return [
    // engine.io packet types a client must not send, or that are not types at all
    either("1"), dropped("2"), either("3"), either("5"), either("6"), dropped("7"), dropped("8"), dropped("9"), dropped(""),
    dropped("bAAECAw=="),
    // socket.io packets in the wrong state or of the wrong shape
    either("4"), either("40"), { frames: ["41"] }, dropped(`40${auth}`), dropped("44{}"), either("43[]"), either("431[]"),
    dropped("46"), dropped("47"), dropped("48"), dropped("4a"), dropped('\ufeff42["vote:cast",{}]'),
    dropped("42[]"), dropped("42[null]"), dropped("42[[]]"), dropped("42[{}]"), dropped("42{}"), dropped('42"vote:cast"'), dropped('42["vote:cast"'),
    dropped('42["vote:cast",{"questionId":NaN}]'), dropped('42["vote:cast",{"questionId":Infinity}]'),
    processed('42["vote:cast",{"questionId":1e999,"optionIds":[-0,1e-400]}]'), processed('42["\\ud800",{}]'), processed('42["vote:cast","\\u0000"]'),
    dropped('42["connect"]'), dropped('42["disconnect"]'), dropped('42["newListener","vote:cast"]'), dropped('42/admin,["vote:cast",{}]'),
    processed('42/,["vote:cast",{}]'), processed('4211["vote:cast",{}]'),
    // binary attachments: wrong counts, placeholders pointing nowhere, text where binary belongs
    dropped('4511-["vote:cast",{}]'), dropped('45-1-["vote:cast",{}]'), dropped('45abc-["vote:cast",{}]'),
    dropped('451-["vote:cast",{"_placeholder":true,"num":0}]', '42["vote:cast",{}]'),
    { frames: ['451-["vote:cast",{"_placeholder":true,"num":0}]', Buffer.from("power-play")], outcome: "answered" },
    { frames: ['452-["vote:cast",{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}]', Buffer.from([0]), Buffer.from([1])], outcome: "answered" },
    dropped('451-["vote:cast",{"_placeholder":true,"num":"__proto__"}]', Buffer.from([0])),
    dropped('451-["vote:cast",{"_placeholder":true,"num":-1}]', Buffer.from([0])),
    dropped('451-["vote:cast",{"_placeholder":true}]'),
    dropped(Buffer.alloc(0)), dropped(Buffer.from([0x34, 0x32, 0x5b, 0x5d])), dropped(Buffer.alloc(MAX - 1, 0xff)), tooBig(Buffer.alloc(MAX + 1, 0x34)),
    // deep nesting just under the message limit is parsed and refused; over it never reaches the parser
    processed(nested(8_000, "[", "]")), tooBig(nested(10_000, "[", "]")), processed(nested(2_700, '{"a":', "}", "0")),
    processed(nested(1_000, '{"questionId":', "}", '"q"')),
    // sizes around maxHttpBufferSize (16 KiB), counted in bytes, not characters
    processed(eventOfSize(MAX)), tooBig(eventOfSize(MAX + 1)), processed(eventOfSize(MAX, "é")), tooBig(eventOfSize(MAX + 2, "é")), tooBig(eventOfSize(4 * MAX)),
    processed(`42${"9".repeat(5000)}["vote:cast",{}]`), either(`4${"2".repeat(MAX - 1)}`),
  ];
}

/** Frames in a failure message: text shortened, sizes in bytes, binary as its length. */
function describeFrames(frames: readonly (string | Uint8Array)[]): string {
  return frames
    .map((f) => (typeof f === "string" ? `${JSON.stringify(f.slice(0, 60))}${f.length > 60 ? ` (${bytes(f)} bytes)` : ""}` : `<binary, ${f.length} bytes>`))
    .join(" + ");
}

/** Frames that may make the server drop the connection, which is fine; crashing or stalling is not. */
function hostileFrames(auth: string) {
  const handwritten = handwrittenHostile(auth).map((c) => c.frames);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...handwritten) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map((s) => [s]) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }).map((s) => [`4${s}`]) },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }).map((s) => [`42${s}`]) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => [`42${JSON.stringify(v)}`]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.string({ unit: "binary-ascii", maxLength: 40 }))
        .map(([a, b, rest]) => [`${a}${b}${rest}`]),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => [b]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: -1, max: 12 }), fc.integer({ min: -2, max: 12 }), fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 3 }))
        .map(([n, num, parts]): (string | Uint8Array)[] => [`45${n}-["vote:cast",{"_placeholder":true,"num":${num}}]`, ...parts]),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Socket.IO over a raw WebSocket

describe("malformed input never crashes or stalls the server", () => {
  /**
   * One run: a burst of well-formed packets with hostile arguments (each answered one must be answered with a
   * proper ack), a probe, then possibly one frame that may end the connection, then a probe that must either
   * be answered or find the connection closed, and a well-behaved client that must still be answered.
   */
  async function fuzzRole(role: "participant" | "facilitator", authText: () => string, runs: number, seedOffset: number): Promise<void> {
    const client = rawClient(authText);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(safeFrame(questionId, role), { minLength: 10, maxLength: 40, size: "max" }),
          fc.option(hostileFrames(authText()), { freq: 3, nil: undefined }),
          async (frames, hostile) => {
            const raw = await client.socket();
            const tracked: { id: number; text: string }[] = [];
            for (const frame of frames) {
              const id = answered(frame) ? raw.ackId() : undefined;
              const text = frameText(frame, id);
              if (send(raw, text) && id !== undefined) tracked.push({ id, text });
            }
            const acks = tracked.map(({ id, text }) =>
              raw.ack(id, STALL_MS).catch((error: Error) => {
                throw new Error(`${error.message}; the unanswered frame: ${text.slice(0, 2_000)}`);
              }),
            );
            for (const args of await Promise.all(acks)) {
              expect(args, "well-formed packets must not cost the connection").not.toBe("closed");
              expectAck((args as unknown[])[0]);
            }
            expect(await raw.probe(STALL_MS)).toBe("answered");
            if (hostile) {
              for (const part of hostile) send(raw, part);
              // A client that leaves the namespace ("41") is ignored from then on, as the protocol says, and
              // the connection stays open for other namespaces: nothing to probe, so we hang up ourselves.
              if (hostile.some(leavesNamespace)) await client.hangUp();
              else await raw.probe(STALL_MS);
            }
            await expectServerAnswers();
          },
        ),
        { seed: SEED + seedOffset, numRuns: runs, endOnFailure: true },
      );
    } finally {
      await client.close();
    }
  }

  it("survives random and hostile Socket.IO frames from a participant connection", async () => {
    await fuzzRole("participant", () => JSON.stringify({ code: created.code, participantId: "fuzz-participant-1" }), 320, 1);
  }, 60_000);

  it("survives random and hostile Socket.IO frames from a facilitator connection", async () => {
    await fuzzRole("facilitator", () => JSON.stringify({ sessionId: created.id, hostKey: created.hostKey }), 200, 2);
  }, 60_000);

  it("handles each handwritten hostile frame as the protocol says: over 16 KiB closes with 1009, just under is processed", async () => {
    const auth = JSON.stringify({ code: created.code, participantId: "fuzz-participant-2" });
    for (const hostile of handwrittenHostile(auth)) {
      const raw = await RawSocketIo.open(h.url, STALL_MS);
      stats.connections++;
      expect(await raw.connect(auth, STALL_MS)).toEqual({ outcome: "connected" });
      for (const frame of hostile.frames) send(raw, frame);
      const label = describeFrames(hostile.frames);
      if (!hostile.frames.some(leavesNamespace)) {
        const outcome = await raw.probe(STALL_MS);
        if (hostile.outcome) expect(outcome, label).toBe(hostile.outcome);
        if (hostile.closeCode) expect((await raw.closed).code, label).toBe(hostile.closeCode);
        if (outcome === "closed") stats.closedByServer++;
      }
      await raw.close();
      await expectServerAnswers();
    }
  }, 60_000);

  it("refuses garbage handshakes without connecting them, and the connection can still join properly", async () => {
    const notAnId = fc.string({ maxLength: 70 }).filter((s) => !participantIdSchema.safeParse(s).success);
    const garbageAuth = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.object({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? "{}"),
      notAnId.map((participantId) => JSON.stringify({ code: created.code, participantId })),
      fc.string({ maxLength: 20 }).map((code) => JSON.stringify({ code, participantId: newParticipantId() })),
      fc.string({ maxLength: 130 }).map((hostKey) => JSON.stringify({ sessionId: created.id, hostKey })),
      fc.string({ maxLength: 130 }).map((screenKey) => JSON.stringify({ sessionId: created.id, screenKey })),
      fc.constantFrom(
        JSON.stringify({ code: created.code, participantId: newParticipantId(), hostKey: created.hostKey }),
        JSON.stringify({ sessionId: created.id, hostKey: created.screenKey }),
        JSON.stringify({ sessionId: created.id, hostKey: created.hostKey, role: "facilitator" }),
        `{"__proto__":{"polluted":"yes"},"code":"${created.code}","participantId":"${newParticipantId()}"}`,
        `{"constructor":{"prototype":{"polluted":"yes"}},"sessionId":"${created.id}","hostKey":"${created.hostKey}"}`,
        `{"code":{"$ne":null},"participantId":"${newParticipantId()}"}`,
        `{"code":["${created.code}"],"participantId":"${newParticipantId()}"}`,
        `{"sessionId":"${created.id}","hostKey":{"length":43}}`,
        `{"code":"${created.code}","participantId":"${"a".repeat(65)}"}`,
        `{"code":"${created.code}","participantId":"../../etc/passwd"}`,
        "[]", "null", '"x"', "1", "{", "", `{"code":"${"9".repeat(5000)}","participantId":"${newParticipantId()}"}`,
      ),
      fc.string({ unit: "binary", maxLength: 40 }),
    );
    const valid = JSON.stringify({ code: created.code, participantId: newParticipantId() });
    await fc.assert(
      fc.asyncProperty(garbageAuth, async (auth) => {
        const raw = await RawSocketIo.open(h.url, STALL_MS);
        stats.connections++;
        stats.wsFrames++;
        try {
          const answer = await raw.connect(auth, STALL_MS);
          expect(answer.outcome, `auth ${auth} must not be admitted`).not.toBe("connected");
          if (answer.outcome === "refused") {
            stats.refusedHandshakes++;
            expect(answer.message).toMatch(/^\{"message":"(invalid_auth|session_not_found|unauthorized): /);
            expect(await raw.connect(valid, STALL_MS)).toEqual({ outcome: "connected" });
            expect(await raw.probe(STALL_MS)).toBe("answered");
          } else {
            stats.closedByServer++;
          }
        } finally {
          await raw.close();
        }
        await expectServerAnswers();
      }),
      { seed: SEED + 3, numRuns: 300, endOnFailure: true },
    );
  }, 60_000);

  it("under the production flood limits, cuts off a flooding socket while the room keeps voting", async () => {
    const prod = await startHarness();
    try {
      const opened = await openSession(prod, { title: "Flood" });
      const phone = await joinAsParticipant(prod, opened.created);
      const auth = JSON.stringify({ code: opened.created.code, participantId: "flooding-phone-1" });
      const frames = fc.sample(safeFrame(opened.questionId, "participant"), { seed: SEED + 4, numRuns: 1_200 });
      let rateLimited = 0;
      let cutOff = 0;
      for (let i = 0; i < frames.length; i += 100) {
        const raw = await RawSocketIo.open(prod.url, STALL_MS);
        expect(await raw.connect(auth, STALL_MS)).toEqual({ outcome: "connected" });
        const tracked: number[] = [];
        for (const frame of frames.slice(i, i + 100)) {
          const id = answered(frame) ? raw.ackId() : undefined;
          if (send(raw, frameText(frame, id)) && id !== undefined) tracked.push(id);
        }
        for (const args of await Promise.all(tracked.map((id) => raw.ack(id, STALL_MS)))) {
          if (args === "closed") continue;
          expectAck(args[0]);
          if ((args[0] as { error?: { code?: string } }).error?.code === "rate_limited") rateLimited++;
        }
        if ((await raw.probe(STALL_MS)) === "closed") cutOff++;
        await raw.close();
      }
      console.log(`production limits: ${rateLimited} acks rate_limited, ${cutOff} of 12 flooding connections cut off`);
      expect(rateLimited).toBeGreaterThan(0);
      expect(cutOff).toBeGreaterThan(0);

      await voteStillCounts(prod, opened, phone.socket);
    } finally {
      await prod.close();
    }
  }, 60_000);

  // -------------------------------------------------------------------------------------------------------
  // HTTP

  it("answers random and hostile API requests with a 4xx JSON error (or the legitimate success), never a 500 or a hang", async () => {
    const victim = await h.createSession({ title: "HTTP fuzz" });
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    // Never the fuzz session itself with its key: a DELETE would legitimately end it, and the sequence with it.
    const id = fc.oneof(fc.constantFrom(victim.id, "x".repeat(64), "x".repeat(65), "__proto__", "constructor"), fc.webSegment());
    const path = fc.oneof(
      fc.array(fc.oneof(fc.webSegment(), fc.constantFrom("sessions", "health", "export", "report", "summary", "duplicate", "compare", "..", ".", "%2e%2e", "%00", "%ZZ", "__proto__"), printable.map(encodeURIComponent)), { maxLength: 4 }).map((segs) => `/api/${segs.join("/")}`),
      id.map((s) => `/api/sessions/${s}`),
      fc.tuple(id, fc.constantFrom("report", "summary", "duplicate")).map(([s, route]) => `/api/sessions/${s}/${route}`),
      fc.tuple(id, fc.oneof(fc.constantFrom("csv", "json", "xlsx", "xml", "", "CSV", "csv%00", "csv&format=json", "json#"), printable.map(encodeURIComponent))).map(([s, f]) => `/api/sessions/${s}/export?format=${f}`),
      fc.tuple(id, fc.webQueryParameters()).map(([s, q]) => `/api/sessions/${s}/export?${q}`),
      fc.constantFrom("/api/health", "/api/sessions", "/api/compare", "/api", "/api/", "/api//sessions", "/api/sessions/", "/api/health/", "/api/health?x=1"),
    );
    const method = fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PURGE", "REPORT", "SEARCH");
    const authorization = fc.option(
      fc.oneof(
        fc.constantFrom(`Bearer ${victim.hostKey}`, `bearer ${victim.hostKey}`, `Bearer ${victim.screenKey}`, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", `Bearer ${"k".repeat(8_000)}`, "Bearer \t x"),
        printable,
        printable.map((s) => `Bearer ${s}`),
      ),
      { nil: undefined },
    );
    const contentType = fc.option(
      fc.oneof(fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "*/*"), printable),
      { nil: undefined },
    );
    const body = fc.option(
      fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.record({ title: fc.oneof(fc.string({ maxLength: 130 }), fc.jsonValue()), language: fc.oneof(fc.constantFrom("nl", "en"), fc.string()), passcode: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '{"__proto__":{"polluted":"yes"},"title":"x"}',
          '{"title":"x","constructor":{"prototype":{"polluted":"yes"}}}',
          `{"title":${"[".repeat(7_000)}${"]".repeat(7_000)}}`,
          `${'{"title":'.repeat(1_500)}"x"${"}".repeat(1_500)}`,
          "title=Pwned&language=en",
          "null", "[]", '"x"', "1e999", "\ufeff{}",
        ),
        fc.nat({ max: 3 * MAX_BODY_BYTES }).map((n) => `{"title":"${"t".repeat(n)}"}`),
      ),
      { nil: undefined },
    );

    await fc.assert(
      fc.asyncProperty(method, path, authorization, contentType, body, async (m, p, auth, type, text) => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (type !== undefined) headers["content-type"] = type;
        const withBody = text !== undefined && m !== "GET" && m !== "HEAD";
        stats.httpRequests++;
        const res = await fetch(`${h.url}${p}`, { method: m, headers, body: withBody ? text : undefined, signal: AbortSignal.timeout(STALL_MS) });
        const pathname = new URL(p, h.url).pathname;
        await expectApiAnswer(res, m, pathname, withBody ? text : undefined);
      }),
      { seed: SEED + 5, numRuns: 1_500, endOnFailure: true },
    );
    await expectServerAnswers();
  }, 60_000);

  it.each<[string, number, string | undefined, () => Promise<Response>]>([
    ["invalid JSON", 400, "invalid_payload", () => postSession("{")],
    ["an empty body", 400, "invalid_payload", () => postSession("")],
    ["a body one byte over 16 KiB", 413, "invalid_payload", () => postSession(`{"title":"${"t".repeat(MAX_BODY_BYTES - 11)}"}`)],
    ["a body of exactly 16 KiB (a title far too long)", 400, "invalid_payload", () => postSession(`{"title":"${"t".repeat(MAX_BODY_BYTES - 12)}"}`)],
    ["a chunked body over 16 KiB without a length", 413, "invalid_payload", () => postSession(chunked(`{"title":"${"t".repeat(4 * MAX_BODY_BYTES)}"}`), "application/json", { ownConnection: true })],
    ["deep arrays", 400, "invalid_payload", () => postSession(`${"[".repeat(8_000)}${"]".repeat(8_000)}`)],
    ["deep objects", 400, "invalid_payload", () => postSession(`${'{"title":'.repeat(1_600)}"x"${"}".repeat(1_600)}`)],
    ["a __proto__ key", 400, "invalid_payload", () => postSession('{"__proto__":{"polluted":"yes"},"title":"x"}')],
    ["a constructor.prototype key", 400, "invalid_payload", () => postSession('{"title":"x","constructor":{"prototype":{"polluted":"yes"}}}')],
    ["a form body", 400, "invalid_payload", () => postSession("title=x&language=en", "application/x-www-form-urlencoded")],
    ["a multipart body", 400, "invalid_payload", () => postSession('--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--', "multipart/form-data; boundary=b")],
    ["a title with only spaces", 400, "invalid_payload", () => postSession('{"title":"   "}')],
    ["a title that is an array", 400, "invalid_payload", () => postSession('{"title":["x"]}')],
    ["an unknown language", 400, "invalid_payload", () => postSession('{"title":"x","language":"xx"}')],
    ["JSON null", 400, "invalid_payload", () => postSession("null")],
    ["1e999", 400, "invalid_payload", () => postSession("1e999")],
    ["GET /api/sessions", 405, "method_not_allowed", () => fetch(`${h.url}/api/sessions`, { signal: AbortSignal.timeout(STALL_MS) })],
    ["an export without Authorization", 401, "unauthorized", () => exportWith(undefined, "csv")],
    ["an export with Basic auth", 401, "unauthorized", () => exportWith("Basic dXNlcjpwYXNz", "csv")],
    ["an export with a bare Bearer", 401, "unauthorized", () => exportWith("Bearer", "csv")],
    ["an export with two tokens", 401, "unauthorized", () => exportWith(`Bearer ${"a"} b`, "csv")],
    ["an export with the screen key", 403, "forbidden", () => exportWith(`Bearer ${created.screenKey}`, "csv")],
    ["an export with an 8 KB token", 403, "forbidden", () => exportWith(`Bearer ${"k".repeat(8_000)}`, "csv")],
    ["an export in xml", 400, "invalid_payload", () => exportWith(`Bearer ${created.hostKey}`, "xml")],
    ["an export with an empty format", 400, "invalid_payload", () => exportWith(`Bearer ${created.hostKey}`, "")],
    ["an export with a NUL in the format", 400, "invalid_payload", () => exportWith(`Bearer ${created.hostKey}`, "csv%00")],
    ["an export of a session id that is too long", 404, "not_found", () => fetch(`${h.url}/api/sessions/${"x".repeat(65)}/export`, { headers: { authorization: `Bearer ${created.hostKey}` } })],
    ["a DELETE with another session's key", 403, "forbidden", () => fetch(`${h.url}/api/sessions/${created.id}`, { method: "DELETE", headers: { authorization: "Bearer not-the-key" } })],
    ["a JSON body sent as text/plain (content type is not checked)", 201, undefined, () => postSession('{"title":"As text"}', "text/plain")],
    ["a chunked valid body without a length", 201, undefined, () => postSession(chunked('{"title":"Chunked"}'))],
    ["an export with a lower-case bearer", 200, undefined, () => exportWith(`bearer ${created.hostKey}`, "json")],
  ])("answers %s with %i", async (_name, status, code, request) => {
    stats.httpRequests++;
    const res = await request();
    expect(res.status).toBe(status);
    if (code === undefined) return void (await res.arrayBuffer());
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  // -------------------------------------------------------------------------------------------------------
  // Afterwards: same process, same server.

  it("afterwards: no prototype was polluted, the server is up, a phone still votes, memory is back near the baseline", async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({}) === Object.prototype).toBe(true);
    expect(prototypeKeys()).toEqual(prototypesBefore);

    const health = await fetch(`${h.url}/api/health`, { signal: AbortSignal.timeout(STALL_MS) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });

    await voteStillCounts(h, { created, questionId, host: { socket: host } });

    const heapAfter = heapUsedAfterGc();
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const total = stats.wsFrames + stats.httpRequests;
    console.log(
      [
        `fuzz (seed ${SEED}): ${stats.wsFrames} WebSocket frames + ${stats.httpRequests} HTTP requests = ${total} hostile inputs`,
        `  ${stats.connections} raw connections, ${stats.closedByServer} closed by the server, ${stats.refusedHandshakes} handshakes refused`,
        `  acks: ${[...stats.acks].map(([code, n]) => `${code} ${n}`).join(", ")}`,
        `  heap used: before ${mb(heapBefore)}, after ${mb(heapAfter)} (after a full gc)`,
        `  event loop delay during the fuzz: max ${(loopDelay.max / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms`,
      ].join("\n"),
    );
    expect(stats.wsFrames).toBeGreaterThanOrEqual(MIN_FRAMES);
    expect(heapAfter).toBeLessThan(heapBefore + 50 * 1024 * 1024);
  });
});

// ---------------------------------------------------------------------------------------------------------
// HTTP requests fetch cannot make: raw request lines and Host headers over TCP.

describe("malformed HTTP request lines and Host headers", () => {
  it("answers any request target with a response, never an exception that takes the process down", async () => {
    const target = fc.tuple(
      fc.constantFrom("/api/", "/api/sessions/", "//", "http://", "http://[", "https://localhost/api/", "*", "/"),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(target, fc.constantFrom("GET", "POST", "DELETE", "OPTIONS"), async ([prefix, rest], method) => {
        stats.httpRequests++;
        const reply = await rawHttp(`${method} ${prefix}${rest} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        expect(reply.status, `${method} ${prefix}${rest}`).toBeGreaterThanOrEqual(200);
        expect(reply.status, `${method} ${prefix}${rest}`).toBeLessThan(500);
      }),
      { seed: SEED + 6, numRuns: 300, endOnFailure: true },
    );
  }, 60_000);

  it.each(["http://%zz/api/health", "http://[/api/sessions", "http://a:99999/api/health", "//[/api/health"])(
    "answers the request target %s with a 4xx",
    async (target) => {
      const reply = await rawHttp(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    },
  );

  it.each(["[", "a b", "a:99999", "exa%mple.org"])("refuses to create a session for Host: %s with a 4xx and stores nothing", async (hostHeader) => {
    const before = sessionCount(h.databasePath);
    const body = '{"title":"Odd host"}';
    const reply = await rawHttp(
      `POST /api/sessions HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect.soft(reply.status, reply.head.split("\r\n")[0]).toBeGreaterThanOrEqual(400);
    expect.soft(reply.status, reply.head.split("\r\n")[0]).toBeLessThan(500);
    expect.soft(sessionCount(h.databasePath) - before, "sessions stored that nobody holds the host key of").toBe(0);
  });

  it("keeps answering on a connection after refusing a chunked body over 16 KiB (or closes it)", async () => {
    const big = `{"title":"${"t".repeat(4 * MAX_BODY_BYTES)}"}`;
    let body = "";
    for (let at = 0; at < big.length; at += 1024) {
      const chunk = big.slice(at, at + 1024);
      body += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    }
    const first = `POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`;
    const second = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const { heads, closed } = await keepAliveExchange(first + second, 2);
    const statuses = heads.map((head) => Number(head.slice(9, 12)));
    if (closed && statuses.length === 1) {
      // Hanging up after the 413 is fine, if the server said so.
      expect(heads[0]).toMatch(/\r\nConnection: close\r\n/i);
    } else {
      expect(statuses).toEqual([413, 200]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Helpers of this file

function postSession(body: string | ReadableStream<Uint8Array>, contentType = "application/json", options: { ownConnection?: boolean } = {}): Promise<Response> {
  if (options.ownConnection) return postOnOwnConnection(body, contentType);
  return fetch(`${h.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    signal: AbortSignal.timeout(STALL_MS),
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);
}

/**
 * The same POST on a connection of its own (node:http without an agent), so a connection the server leaves in
 * a bad state (see "keeps answering on a connection ...") cannot be reused by fetch's pool for later requests.
 */
async function postOnOwnConnection(body: string | ReadableStream<Uint8Array>, contentType: string): Promise<Response> {
  const req = httpRequest(`${h.url}/api/sessions`, { method: "POST", agent: false, headers: { "content-type": contentType } });
  const response = new Promise<Response>((resolve, reject) => {
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") headers.set(name, value);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
      });
    });
  });
  // The server may answer and hang up before the whole body is written; that is the answer we want.
  req.on("error", () => undefined);
  void (async () => {
    if (typeof body === "string") req.write(body);
    else for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
    req.end();
  })().catch(() => undefined);
  return withTimeout(response, STALL_MS, "an answer to the POST");
}

/** A body streamed in 1 KiB chunks, so it goes out chunked, without a Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const data = Buffer.from(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(data.subarray(offset, offset + 1024));
      offset += 1024;
    },
  });
}

function exportWith(authorization: string | undefined, format: string): Promise<Response> {
  return fetch(`${h.url}/api/sessions/${created.id}/export?format=${format}`, {
    headers: authorization === undefined ? {} : { authorization },
    signal: AbortSignal.timeout(STALL_MS),
  });
}

/** What a request may legitimately get besides an error: the API's successes. */
function legitimateSuccess(method: string, pathname: string, body: string | undefined, status: number): boolean {
  if (pathname === "/api/health") return status === 200 && (method === "GET" || method === "HEAD");
  if (pathname === "/api/sessions" && method === "POST" && status === 201) {
    try {
      return createSessionBodySchema.safeParse(JSON.parse(body ?? "")).success;
    } catch {
      return false;
    }
  }
  if (/^\/api\/sessions\/[A-Za-z0-9_-]{1,64}\/(export|report|summary)$/.test(pathname)) return method === "GET" && status === 200;
  if (/^\/api\/sessions\/[A-Za-z0-9_-]{1,64}\/duplicate$/.test(pathname)) return method === "POST" && status === 201;
  if (pathname === "/api/compare") return method === "POST" && status === 200;
  if (/^\/api\/sessions\/[A-Za-z0-9_-]{1,64}$/.test(pathname)) return method === "DELETE" && status === 204;
  return false;
}

async function expectApiAnswer(res: Response, method: string, pathname: string, body: string | undefined): Promise<void> {
  const where = `${method} ${pathname} -> ${res.status}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) {
    expect(legitimateSuccess(method, pathname, body, res.status), where).toBe(true);
    await res.arrayBuffer();
    return;
  }
  // Paths that leave /api/ after normalising ("/api/../x") are not the API's; the test server has no pages.
  if (method === "HEAD" || !pathname.startsWith("/api/")) return void (await res.arrayBuffer());
  expect(res.headers.get("content-type"), where).toMatch(/^application\/json/);
  const json = (await res.json()) as { error?: { code?: string; message?: unknown } };
  expect(json, where).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(ERROR_CODES, where).toContain(json.error?.code);
}

/** Send raw bytes over TCP and read the status line of the reply; a timeout means the server never answered. */
function rawHttp(request: string): Promise<{ status: number; head: string }> {
  const socket = tcpConnect(Number(new URL(h.url).port), "127.0.0.1", () => socket.write(request));
  const answer = new Promise<{ status: number; head: string }>((resolve, reject) => {
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      if (status === 0) reject(new Error(`no HTTP answer to ${JSON.stringify(request.split("\r\n")[0])}; got ${JSON.stringify(text.slice(0, 80))}`));
      else resolve({ status, head: text.slice(0, text.indexOf("\r\n\r\n")) });
    });
  });
  return withTimeout(answer, 2_000, `HTTP answer to ${JSON.stringify(request.split("\r\n")[0])}`).finally(() => socket.destroy());
}

/**
 * Send pipelined requests on one keep-alive connection; resolves with the response heads once `expected` have
 * come, or when the server closed the connection. Neither within 2 s: the server stalled the connection.
 */
function keepAliveExchange(bytes: string, expected: number): Promise<{ heads: string[]; closed: boolean }> {
  const socket = tcpConnect(Number(new URL(h.url).port), "127.0.0.1", () => socket.write(bytes));
  let text = "";
  const heads = () => text.split(/(?=HTTP\/1\.1 \d{3} )/).filter((part) => part.startsWith("HTTP/1.1 ")).map((part) => part.slice(0, part.indexOf("\r\n\r\n") + 2));
  const answer = new Promise<{ heads: string[]; closed: boolean }>((resolve) => {
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
      if (heads().length >= expected) resolve({ heads: heads(), closed: false });
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ heads: heads(), closed: true }));
  });
  return withTimeout(answer, 2_000, () => `answer to request ${heads().length + 1} of ${expected} on one keep-alive connection (got: ${JSON.stringify(heads().map((x) => x.split("\r\n")[0]))})`).finally(() =>
    socket.destroy(),
  );
}

/** After all that, an ordinary phone (joined before, or now) votes, gets an ok ack, and the facilitator sees the vote. */
async function voteStillCounts(
  server: Harness,
  session: { created: CreatedSession; questionId: string; host: { socket: ClientSocket } },
  phoneSocket?: ClientSocket,
): Promise<void> {
  const hostSocket = session.host.socket;
  // The fuzz may have closed, configured or reset the question, or moved the room to another one, through the
  // facilitator connection.
  for (const event of ["question:activate", "question:reset", "question:open"] as const) {
    expect(await hostSocket.timeout(STALL_MS).emitWithAck(event, { questionId: session.questionId })).toMatchObject({ ok: true });
  }
  expect(await hostSocket.timeout(STALL_MS).emitWithAck("question:configure", { questionId: session.questionId, maxChoices: null })).toMatchObject({ ok: true });
  const phone = phoneSocket ?? (await joinAsParticipant(server, session.created)).socket;
  const seen = eventMatching(hostSocket, "results:updated", (r) => r.counts["power-play"] === 1 && r.counts["enemy-image"] === 1 && r.respondents === 1);
  const ack = await phone.timeout(STALL_MS).emitWithAck("vote:cast", { questionId: session.questionId, optionIds: ["enemy-image", "power-play"] });
  expect(ack).toEqual({ ok: true, data: { ballot: ["power-play", "enemy-image"] } });
  await withTimeout(seen, STALL_MS, "results:updated with the new vote on the facilitator socket");
  phone.disconnect();
}
