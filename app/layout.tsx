import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { isLanguage } from "@/lib/i18n";
import { FIRST_VIEW_HEADER, parseFirstView } from "./j/[code]/first-view";
// Atkinson Hyperlegible Next (Braille Institute): letters told apart at the back of a room and on a small phone;
// shipped with the app, so every machine (and every screenshot baseline) draws the same glyphs.
import "@fontsource-variable/atkinson-hyperlegible-next";
import "./globals.css";

// Every page is rendered per request so Next can put the Content-Security-Policy nonce on its scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Tafelronde",
  description: "Live peilingen voor de samenwerkingstafel",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#16324f",
};

/**
 * The page's language before any script runs: a phone's join page is drawn in its session's language (the server's
 * first view says which); every other page starts in Dutch. The reader's own choice follows once the page runs.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const language = parseFirstView((await headers()).get(FIRST_VIEW_HEADER))?.session.language;
  return (
    <html lang={language && isLanguage(language) ? language : "nl"}>
      <body>{children}</body>
    </html>
  );
}
