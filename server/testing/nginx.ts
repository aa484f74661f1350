/** Test helper: a real nginx with the shipped configuration on random ports. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, waitUntilAnswers } from "./child-server";
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
  const server = run(NGINX_BINARY, ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], {}, "SIGTERM");
  try {
    await waitUntilAnswers(server, () => accepts(port), `nginx on port ${port}`, 30_000);
  } catch (error) {
    const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!server.hasExited()) server.child.kill("SIGTERM");
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
