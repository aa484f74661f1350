import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freeLoopbackPort } from "./services";

const SAMPLE = fileURLToPath(new URL("../deploy/nginx.conf", import.meta.url));
export const NGINX_BINARY = "/usr/sbin/nginx";

export interface NginxInstance {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The README's sample configuration (server/deploy/nginx.conf) with its listen port and upstream addresses
 * rewritten, so the cluster tests go through the same load balancer a deployment would use.
 */
export function nginxSiteConfig(listenPort: number, upstreamPorts: readonly number[]): string {
  const sample = readFileSync(SAMPLE, "utf8");
  const servers = upstreamPorts.map((p) => `  server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n");
  const withUpstreams = sample.replace(/( {2}server 127\.0\.0\.1:\d+ [^\n]*\n)+/, `${servers}\n`);
  if (withUpstreams === sample) throw new Error("the nginx sample has no upstream servers to rewrite");
  return withUpstreams.replace(/listen 80;/, `listen 127.0.0.1:${listenPort};`);
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** nginx from Debian's package in the foreground, in a temporary prefix, in front of the given ports. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<NginxInstance> {
  const dir = mkdtempSync(join(tmpdir(), "tafelronde-nginx-"));
  const port = await freeLoopbackPort();
  writeFileSync(join(dir, "tafelronde.conf"), nginxSiteConfig(port, upstreamPorts));
  const root = process.getuid?.() === 0 ? "user root;\n" : "";
  writeFileSync(
    join(dir, "nginx.conf"),
    `${root}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/tafelronde.conf;
}
`,
  );
  const child: ChildProcess = spawn(NGINX_BINARY, ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await accepts(port))) {
    if (gone) {
      const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
      throw new Error(`nginx did not start: ${err}${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!gone) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
