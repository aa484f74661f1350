/** Questions from the floor's settings as both stores keep them (JSON): what is missing reads as FLOOR_CLOSED. */
import { FLOOR_CLOSED } from "../../lib/poll/floor";
import type { FloorSettings } from "../../lib/protocol";

/** A session stored before questions from the floor existed has `{}`: closed, as a new session starts. */
export function readFloorSettings(stored: unknown): FloorSettings {
  const raw = typeof stored === "string" ? (JSON.parse(stored) as unknown) : stored;
  const value = raw && typeof raw === "object" ? (raw as Partial<FloorSettings>) : {};
  return {
    open: typeof value.open === "boolean" ? value.open : FLOOR_CLOSED.open,
    approval: typeof value.approval === "boolean" ? value.approval : FLOOR_CLOSED.approval,
    screen: typeof value.screen === "boolean" ? value.screen : FLOOR_CLOSED.screen,
    highlight: typeof value.highlight === "string" ? value.highlight : FLOOR_CLOSED.highlight,
  };
}
