/** Build the Next app before `npm start` serves it, when there is no build or a source file is newer. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const SOURCES = ["app", "components", "lib", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * `npm start` on a fresh clone must just work: build the Next app when there is no build yet or when a
 * source file is newer than the last build.
 */
export function ensureBuild(root: string): void {
  const buildId = join(root, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  if (built > newest) return;
  console.log(built === 0 ? "No build yet: building the app first (next build)..." : "Sources changed: rebuilding the app (next build)...");
  const require = createRequire(import.meta.url);
  const nextBin = require.resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
