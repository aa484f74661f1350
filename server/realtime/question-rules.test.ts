/** A question's rules hold while ballots are being written (no edit under a ballot). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../testing/harness";
import { addQuestion, emitRaw, facilitatorView, joinAsParticipant, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe("question:configure", () => {
  // Regression: a maximum above the number of options was accepted, and a 3-option ranking scored first place 64.
  it.each([
    ["a maximum above the number of options", { kind: "ranking", prompt: "Volgorde", options: ["a", "b", "c"] }, 4],
    ["a maximum on a single-choice question", { kind: "single", prompt: "Een", options: ["a", "b"] }, 1],
    ["a maximum on an open question", { kind: "open", prompt: "Zeg het" }, 2],
  ])("refuses %s and keeps the question", async (_name, draft, maxChoices) => {
    const { created, host } = await openSession(h, { title: "Maximum", template: "empty" });
    const { question } = await addQuestion(host.socket, draft);
    const ack = await emitRaw(host.socket, "question:configure", { questionId: question.id, maxChoices });
    expect(ack).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    const view = await facilitatorView(h, created);
    expect(view.question?.maxChoices).toBe(question.maxChoices);
  });

  it("accepts a maximum up to the number of options on a ranking", async () => {
    const { host } = await openSession(h, { title: "Maximum", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "ranking", prompt: "Volgorde", options: ["a", "b", "c"] });
    const ack = await emitRaw(host.socket, "question:configure", { questionId: question.id, maxChoices: 3 });
    expect(ack).toMatchObject({ ok: true, data: { question: { maxChoices: 3 } } });
  });
});

describe("moderation", () => {
  // Regression: sending the same hidden text again (a new voteId) put it back on the screen.
  it("keeps a hidden answer hidden when the same text is sent again, and shows a changed one", async () => {
    const { created, host } = await openSession(h, { title: "Moderatie", template: "empty" });
    const phone = await joinAsParticipant(h, created);
    const { question } = await addQuestion(host.socket, { kind: "open", prompt: "Eén woord" }, [phone.socket]);
    expect(await phone.socket.emitWithAck("vote:cast", { questionId: question.id, text: "onzin", voteId: "v1" })).toMatchObject({ ok: true });
    const [answer] = (await facilitatorView(h, created)).results?.answers ?? [];
    expect(await emitRaw(host.socket, "answer:hide", { questionId: question.id, answerId: answer?.id })).toMatchObject({ ok: true });

    expect(await phone.socket.emitWithAck("vote:cast", { questionId: question.id, text: "onzin", voteId: "v2" })).toMatchObject({ ok: true });
    expect((await facilitatorView(h, created)).results?.answers).toEqual([{ id: answer?.id, text: "onzin", hidden: true }]);

    expect(await phone.socket.emitWithAck("vote:cast", { questionId: question.id, text: "vertrouwen", voteId: "v3" })).toMatchObject({ ok: true });
    expect((await facilitatorView(h, created)).results?.answers).toEqual([{ id: answer?.id, text: "vertrouwen", hidden: false }]);
  });
});
