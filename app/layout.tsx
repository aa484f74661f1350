import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="nl">
      <body>{children}</body>
    </html>
  );
}
