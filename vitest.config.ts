import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,server,components,app}/**/*.test.{ts,tsx}"],
    // Needs the production build; `npm run test:crash` runs it after `next build`.
    exclude: ["server/durability/**", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
