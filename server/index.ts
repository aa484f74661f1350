/** The server's entry: configuration, the Next handler, one http server for everything, graceful shutdown. */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { openTafelronde } from "./app";
import { loadConfig } from "./config";
import { ensureBuild } from "./ensure-build";
import { installGracefulShutdown } from "./shutdown";

async function main(): Promise<void> {
  const config = loadConfig();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  if (!config.dev) ensureBuild(root);

  const pages = next({ dev: config.dev, dir: root });
  await pages.prepare();
  const app = await openTafelronde(config, pages.getRequestHandler());
  const port = await app.listen();
  const database = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}` : `${config.databasePath}, synchronous=${config.synchronous}`;
  const cluster = config.redisUrl ? `, Redis ${config.socketAdapter} adapter at ${new URL(config.redisUrl).host}` : "";
  console.log(`Tafelronde is listening on http://localhost:${port} (database: ${database}${cluster})`);
  installGracefulShutdown(app);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
