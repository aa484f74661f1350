import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The layer rule of STYLE.md: imports flow app -> components -> lib and server -> lib, never back. */
const layer = (message, patterns) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.tsx", "lib/client/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: layer("lib/ is the product's own logic: it must not depend on app/, components/ or server/ (STYLE.md layers).", [
      "**/app/**",
      "@/app/**",
      "**/components/**",
      "@/components/**",
      "**/server/**",
      "@/server/**",
    ]),
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: layer("components/ get props and raise events: no imports from app/ or server/, and no socket code (STYLE.md layers).", [
      "**/app/**",
      "@/app/**",
      "**/server/**",
      "@/server/**",
      "socket.io-client",
      "@/lib/client/socket",
      "@/lib/client/use-session",
    ]),
  },
  {
    files: ["server/**/*.ts"],
    rules: layer("server/ may use lib/ but never the UI layers app/ or components/ (STYLE.md layers).", [
      "**/app/**",
      "@/app/**",
      "**/components/**",
      "@/components/**",
    ]),
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: layer("app/ pages reach the server over HTTP and Socket.IO only, never by importing server/ (STYLE.md layers).", [
      "**/server/**",
      "@/server/**",
    ]),
  },
);
