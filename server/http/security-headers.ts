/** Security headers on every response, with a per-request CSP nonce for pages. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Headers for every response. Pages get a Content-Security-Policy with a fresh nonce: Next.js reads the nonce
 * from the request's CSP header and puts it on its own inline scripts, so no other inline script can run.
 * Styles stay 'unsafe-inline' because React and recharts set style attributes.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { dev: boolean }): void {
  const nonce = randomBytes(16).toString("base64");
  const scriptSrc = options.dev ? `'self' 'nonce-${nonce}' 'unsafe-eval'` : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  const policy = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
}
