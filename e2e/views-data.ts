/** Sessions with votes for the home, report and comparison specs, made over the API and real sockets (fast, and fixed titles for screenshots). */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { CreatedSession, QuestionView, SessionState } from "../lib/protocol";

export async function createSession(request: APIRequestContext, body: { title: string; language?: string; template?: string }): Promise<CreatedSession> {
  const res = await request.post("/api/sessions", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CreatedSession;
}

/** The facilitator's socket of a session, for the commands a console would send. */
export async function facilitator(baseURL: string, session: CreatedSession) {
  const socket: Socket = io(baseURL, { auth: { sessionId: session.id, hostKey: session.hostKey }, transports: ["websocket"], forceNew: true });
  const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  const command = async <T>(event: string, payload: unknown): Promise<T> => {
    const ack = (await socket.emitWithAck(event, payload)) as { ok: boolean; data: T; error?: { message: string } };
    expect(ack.ok, `${event}: ${ack.error?.message}`).toBe(true);
    return ack.data;
  };
  return {
    state,
    questions: state.questions ?? [],
    command,
    activate: (questionId: string) => command("question:activate", { questionId }),
    add: async (draft: Record<string, unknown>) => (await command<{ question: QuestionView }>("question:add", draft)).question,
    close: () => socket.disconnect(),
  };
}

/** Phones answer the session's active question: one answer per phone (option ids, a scale value or a text). */
export async function vote(baseURL: string, session: CreatedSession, answers: (string[] | number | string)[], tag = "p"): Promise<void> {
  await Promise.all(
    answers.map(async (answer, i) => {
      const socket = io(baseURL, { auth: { code: session.code, participantId: `${tag}-${session.code}-${i}` }, transports: ["websocket"], forceNew: true });
      const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
      const body =
        typeof answer === "number" ? { value: answer } : typeof answer === "string" ? { text: answer } : { optionIds: answer };
      const ack = (await socket.emitWithAck("vote:cast", { questionId: state.question?.id ?? "", ...body })) as { ok: boolean; error?: { message: string } };
      expect(ack.ok, ack.error?.message).toBe(true);
      socket.disconnect();
    }),
  );
}

/** This browser holds the sessions' host keys and lists them, newest first, as if it had started them. */
export async function rememberSessions(page: Page, sessions: readonly { session: CreatedSession; title: string }[], language?: string): Promise<void> {
  await page.addInitScript(
    ({ list, language }) => {
      // Only on the first load of the test: a page that changes the list later must find its own changes.
      if (sessionStorage.getItem("e2e:seeded")) return;
      sessionStorage.setItem("e2e:seeded", "1");
      for (const s of list) localStorage.setItem(`tafelronde:host-key:${s.id}`, s.hostKey);
      localStorage.setItem("tafelronde:sessions", JSON.stringify(list.map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt }))));
      if (language) localStorage.setItem("tafelronde:language", language);
    },
    { list: sessions.map(({ session, title }) => ({ id: session.id, hostKey: session.hostKey, title, createdAt: new Date().toISOString() })), language },
  );
}

