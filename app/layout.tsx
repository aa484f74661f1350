import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
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
