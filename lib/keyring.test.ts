/** Keyrings: what a file or a recovery link carries back, and what is refused. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeKeyring, parseKeyring, parseRecoveryFragment, recoveryFragment, type KeyringSession } from "./keyring";

const session = (id: string, title = "Lokaal gezondheidsoverleg Gent"): KeyringSession => ({ id, title, createdAt: "2026-12-06T10:00:00.000Z", hostKey: `key-${id}-0123456789` });

describe("keyrings", () => {
  it("gives back every session of a file, titles with accents and emoji included", () => {
    const sessions = [session("s_1", "Één netwerk — «jeugdhulp» 🤝"), session("s_2")];
    expect(parseKeyring(JSON.stringify(makeKeyring(sessions, new Date("2026-12-06T10:00:00Z"))))).toEqual({ ok: true, sessions });
  });

  it("carries a keyring through a recovery link unchanged", () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ id, title: fc.string({ maxLength: 120 }), createdAt: fc.constant("2026-12-06T10:00:00.000Z"), hostKey: id }), { minLength: 1, maxLength: 20 }), (sessions) => {
        const fragment = recoveryFragment(makeKeyring(sessions, new Date()));
        expect(fragment).toMatch(/^#restore=[A-Za-z0-9_-]+$/);
        expect(parseRecoveryFragment(fragment)).toEqual({ ok: true, sessions });
      }),
    );
  });

  it.each([
    ["not JSON", "{", "not_json"],
    ["another file", JSON.stringify({ sessions: [session("s_1")] }), "not_keyring"],
    ["no sessions with a key", JSON.stringify({ format: "tafelronde-keys", version: 1, sessions: [{ id: "s_1" }, { id: "bad id!", hostKey: "k" }] }), "empty"],
  ])("refuses %s", (_name, text, problem) => expect(parseKeyring(text)).toEqual({ ok: false, problem }));

  it("leaves out entries that are not sessions, keeps the others", () => {
    const text = JSON.stringify({ format: "tafelronde-keys", version: 1, sessions: [session("s_1"), { id: "s_2", hostKey: "has space" }, 42] });
    expect(parseKeyring(text)).toEqual({ ok: true, sessions: [session("s_1")] });
  });

  it("says a fragment is no recovery link, and a broken one is refused", () => {
    expect(parseRecoveryFragment("#key=abc")).toBeNull();
    expect(parseRecoveryFragment("")).toBeNull();
    expect(parseRecoveryFragment("#restore=%%%")).toEqual({ ok: false, problem: "not_json" });
  });
});
