/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native module: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
  // `npm test` type-checks the whole project (tsc) before it builds; a second check inside `next build` would
  // only repeat it, and would make `npm start` refuse to start over a type error in a test file.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
