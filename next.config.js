/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native module: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
};

export default nextConfig;
