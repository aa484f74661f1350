"use client";
/**
 * The phone's questions from the floor, loaded only once a session opens them: the tabs between the poll and the
 * questions, and the questions' part with its emits (asks carry an id, so a retry is stored once).
 */
import { PhoneFloor } from "@/components/phone-floor";
import { newVoteId } from "@/lib/client/local";
import { retryWhileUnavailable } from "@/lib/client/retry-unavailable";
import type { ClientEvent } from "@/lib/client/session-store";
import type { SessionSocket } from "@/lib/client/socket";
import { formatNumber, type Language } from "@/lib/i18n";
import { floorWord } from "@/lib/messages/floor";
import type { FloorMine, FloorView } from "@/lib/protocol";

export type PhonePart = "poll" | "floor";

/** What an emit gets when the page has no socket yet: nothing was sent, so nothing was stored. */
const NOT_SENT = { ok: false, error: { code: "unavailable", message: "not connected yet" } } as const;

export function FloorTabs({ part, shown, newQuestion, language, onChoose }: { part: PhonePart; shown: number; newQuestion: boolean; language: Language; onChoose: (part: PhonePart) => void }) {
  const onFloor = part === "floor";
  return (
    <div
      className="phone__parts"
      role="tablist"
      aria-label={floorWord(language, "phoneParts")}
      onKeyDown={(e) => {
        // The tabs pattern: arrow keys move between the two parts.
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        const next = onFloor ? "poll" : "floor";
        onChoose(next);
        document.getElementById(`tab-${next}`)?.focus();
      }}
    >
      <button type="button" role="tab" id="tab-poll" aria-selected={!onFloor} aria-controls="part-poll" tabIndex={onFloor ? -1 : 0} onClick={() => onChoose("poll")} data-testid="tab-poll">
        {floorWord(language, "phonePoll")}
        {newQuestion ? (
          <span className="phone__new">
            {" "}● <span className="visually-hidden">{floorWord(language, "phoneNew")}</span>
          </span>
        ) : null}
      </button>
      <button type="button" role="tab" id="tab-floor" aria-selected={onFloor} aria-controls="part-floor" tabIndex={onFloor ? 0 : -1} onClick={() => onChoose("floor")} data-testid="tab-floor">
        {floorWord(language, "phoneFloor", { n: formatNumber(language, shown) })}
      </button>
    </div>
  );
}

export function FloorPart({ floor, mine, hidden, socket, dispatch, language }: { floor: FloorView; mine: FloorMine | undefined; hidden: boolean; socket: SessionSocket | null; dispatch: (event: ClientEvent) => void; language: Language }) {
  return (
    <div id="part-floor" role="tabpanel" aria-labelledby="tab-floor" hidden={hidden}>
      <PhoneFloor
        floor={floor}
        mine={mine}
        language={language}
        onAsk={async (text, name) => {
          if (!socket) return NOT_SENT;
          // One id for this question, whatever retries follow: the server stores it once.
          const payload = { text, ...(name.trim() ? { name } : {}), askId: newVoteId() };
          const ack = await retryWhileUnavailable(() => socket.emitWithAck("floor:ask", payload));
          if (ack.ok) dispatch({ type: "floor:asked", question: ack.data.question });
          return ack;
        }}
        onUpvote={async (floorId, up) => {
          if (!socket) return NOT_SENT;
          const ack = await retryWhileUnavailable(() => socket.emitWithAck("floor:upvote", { floorId, up }));
          if (ack.ok) dispatch({ type: "floor:upvoted", voted: ack.data });
          return ack;
        }}
      />
    </div>
  );
}
