"use client";
/** The hook that connects a page to its session: one socket, one store, reconnects and refusals handled. */
import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import { refusalIsTemporary } from "./refusal";
import { createSessionStore, type ClientEvent, type ClientSessionState } from "./session-store";
import { openSessionSocket, type SessionSocket, type SocketAuth } from "./socket";

/**
 * Connect a page to its session: one socket and one store for the page's lifetime. Pass `null` while the
 * auth is not known yet (it comes from localStorage after mount).
 */
export function useSession(auth: SocketAuth | null): {
  view: ClientSessionState;
  socket: SessionSocket | null;
  dispatch: (event: ClientEvent) => void;
} {
  const store = useMemo(() => createSessionStore(), []);
  const [socket, setSocket] = useState<SessionSocket | null>(null);
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return;
    const s = openSessionSocket(JSON.parse(authKey) as SocketAuth);
    const { dispatch } = store.getState();
    s.on("connect", () => dispatch({ type: "connected" }));
    let deleted = false;
    s.on("session:deleted", () => {
      deleted = true;
      dispatch({ type: "refused", message: "session_deleted" });
    });
    // A co-facilitator whose link the owner revoked: the server closes the socket; do not knock again.
    s.on("access:revoked", () => {
      deleted = true;
      dispatch({ type: "refused", message: "access_revoked" });
    });
    s.on("disconnect", (reason) => {
      if (deleted) return;
      dispatch({ type: "disconnected" });
      // The server closed this socket on purpose (e.g. a flood guard or a restart): socket.io does not
      // reconnect by itself then.
      if (reason === "io server disconnect") s.connect();
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unavailableTries = 0;
    s.on("connect", () => (unavailableTries = 0));
    s.on("connect_error", (error) => {
      // A refused handshake will not succeed by retrying; network errors will, so those keep reconnecting.
      // A server whose database is briefly unreachable refuses with `unavailable`: try again with a backoff.
      if (!s.active && refusalIsTemporary(error.message)) {
        dispatch({ type: "disconnected" });
        unavailableTries += 1;
        retry = setTimeout(() => s.connect(), Math.min(500 * 2 ** unavailableTries, 5000) * (0.5 + Math.random()));
      } else if (!s.active) dispatch({ type: "refused", message: error.message });
      else dispatch({ type: "disconnected" });
    });
    s.on("session:state", (state) => dispatch({ type: "session:state", state }));
    // When the phone says it lost the network (Wi-Fi switch, airplane mode), the socket is dead even if it
    // has not noticed yet (that can take a ping timeout): drop it now so the page shows "reconnecting" and
    // socket.io starts its reconnect loop; unsent emits stay queued and go out once it is back.
    const onOffline = () => s.io.engine?.close();
    window.addEventListener("offline", onOffline);
    s.on("results:updated", (results) => dispatch({ type: "results:updated", results }));
    s.on("question:updated", (update) => dispatch({ type: "question:updated", update }));
    s.on("floor:updated", (floor) => dispatch({ type: "floor:updated", floor }));
    s.on("floor:votes", ({ votes }) => dispatch({ type: "floor:votes", votes }));
    setSocket(s);
    return () => {
      clearTimeout(retry);
      window.removeEventListener("offline", onOffline);
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, [authKey, store]);

  const view = useStore(store);
  return { view, socket, dispatch: view.dispatch };
}
