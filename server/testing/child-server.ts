/** Test helper: start a server program as a child process, keep its output, stop it at exit. */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";

const LOG_LIMIT = 64 * 1024;

/** A server process a test started: its output (the tail) for failure messages, and its end. */
export interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  hasExited(): boolean;
  log(): string;
}

/** Servers of this test process still running, stopped when it exits so an aborted run leaves none behind. */
const live = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

function track(child: ChildProcess, signalAtExit: NodeJS.Signals): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => live.forEach((signal, c) => c.kill(signal)));
  }
  live.set(child, signalAtExit);
  child.once("exit", () => live.delete(child));
}

/**
 * Start a program with its output kept. `signalAtExit`: how to stop it if the test process ends first (a
 * one-shot tool such as initdb needs none).
 */
export function run(file: string, args: string[], options: SpawnOptions = {}, signalAtExit?: NodeJS.Signals): Running {
  const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  if (signalAtExit) track(child, signalAtExit);
  let log = "";
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_LIMIT);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.once("error", (error) => {
      append(Buffer.from(`\n${error.message}`));
      done = true;
      resolve();
    });
    child.once("exit", () => {
      done = true;
      resolve();
    });
  });
  return { child, exited, hasExited: () => done, log: () => log };
}

/** The server ended while it was starting (e.g. its port was taken): the caller may try another port. */
export class ServerExited extends Error {}

/**
 * Wait until the server really answers (`answers` makes a real connection and checks the server is this one)
 * or ends. A foreign process has no event to await, so this asks again every few milliseconds.
 */
export async function waitUntilAnswers(server: Running, answers: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.hasExited()) throw new ServerExited(`${what} exited while starting:\n${server.log()}`);
    if (await answers()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs} ms:\n${server.log()}`);
    await Promise.race([delay(10), server.exited]);
  }
}
