/**
 * The word cloud over real sockets: words counted once per participant in their most common form, stop words
 * left out, a hidden word gone from every screen and phone (not even its count) and flagged in the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { addQuestion, command, emitRaw, joinAsParticipant, joinAsScreen, openSession } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

describe("a word cloud", () => {
  it("counts each word once per participant, shows hidden words to nobody but the facilitator, and exports them flagged", async () => {
    const { created, host } = await openSession(h, { title: "Woordwolk", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "words", prompt: "Wat ontbreekt er aan tafel?" });
    const questionId = question.id;
    await command(host.socket, "question:activate", { questionId });
    await command(host.socket, "results:show", { questionId });
    const screen = await joinAsScreen(h, created);
    const phones = await Promise.all([1, 2, 3].map(() => joinAsParticipant(h, created)));
    const cast = async (i: number, words: string[]) => {
      const ack = await phones[i]?.socket.emitWithAck("vote:cast", { questionId, words });
      if (!ack?.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
      return ack.data.ballot;
    };
    expect(await cast(0, ["Vertrouwen", " vertrouwen ", "de tijd"])).toEqual(["Vertrouwen", "de tijd"]);
    await cast(1, ["vertrouwen", "Geld"]);
    const three = eventMatching(host.socket, "results:updated", (r) => r.respondents === 3);
    await cast(2, ["VERTROUWEN", "geld"]);
    expect((await three).words).toEqual([
      { key: "vertrouwen", text: "Vertrouwen", count: 3, hidden: false },
      { key: "geld", text: "Geld", count: 2, hidden: false },
      { key: "tijd", text: "de tijd", count: 1, hidden: false },
    ]);

    // Hidden: screens and phones get the cloud without it, the facilitator sees it flagged.
    const onScreen = eventMatching(screen.socket, "results:updated", (r: Results) => r.questionId === questionId && !(r.words ?? []).some((w) => w.key === "geld"));
    expect(await emitRaw(host.socket, "word:hide", { questionId, key: "geld" })).toEqual({ ok: true, data: { key: "geld" } });
    const seen = await onScreen;
    expect(JSON.stringify(seen)).not.toContain("Geld");
    expect(seen.words?.map((w) => w.key)).toEqual(["vertrouwen", "tijd"]);
    const phone = await joinAsParticipant(h, created);
    expect(phone.state.results?.words?.map((w) => w.key)).toEqual(["vertrouwen", "tijd"]);
    const facilitator = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    expect(facilitator.state.results?.words?.find((w) => w.key === "geld")).toEqual({ key: "geld", text: "Geld", count: 2, hidden: true });

    const auth = { headers: { authorization: `Bearer ${created.hostKey}` } };
    const json = (await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, auth)).json()) as {
      questions: { id: string; results: { words?: unknown[] }; ballots: unknown[] }[];
    };
    const exported = json.questions.find((q) => q.id === questionId);
    expect(exported?.results.words).toContainEqual({ key: "geld", text: "Geld", count: 2, hidden: true });
    expect(exported?.ballots).toContainEqual(expect.objectContaining({ words: ["Vertrouwen", "de tijd"] }));
    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, auth)).text();
    expect(csv).toContain("woord,aantal,verborgen_op_scherm");
    expect(csv).toContain("Geld,2,1");

    expect(await emitRaw(host.socket, "word:show", { questionId, key: "geld" })).toMatchObject({ ok: true });
    const back = await h.connectAs({ sessionId: created.id, screenKey: created.screenKey });
    expect(back.state.results?.words?.map((w) => w.key)).toEqual(["vertrouwen", "geld", "tijd"]);
  });

  it("refuses more than three words, a word of more than 40 characters, only stop words, and answers of another kind", async () => {
    const { created, host } = await openSession(h, { title: "Grenzen", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "words", prompt: "Eén woord?" });
    await command(host.socket, "question:activate", { questionId: question.id });
    const phone = await joinAsParticipant(h, created);
    const refusal = async (payload: Record<string, unknown>) => ((await emitRaw(phone.socket, "vote:cast", { questionId: question.id, ...payload })) as { error?: { code: string } }).error?.code;
    expect(await refusal({ words: ["a1", "b2", "c3", "d4"] })).toBe("invalid_payload");
    expect(await refusal({ words: ["x".repeat(41)] })).toBe("invalid_payload");
    expect(await refusal({ words: ["de", "the", "le"] })).toBe("invalid_payload");
    expect(await refusal({ text: "vertrouwen" })).toBe("wrong_answer_kind");
    expect(await refusal({ optionIds: ["o1"] })).toBe("wrong_answer_kind");
    expect(await emitRaw(host.socket, "word:hide", { questionId: question.id.replace(/.$/, "x"), key: "a" })).toMatchObject({ ok: false, error: { code: "question_not_found" } });
  });
});
