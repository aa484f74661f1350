/**
 * The server process without Next's pages, for tests that need a real process (signals, exit code) but must
 * not wait for `next build`: vitest runs before the build in `npm test`. It shares the entry's shutdown
 * (server/shutdown.ts), so the shutdown test proves the real entry's behaviour.
 */
import { openTafelronde } from "../app";
import { loadConfig } from "../config";
import { installGracefulShutdown } from "../shutdown";

const config = loadConfig();
const app = await openTafelronde(config);
const port = await app.listen();
console.log(`Tafelronde API is listening on http://localhost:${port}`);
installGracefulShutdown(app);
