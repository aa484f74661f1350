/** Messages to every phone of a large room go out shard by shard, in order. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionUpdated, Results } from "../../lib/protocol";
import type { ClientSocket } from "../testing/harness";
import { PHONE_SHARDS, PhoneFanout, shardOf } from "./phone-fanout";
import type { TafelrondeServer } from "./types";

const PHONES = 24;
let io: TafelrondeServer;
let fanout: PhoneFanout;
let phones: ClientSocket[] = [];
const received = new Map<ClientSocket, string[]>();

beforeAll(async () => {
  const http = createServer();
  io = new Server(http) as TafelrondeServer;
  // Any room above 4 phones goes out in slices here: one event-loop turn per shard that has phones.
  fanout = new PhoneFanout(io, 4);
  io.on("connection", (socket) => fanout.join(socket, "s1"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  phones = await Promise.all(
    Array.from({ length: PHONES }, async () => {
      const socket: ClientSocket = connect(url, { transports: ["websocket"], forceNew: true });
      await new Promise((resolve) => socket.once("connect", () => resolve(undefined)));
      const log: string[] = [];
      received.set(socket, log);
      socket.on("results:updated", (r) => log.push(`results ${r.respondents}`));
      socket.on("question:updated", (u) => log.push(`question ${u.question.status}`));
      socket.on("session:state", (s) => log.push(`state ${s.session.title}`));
      return socket;
    }),
  );
});
afterAll(async () => {
  phones.forEach((p) => p.disconnect());
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

const results = (respondents: number) => ({ questionId: "q", kind: "multiple", counts: {}, respondents, participants: PHONES }) as Results;
const update = (status: "open" | "closed") => ({ question: { id: "q", status } }) as unknown as QuestionUpdated;

describe("PhoneFanout", () => {
  it("spreads phones over the shards by socket id, the same shard every time", () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`socket-${i}`)));
    expect(shards.size).toBe(PHONE_SHARDS);
    expect(shardOf("abc")).toBe(shardOf("abc"));
  });

  it("delivers every message to every phone of a large room, in the order given, also when slices interleave", async () => {
    const lastOnEvery = Promise.all(phones.map((p) => new Promise((resolve) => p.once("question:updated", (u) => u.question.status === "closed" && resolve(u)))));
    fanout.emit("s1", "results:updated", results(1));
    fanout.each("s1", (socket) => socket.emit("session:state", { session: { id: "s1", title: socket.id ?? "", code: "C", language: "nl" } }));
    fanout.emit("s1", "results:updated", results(2));
    fanout.emit("s1", "question:updated", update("closed"));
    await lastOnEvery;
    for (const phone of phones) {
      expect(received.get(phone)).toEqual(["results 1", `state ${phone.id}`, "results 2", "question closed"]);
    }
  });

  it("writes a large room's message one shard per event-loop turn, and a small room's at once", async () => {
    const adapter = io.sockets.adapter;
    const broadcast = adapter.broadcast.bind(adapter);
    let writes = 0;
    adapter.broadcast = (packet, opts) => {
      writes += 1;
      broadcast(packet, opts);
    };
    try {
      const done = Promise.all(phones.map((p) => new Promise((resolve) => p.once("results:updated", resolve))));
      fanout.emit("s1", "results:updated", results(3));
      expect(writes).toBe(1);
      await done;
      const shardsWithPhones = Array.from({ length: PHONE_SHARDS }, (_, k) => k).filter((k) => adapter.rooms.has(`s:s1:phones:${k}`)).length;
      expect(shardsWithPhones).toBeGreaterThan(1);
      expect(writes).toBe(shardsWithPhones);

      writes = 0;
      fanout.emit("nobody-here", "results:updated", results(0));
      expect(writes).toBe(1);
    } finally {
      adapter.broadcast = broadcast;
    }
  });
});
