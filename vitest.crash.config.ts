import { defineConfig } from "vitest/config";

/** The crash test kills the production server, so it runs after `next build`, apart from the unit tests. */
export default defineConfig({
  test: {
    include: ["server/durability/*.test.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
