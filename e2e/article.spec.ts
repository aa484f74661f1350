import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { CreatedSession, QuestionView, SessionState } from "../lib/protocol";
import { newPhone } from "./pages";

const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

/** What a second participant (a socket.io client) answers to a question of each kind. */
function answerFor(q: QuestionView): Record<string, unknown> {
  switch (q.kind) {
    case "single":
      return { optionIds: [q.options[0]?.id] };
    case "multiple":
      return { optionIds: q.options.slice(0, 2).map((o) => o.id) };
    case "ranking":
      return { optionIds: [q.options[1]?.id, q.options[0]?.id] };
    case "scale":
      return { value: q.scale?.max ?? 5 };
    case "open":
      return { text: "samen" };
    case "words":
      return { words: ["samen"] };
    case "dots":
      return { optionIds: [q.options[0]?.id, q.options[0]?.id] };
  }
}

test("the article's three checks: two participants go through every question the facilitator moves the room to, and skip the network manager's", async ({ browser, request, baseURL }) => {
  const created = (await (await request.post("/api/sessions", { data: { title: "Drie checks", template: "article" } })).json()) as CreatedSession;
  const host = io(baseURL ?? "", { auth: { sessionId: created.id, hostKey: created.hostKey }, transports: ["websocket"], forceNew: true });
  let hostState = await new Promise<SessionState>((resolve) => host.once("session:state", resolve));
  host.on("session:state", (s: SessionState) => (hostState = s));
  const questions = hostState.questions ?? [];
  expect(questions.map((q) => q.kind)).toEqual(["single", "single", "multiple", "single", "scale", "scale", "scale", "scale", "scale", "scale"]);

  const other = io(baseURL ?? "", { auth: { code: created.code, participantId: "article-second-phone" }, transports: ["websocket"], forceNew: true });
  let otherState = await new Promise<SessionState>((resolve) => other.once("session:state", resolve));
  other.on("session:state", (s: SessionState) => (otherState = s));

  const phone = await newPhone(browser);
  await phone.page.goto(local(created.links.join));

  for (const [index, summary] of questions.entries()) {
    if (index > 0) {
      const ack = (await host.emitWithAck("question:activate", { questionId: summary.id })) as { ok: boolean };
      expect(ack.ok).toBe(true);
    }
    // Both phones said "participant" to the role question: the network manager's self-assessments are not theirs.
    if (summary.audience && !summary.audience.optionIds.includes("participant")) {
      await expect(phone.page.getByTestId("not-asked")).toBeVisible();
      await expect.poll(() => otherState.notAsked).toBe(true);
      const refused = (await other.emitWithAck("vote:cast", { questionId: summary.id, value: 3 })) as { ok: boolean; error?: { code: string } };
      expect(refused.error?.code).toBe("not_asked");
      continue;
    }
    // The phone follows the room to this question and answers it through its own controls.
    await expect(phone.page.getByText(summary.prompt).first()).toBeVisible();
    if (summary.kind === "scale") {
      await phone.page.getByTestId("scale-value-4").check();
    } else {
      await phone.page.locator('[data-testid^="option-"]').first().check();
    }
    await phone.page.locator("form button[type=submit]").click();
    await expect(phone.page.getByTestId("receipt")).toBeVisible();

    await expect.poll(() => otherState.question?.id).toBe(summary.id);
    const question = otherState.question!;
    const ack = (await other.emitWithAck("vote:cast", { questionId: question.id, ...answerFor(question) })) as { ok: boolean };
    expect(ack.ok).toBe(true);
    await expect.poll(() => (hostState.question?.id === summary.id ? hostState.results?.respondents : undefined)).toBe(2);
  }

  // Every question kept its two respondents after the room moved on; nobody was asked the manager's questions.
  const asked = (q: (typeof questions)[number]) => !q.audience || q.audience.optionIds.includes("participant");
  await expect.poll(() => hostState.questions?.map((q) => q.respondents)).toEqual(questions.map((q) => (asked(q) ? 2 : 0)));
  host.disconnect();
  other.disconnect();
  await phone.context.close();
});
