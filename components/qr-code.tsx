"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** A QR code of `value`, drawn as an SVG image (nothing user-typed is rendered as HTML). */
export function QrCode({ value, size, label }: { value: string; size: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((svg) => {
      if (!cancelled) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    }, () => setSrc(null));
    return () => {
      cancelled = true;
    };
  }, [value]);
  return (
    <div className="qr" style={{ width: size, height: size }}>
      {src ? <img src={src} width={size} height={size} alt={label} data-testid="qr-code" /> : null}
    </div>
  );
}
