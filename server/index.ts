import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { createTafelronde } from "./app";
import { loadConfig } from "./config";
import { ensureBuild } from "./ensure-build";

/** Graceful shutdown must finish within this; after it the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  if (!config.dev) ensureBuild(root);

  const pages = next({ dev: config.dev, dir: root });
  await pages.prepare();
  const app = createTafelronde(config, pages.getRequestHandler());
  const port = await app.listen();
  console.log(`Tafelronde is listening on http://localhost:${port} (database: ${config.databasePath}, synchronous=${config.synchronous})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections and the database...`);
    const deadline = setTimeout(() => {
      console.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
