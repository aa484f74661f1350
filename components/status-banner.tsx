import type { ConnectionStatus } from "@/lib/client/session-store";

/** Unobtrusive: shown only while the socket is away, so shaky Wi-Fi does not alarm anyone. */
export function StatusBanner({ connection, reconnectingLabel }: { connection: ConnectionStatus; reconnectingLabel: string }) {
  if (connection !== "reconnecting") return null;
  return (
    <p className="status-banner" role="status" data-testid="reconnecting">
      {reconnectingLabel}
    </p>
  );
}
