/** Graceful shutdown must finish within this; after it the process exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting, let in-flight writes commit, close the database, exit 0; exit 1 when
 * that fails or takes longer than the deadline.
 */
export function installGracefulShutdown(app: { close(): Promise<void> }, log: (line: string) => void = console.log): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing connections and the database...`);
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
