import { describe, expect, it } from "vitest";
import { HANDSHAKE_ERRORS } from "../protocol";
import { refusalIsTemporary, refusalMessageKey } from "./refusal";

describe("handshake refusals", () => {
  // The client matches codes as text (no schemas in the phone's bundle): they must stay the protocol's codes.
  it("retries only the protocol's unavailable refusal", () => {
    expect(refusalIsTemporary(`${HANDSHAKE_ERRORS.unavailable}: the database is unreachable for a moment`)).toBe(true);
    for (const code of Object.values(HANDSHAKE_ERRORS).filter((c) => c !== HANDSHAKE_ERRORS.unavailable)) {
      expect(refusalIsTemporary(`${code}: no`)).toBe(false);
    }
    expect(refusalIsTemporary(undefined)).toBe(false);
  });

  it.each([
    [`${HANDSHAKE_ERRORS.unknownCode}: no session with this code`, "sessionNotFound"],
    [`${HANDSHAKE_ERRORS.rateLimited}: wait`, "rateLimited"],
    [`${HANDSHAKE_ERRORS.wrongKey}: wrong host key`, "wrongKey"],
    ["session_deleted", "sessionDeleted"],
    ["something else", "errorGeneric"],
  ])("shows %s as %s", (refusal, key) => expect(refusalMessageKey(refusal)).toBe(key));
});
