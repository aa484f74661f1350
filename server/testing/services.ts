/** Test helper: which server programs the cluster tests need, and whether this machine has them. */
import { execFileSync } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/** A server program the cluster tests start themselves, with the Debian package that installs it. */
export type ClusterService = "postgresql" | "redis";

const PACKAGES: Record<ClusterService, { label: string; apt: string }> = {
  postgresql: { label: "PostgreSQL", apt: "postgresql" },
  redis: { label: "Redis", apt: "redis-server" },
};

export interface ClusterServices {
  /** true when every needed program is installed, so the tests can start their own servers. */
  available: boolean;
  /** The services that are not installed. */
  missing: ClusterService[];
  /** Empty when available; otherwise what to install, for the title of a skipped `describe`. */
  skipMessage: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable of that name on PATH. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * The folder with `postgres` and `initdb`. Debian keeps them out of PATH, under /usr/lib/postgresql/<major>/bin
 * (the newest major wins); elsewhere they are usually on PATH.
 */
export function findPostgresBin(): string | undefined {
  let majors: string[] = [];
  try {
    majors = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
  } catch {
    // Not a Debian layout.
  }
  for (const major of majors) {
    const bin = join("/usr/lib/postgresql", major, "bin");
    if (isExecutable(join(bin, "postgres")) && isExecutable(join(bin, "initdb"))) return bin;
  }
  const postgres = findOnPath("postgres");
  if (postgres && findOnPath("initdb")) return join(postgres, "..");
  return undefined;
}

export function findRedisServer(): string | undefined {
  return findOnPath("redis-server");
}

/** PostgreSQL refuses to run as root: a root test run starts it as this user. */
export const POSTGRES_USER = "postgres";

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** uid and gid of a system user, or undefined when there is no such user. */
export function systemUser(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const [user, , uid, gid] = line.split(":");
      if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No /etc/passwd: ask id(1) below.
  }
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/**
 * Whether this machine can run the tests that start their own PostgreSQL and Redis. Tests use it as
 * `describe.skipIf(!services.available)(\`... ${services.skipMessage}\`)`, so a machine without them reports the
 * tests as skipped together with the command that installs what is missing.
 */
export function clusterServices(needs: readonly ClusterService[] = ["postgresql", "redis"]): ClusterServices {
  const missing = needs.filter((service) => {
    if (service === "redis") return findRedisServer() === undefined;
    // As root the Debian package's `postgres` user is needed as well; the package creates it.
    return findPostgresBin() === undefined || (runningAsRoot() && systemUser(POSTGRES_USER) === undefined);
  });
  const names = needs.map((s) => PACKAGES[s].label).join(" and ");
  const skipMessage =
    missing.length === 0 ? "" : `(skipped: needs ${names}: apt-get install -y ${missing.map((s) => PACKAGES[s].apt).join(" ")})`;
  return { available: missing.length === 0, missing, skipMessage };
}

/**
 * A port that was free on 127.0.0.1 a moment ago. Another process (a parallel vitest worker) may take it before
 * the server binds it, so callers retry with a new port when the server reports the address in use.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
