/**
 * Dot voting over real sockets: a participant spreads a budget of dots (several on one option), is refused over the
 * budget and for an option the question does not have, replaces their ballot, and a screen sees the dots per option.
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

describe("a dot vote", () => {
  it("counts dots per option, refuses a spread over the budget or on an unknown option, replaces a ballot, and the screen sees it", async () => {
    const { created, host } = await openSession(h, { title: "Stippen", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "dots", prompt: "Waar steken we onze tijd in?", options: ["Wonen", "Zorg", "Werk"], maxChoices: 3 });
    const questionId = question.id;
    expect(question).toMatchObject({ kind: "dots", maxChoices: 3 });
    await command(host.socket, "question:activate", { questionId });
    const screen = await joinAsScreen(h, created);
    const [anna, bart] = await Promise.all([joinAsParticipant(h, created), joinAsParticipant(h, created)]);
    const cast = (phone: typeof anna, optionIds: string[]) => emitRaw(phone.socket, "vote:cast", { questionId, optionIds }) as Promise<{ ok: boolean; data?: { ballot: unknown }; error?: { code: string } }>;

    // Placed in any order, stored grouped in the options' order.
    expect(await cast(anna, ["o3", "o1", "o3"])).toMatchObject({ ok: true, data: { ballot: ["o1", "o3", "o3"] } });
    const both = eventMatching(screen.socket, "results:updated", (r: Results) => r.questionId === questionId && r.respondents === 2);
    expect(await cast(bart, ["o3"])).toMatchObject({ ok: true });
    expect(await both).toMatchObject({ counts: { o1: 1, o2: 0, o3: 3 }, respondents: 2 });

    // Refused, and nothing changes: four dots of three, and an option the question does not have.
    expect((await cast(anna, ["o2", "o2", "o2", "o2"])).error?.code).toBe("too_many_choices");
    expect((await cast(anna, ["o9"])).error?.code).toBe("unknown_option");
    expect((await cast(anna, ["o1", "__proto__"])).error?.code).toBe("unknown_option");
    expect((await emitRaw(anna.socket, "vote:cast", { questionId, value: 2 })) as { error?: { code: string } }).toMatchObject({ error: { code: "wrong_answer_kind" } });

    // Anna changes her mind: her ballot is replaced, not added; the screen sees the new spread.
    const replaced = eventMatching(screen.socket, "results:updated", (r: Results) => r.questionId === questionId && r.counts.o2 === 3);
    expect(await cast(anna, ["o2", "o2", "o2"])).toMatchObject({ ok: true, data: { ballot: ["o2", "o2", "o2"] } });
    expect(await replaced).toMatchObject({ counts: { o1: 0, o2: 3, o3: 1 }, respondents: 2 });

    // An empty ballot is an answer of its own: Bart still counts as a respondent, with no dots.
    const empty = eventMatching(screen.socket, "results:updated", (r: Results) => r.questionId === questionId && r.counts.o3 === 0);
    expect(await cast(bart, [])).toMatchObject({ ok: true, data: { ballot: [] } });
    expect(await empty).toMatchObject({ counts: { o1: 0, o2: 3, o3: 0 }, respondents: 2 });

    // A screen that joins now gets the same counts in its first state.
    const late = await joinAsScreen(h, created);
    expect(late.state.results).toMatchObject({ questionId, counts: { o1: 0, o2: 3, o3: 0 }, respondents: 2 });

    // The exports read the dots per option and each anonymous ballot's dots.
    const auth = { headers: { authorization: `Bearer ${created.hostKey}` } };
    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, auth)).text();
    expect(csv).toContain("optie_id,optie,stippen,aandeel_stippen");
    expect(csv).toContain("o2,Zorg,3,1");
    expect(csv).toContain("stippen_in_totaal,3");
    const json = (await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, auth)).json()) as { questions: { id: string; ballots: { dots?: Record<string, number> }[] }[] };
    expect(json.questions.find((q) => q.id === questionId)?.ballots.map((b) => b.dots)).toEqual(expect.arrayContaining([{ o2: 3 }, {}]));
  });

  it("gives a dot vote without a budget 3 dots and refuses a budget outside 1..10", async () => {
    const { host } = await openSession(h, { title: "Budget", template: "empty" });
    const { question } = await addQuestion(host.socket, { kind: "dots", prompt: "Waar eerst?", options: ["A", "B"] });
    expect(question.maxChoices).toBe(3);
    for (const maxChoices of [0, 11]) {
      const ack = (await emitRaw(host.socket, "question:add", { kind: "dots", prompt: "Waar eerst?", options: ["A", "B"], maxChoices })) as { ok: boolean; error?: { code: string } };
      expect(ack).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
  });
});
