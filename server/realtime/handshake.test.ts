/** The handshake: roles, keys, codes, origins and refusals before any event. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHALLENGE_IDS } from "../../lib/challenges";
import { startHarness, type Harness } from "../testing/harness";
import { activeQuestion, countsWith, joinAsParticipant, joinAsScreen, newParticipantId, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** The connect_error a refused handshake ends in. */
async function refusal(auth: Record<string, unknown>, extra?: { origin?: string }): Promise<Error & { data?: { code?: string } }> {
  try {
    await h.connectAs(auth, extra);
  } catch (error) {
    return error as Error & { data?: { code?: string } };
  }
  throw new Error("the handshake was accepted");
}

describe("handshake", () => {
  it("refuses an unknown join code with session_not_found", async () => {
    const error = await refusal({ code: "ZZZZZZ", participantId: newParticipantId() });
    expect(error.message).toMatch(/^session_not_found/);
    expect(error.data?.code).toBe("session_not_found");
  });

  it("refuses a join code that cannot be one with session_not_found", async () => {
    const error = await refusal({ code: "O0I1L!", participantId: newParticipantId() });
    expect(error.message).toMatch(/^session_not_found/);
  });

  it("refuses an unknown session id with session_not_found", async () => {
    const created = await h.createSession();
    const error = await refusal({ sessionId: "no-such-session", hostKey: created.hostKey });
    expect(error.message).toMatch(/^session_not_found/);
  });

  it("refuses a wrong host key with unauthorized", async () => {
    const created = await h.createSession();
    const error = await refusal({ sessionId: created.id, hostKey: "a-guessed-key-that-is-wrong" });
    expect(error.message).toMatch(/^unauthorized/);
  });

  it("refuses another session's host key with unauthorized", async () => {
    const a = await h.createSession({ title: "A" });
    const b = await h.createSession({ title: "B" });
    const error = await refusal({ sessionId: b.id, hostKey: a.hostKey });
    expect(error.message).toMatch(/^unauthorized/);
  });

  it("does not let the screen key act as a host key", async () => {
    const created = await h.createSession();
    const error = await refusal({ sessionId: created.id, hostKey: created.screenKey });
    expect(error.message).toMatch(/^unauthorized/);
  });

  it("refuses a wrong or foreign screen key with unauthorized", async () => {
    const a = await h.createSession({ title: "A" });
    const b = await h.createSession({ title: "B" });
    expect((await refusal({ sessionId: b.id, screenKey: "wrong-screen-key-000000" })).message).toMatch(/^unauthorized/);
    expect((await refusal({ sessionId: b.id, screenKey: a.screenKey })).message).toMatch(/^unauthorized/);
  });

  it.each([
    ["no auth", {}],
    ["an unknown shape", { token: "abc" }],
    ["a code without participant id", { code: "ABCDEF" }],
    ["a participant id that is too short", { code: "ABCDEF", participantId: "short" }],
    ["a participant id with unsafe characters", { code: "ABCDEF", participantId: "p <script> 123" }],
    ["a participant id that is not a string", { code: "ABCDEF", participantId: 12345678 }],
    ["a host key next to extra fields", { sessionId: "s", hostKey: "k", role: "facilitator" }],
    ["a host key of the wrong type", { sessionId: "s", hostKey: ["k"] }],
  ])("refuses %s with invalid_auth", async (_name, auth) => {
    const error = await refusal(auth);
    expect(error.message).toMatch(/^invalid_auth/);
  });

  it("refuses a foreign Origin and admits the app's own", async () => {
    const created = await h.createSession();
    const participant = { code: created.code, participantId: newParticipantId() };
    const host = { sessionId: created.id, hostKey: created.hostKey };
    expect((await refusal(participant, { origin: "https://evil.example" })).message).toMatch(/^forbidden_origin/);
    expect((await refusal(host, { origin: "https://evil.example" })).message).toMatch(/^forbidden_origin/);
    expect((await refusal(host, { origin: "not a url" })).message).toMatch(/^forbidden_origin/);

    const phone = await h.connectAs(participant, { origin: h.url });
    expect(phone.state.session.id).toBe(created.id);
    const facilitator = await h.connectAs(host, { origin: h.url });
    expect(facilitator.state.session.id).toBe(created.id);
  });

  it("admits a join code typed in lower case with spaces", async () => {
    const created = await h.createSession({ title: "Typwerk" });
    const typed = ` ${created.code.slice(0, 3)} ${created.code.slice(3)} `.toLowerCase();
    const phone = await h.connectAs({ code: typed, participantId: newParticipantId() });
    expect(phone.state.session).toMatchObject({ id: created.id, code: created.code, title: "Typwerk" });
    const dashed = `${created.code.slice(0, 3)}-${created.code.slice(3)}`.toLowerCase();
    const other = await h.connectAs({ code: dashed, participantId: newParticipantId() });
    expect(other.state.session.id).toBe(created.id);
  });
});

describe("what each role sees on connecting", () => {
  it("never hands a participant the host or screen key, nor a screen the host key", async () => {
    const { created } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const phoneText = JSON.stringify(phone.state);
    expect(phoneText).not.toContain(created.hostKey);
    expect(phoneText).not.toContain(created.screenKey);
    expect(JSON.stringify(screen.state)).not.toContain(created.hostKey);
  });

  it("gives the facilitator results and the join link", async () => {
    const { created, host } = await openSession(h);
    expect(activeQuestion(host.state).options.map((o) => o.id)).toEqual(CHALLENGE_IDS);
    expect(host.state.question).toMatchObject({ status: "open", resultsVisible: false, maxChoices: null });
    expect(host.state.results).toEqual({
      questionId: activeQuestion(host.state).id,
      kind: "multiple",
      counts: countsWith(CHALLENGE_IDS, {}),
      respondents: 0,
      participants: 0,
    });
    expect(host.state.joinUrl).toMatch(new RegExp(`^https?://[^/]+/j/${created.code}$`));
    expect(host.state.ballot).toBeUndefined();
  });

  it("admits the screen key as a read-only screen with results and the join link", async () => {
    const { created } = await openSession(h);
    const screen = await joinAsScreen(h, created);
    expect(screen.state.session.id).toBe(created.id);
    expect(screen.state.results).toMatchObject({ respondents: 0 });
    expect(screen.state.joinUrl?.endsWith(`/j/${created.code}`)).toBe(true);
    const denied = await screen.socket.emitWithAck("question:close", { questionId: activeQuestion(screen.state).id });
    expect(denied).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("gives participants neither results nor the join link while results are hidden", async () => {
    const { created } = await openSession(h);
    const phone = await joinAsParticipant(h, created);
    expect(phone.state.session.id).toBe(created.id);
    expect(activeQuestion(phone.state).resultsVisible).toBe(false);
    expect(phone.state.results).toBeUndefined();
    expect(phone.state.joinUrl).toBeUndefined();
    expect(phone.state.ballot).toBeUndefined();
  });
});
