/**
 * Who sits at the table: grouping questions, questions for one group, and results split by group with small
 * groups protected, over real sockets. No number of a group below the threshold reaches any socket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison, Results, SessionState } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { eventMatching, startHarness, type ClientSocket, type Harness } from "../testing/harness";
import { addQuestion, command, emitRaw, facilitatorView, joinAsParticipant, joinAsScreen, openSession, type Joined } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  // A console here sends more commands a second than the per-socket limit allows; that limit has its own tests.
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

const ok = async (socket: ClientSocket, payload: Record<string, unknown>) => {
  const ack = await socket.emitWithAck("vote:cast", payload as never);
  if (!ack.ok) throw new Error(`vote refused: ${ack.error.code} ${ack.error.message}`);
};

/** The article's session with the room moved to its role question. */
async function articleAtRole() {
  const opened = await openSession(h, { title: "Rollen", template: "article" });
  const questions = opened.host.state.questions ?? [];
  const id = (template: string) => questions.find((q) => q.template === template)?.id ?? "";
  await command(opened.host.socket, "question:activate", { questionId: id("check3-role") });
  return { ...opened, id };
}

describe("the article's role question", () => {
  it("is a grouping question, and each role gets only its own three self-assessments", async () => {
    const { created, host, id } = await articleAtRole();
    const role = id("check3-role");
    const summaries = (await facilitatorView(h, created)).questions ?? [];
    expect(summaries.find((q) => q.id === role)).toMatchObject({ grouping: true, groups: [{ id: "participant", label: "Deelnemer" }, { id: "network-manager", label: "Netwerkmanager" }] });
    for (const t of ["check3-participant-represent", "check3-participant-contribute", "check3-participant-deliver"]) {
      expect(summaries.find((q) => q.template === t)?.audience).toEqual({ questionId: role, optionIds: ["participant"] });
    }
    for (const t of ["check3-manager-mandate", "check3-manager-decide", "check3-manager-share"]) {
      expect(summaries.find((q) => q.template === t)?.audience).toEqual({ questionId: role, optionIds: ["network-manager"] });
    }

    const manager = await joinAsParticipant(h, created);
    const partner = await joinAsParticipant(h, created);
    await ok(manager.socket, { questionId: role, optionIds: ["network-manager"] });
    await ok(partner.socket, { questionId: role, optionIds: ["participant"] });

    const mandate = id("check3-manager-mandate");
    const { states } = await command(host.socket, "question:activate", { questionId: mandate }, [manager.socket, partner.socket]);
    const [onManager, onPartner] = states as unknown as [SessionState, SessionState];
    expect(onManager.question?.id).toBe(mandate);
    expect(onManager.notAsked).toBeUndefined();
    expect(onPartner.question?.id).toBe(mandate);
    expect(onPartner.notAsked).toBe(true);
    // A phone that is not asked cannot answer anyway.
    expect(await partner.socket.emitWithAck("vote:cast", { questionId: mandate, value: 4 })).toMatchObject({ ok: false, error: { code: "not_asked" } });
    await ok(manager.socket, { questionId: mandate, value: 4 });
  });
});

describe("a question for one group", () => {
  // One network manager's self-assessment was on the screen for everyone to read.
  it("withholds its numbers below the threshold, shows them from the threshold on, and counts only those asked", async () => {
    const { created, host, id } = await articleAtRole();
    const role = id("check3-role");
    const screen = await joinAsScreen(h, created);
    const managers: Joined[] = [];
    for (let i = 0; i < 5; i++) {
      const phone = await joinAsParticipant(h, created);
      await ok(phone.socket, { questionId: role, optionIds: ["network-manager"] });
      managers.push(phone);
    }
    const decide = id("check3-manager-decide");
    await command(host.socket, "question:activate", { questionId: decide });
    const seen = (n: number) => (r: Results) => r.questionId === decide && r.respondents === n;

    for (const [i, m] of managers.slice(0, 4).entries()) {
      const onScreen = eventMatching(screen.socket, "results:updated", seen(i + 1));
      const onHost = eventMatching(host.socket, "results:updated", seen(i + 1));
      await ok(m.socket, { questionId: decide, value: 5 });
      for (const r of await Promise.all([onScreen, onHost])) {
        expect(r).toEqual({ questionId: decide, kind: "scale", counts: {}, respondents: i + 1, participants: expect.any(Number), withheld: "too_few", minGroupSize: 5 });
      }
    }
    const fifth = eventMatching(host.socket, "results:updated", seen(5));
    await ok(managers[4]?.socket as ClientSocket, { questionId: decide, value: 3 });
    expect(await fifth).toMatchObject({ counts: { "3": 1, "5": 4 }, mean: 4.6, respondents: 5 });
    expect((await h.connectAs({ sessionId: created.id, screenKey: created.screenKey })).state.results).toMatchObject({ counts: { "5": 4 } });

    // One of them says they are a participant after all: their answer no longer counts, and the numbers go again.
    await command(host.socket, "question:activate", { questionId: role });
    await ok(managers[0]?.socket as ClientSocket, { questionId: role, optionIds: ["participant"] });
    await command(host.socket, "question:activate", { questionId: decide });
    const view = await facilitatorView(h, created);
    expect(view.results).toMatchObject({ respondents: 4, counts: {}, withheld: "too_few" });
    expect(view.questions?.find((q) => q.id === decide)?.respondents).toBe(4);
  });
});

describe("results:split", () => {
  /** A session of its own with a sector question (a grouping question) and a multiple choice after it. */
  async function sectorRoom(sectors: string[]) {
    const { created, host } = await openSession(h, { title: "Sectoren", template: "empty" });
    const sector = (await addQuestion(host.socket, { kind: "single", prompt: "Vanuit welke sector kom je?", options: ["Welzijn", "Zorg", "Lokaal bestuur", "Andere"], grouping: true })).question;
    const choice = (await addQuestion(host.socket, { kind: "multiple", prompt: "Wat herken je?", options: ["A", "B", "C"] })).question;
    const phones: Joined[] = [];
    for (const s of sectors) {
      const phone = await joinAsParticipant(h, created);
      if (s !== "none") await ok(phone.socket, { questionId: sector.id, optionIds: [s] });
      phones.push(phone);
    }
    await command(host.socket, "question:activate", { questionId: choice.id });
    return { created, host, sector, choice, phones };
  }

  it("splits the active question by group on the console and the screen, small groups merged into other, never to phones", async () => {
    // Welzijn 6, Zorg 5, Lokaal bestuur 2, Andere 0, no sector 1: the two small ones and Zorg go into "other".
    const sectors = [...Array<string>(6).fill("o1"), ...Array<string>(5).fill("o2"), "o3", "o3", "none"];
    const { created, host, sector, choice, phones } = await sectorRoom(sectors);
    const screen = await joinAsScreen(h, created);
    phones[0]?.socket.on("results:updated", (r) => expect(r.split).toBeUndefined());
    const split = await emitRaw(host.socket, "results:split", { byQuestionId: sector.id });
    expect(split).toEqual({ ok: true, data: { splitBy: sector.id } });

    const everyone = (r: Results) => r.questionId === choice.id && r.respondents === sectors.length;
    const onHost = eventMatching(host.socket, "results:updated", everyone);
    const onScreen = eventMatching(screen.socket, "results:updated", everyone);
    for (const [i, p] of phones.entries()) await ok(p.socket, { questionId: choice.id, optionIds: i % 2 === 0 ? ["o1"] : ["o1", "o2"] });
    for (const r of await Promise.all([onHost, onScreen])) {
      expect(r.split?.by).toMatchObject({ questionId: sector.id, prompt: "Vanuit welke sector kom je?" });
      expect(r.split?.groups).toEqual([
        { groupId: "o1", respondents: 6, counts: { o1: 6, o2: 3, o3: 0 } },
        { groupId: "o4", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
      ]);
      expect(r.split?.other).toEqual({ groupId: "_other", groupIds: ["o2", "o3", "_none"], respondents: 8, counts: { o1: 8, o2: 4, o3: 0 } });
      expect(r.split?.withheld).toEqual(["o2", "o3", "_none"]);
      expect(r.split?.minGroupSize).toBe(5);
    }
    // The console's state carries the split setting; a phone's never carries a split.
    expect((await facilitatorView(h, created)).splitBy).toBe(sector.id);
    const phoneState = (await joinAsParticipant(h, created)).state;
    expect(phoneState.splitBy).toBeUndefined();
    expect(phoneState.results?.split).toBeUndefined();
  });

  it("shows no group at all when the small ones cannot be hidden among enough others", async () => {
    // Welzijn 6 and one person of Zorg: showing Welzijn would give Zorg's ballot away by subtraction.
    const { host, sector, choice, phones } = await sectorRoom([...Array<string>(6).fill("o1"), "o2"]);
    await emitRaw(host.socket, "results:split", { byQuestionId: sector.id });
    const all = eventMatching(host.socket, "results:updated", (r) => r.questionId === choice.id && r.respondents === 7);
    for (const p of phones) await ok(p.socket, { questionId: choice.id, optionIds: ["o3"] });
    const r = await all;
    expect(r.split?.groups).toEqual([
      { groupId: "o3", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
      { groupId: "o4", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
      { groupId: "_none", respondents: 0, counts: { o1: 0, o2: 0, o3: 0 } },
    ]);
    expect(r.split?.other).toBeUndefined();
    expect(r.split?.withheld).toEqual(["o1", "o2"]);
    expect(JSON.stringify(r.split)).not.toContain('"respondents":6');
  });

  it("is refused for a question that sorts nobody, and a grouping question others rest on cannot be removed", async () => {
    const { host, sector, choice } = await sectorRoom([]);
    expect(await emitRaw(host.socket, "results:split", { byQuestionId: choice.id })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await emitRaw(host.socket, "question:add", { kind: "multiple", prompt: "P", options: ["a", "b"], grouping: true })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await emitRaw(host.socket, "question:add", { kind: "open", prompt: "P", audience: { questionId: choice.id, optionIds: ["o1"] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await emitRaw(host.socket, "question:add", { kind: "open", prompt: "P", audience: { questionId: sector.id, optionIds: ["o9"] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    await command(host.socket, "results:split", { byQuestionId: sector.id });
    expect(await emitRaw(host.socket, "question:remove", { questionId: sector.id })).toMatchObject({ ok: false, error: { code: "question_locked" } });
    await command(host.socket, "results:split", { byQuestionId: null });
    const removed = await emitRaw(host.socket, "question:remove", { questionId: sector.id });
    expect(removed).toMatchObject({ ok: true });
  });
});

describe("exports of a session with groups", () => {
  /** The JSON export as a researcher downloads it. */
  async function jsonExport(created: { id: string; hostKey: string }) {
    const res = await fetch(`${h.url}/api/sessions/${created.id}/export?format=json`, { headers: { authorization: `Bearer ${created.hostKey}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      questions: { id: string; results: Results; ballots: unknown[]; options: { count?: number }[]; splits?: Results["split"][] }[];
    };
  }

  it("carry every question split by every grouping question, small groups protected as on the screen", async () => {
    // Welzijn 6, Zorg 5, Lokaal bestuur 2, no sector 1.
    const { created, host, sector, choice, phones } = await (async () => {
      const { created, host } = await openSession(h, { title: "Export per sector", template: "empty" });
      const sector = (await addQuestion(host.socket, { kind: "single", prompt: "Sector?", options: ["Welzijn", "Zorg", "Lokaal bestuur", "Andere"], grouping: true })).question;
      const choice = (await addQuestion(host.socket, { kind: "multiple", prompt: "Wat herken je?", options: ["A", "B", "C"] })).question;
      const phones: Joined[] = [];
      for (const s of [...Array<string>(6).fill("o1"), ...Array<string>(5).fill("o2"), "o3", "o3", "none"]) {
        const phone = await joinAsParticipant(h, created);
        if (s !== "none") await ok(phone.socket, { questionId: sector.id, optionIds: [s] });
        phones.push(phone);
      }
      return { created, host, sector, choice, phones };
    })();
    await command(host.socket, "question:activate", { questionId: choice.id });
    for (const p of phones) await ok(p.socket, { questionId: choice.id, optionIds: ["o1"] });

    const exported = await jsonExport(created);
    const split = exported.questions.find((q) => q.id === choice.id)?.splits?.[0];
    expect(split?.by.questionId).toBe(sector.id);
    expect(split?.groups.map((g) => [g.groupId, g.respondents])).toEqual([
      ["o1", 6],
      ["o4", 0],
    ]);
    expect(split?.other).toMatchObject({ groupIds: ["o2", "o3", "_none"], respondents: 8, counts: { o1: 8 } });
    expect(split?.withheld).toEqual(["o2", "o3", "_none"]);

    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: { authorization: `Bearer ${created.hostKey}` } })).text();
    expect(csv).toContain("Opgesplitst volgens,Sector?");
    expect(csv).toContain("andere (kleine groepen samen),8,8,0,0");
    expect(csv).not.toMatch(/^Lokaal bestuur,2,/m);
  });

  it("leave out the numbers and the ballots of a question of one group below the threshold", async () => {
    const { created, host, id } = await articleAtRole();
    const manager = await joinAsParticipant(h, created);
    await ok(manager.socket, { questionId: id("check3-role"), optionIds: ["network-manager"] });
    const mandate = id("check3-manager-mandate");
    await command(host.socket, "question:activate", { questionId: mandate });
    await ok(manager.socket, { questionId: mandate, value: 2 });

    const q = (await jsonExport(created)).questions.find((x) => x.id === mandate);
    expect(q?.results).toEqual({ respondents: 1, counts: {}, withheld: "too_few" });
    expect(q?.ballots).toEqual([]);
    const csv = await (await fetch(`${h.url}/api/sessions/${created.id}/export?format=csv`, { headers: { authorization: `Bearer ${created.hostKey}` } })).text();
    expect(csv).toContain("Te weinig respondenten om te tonen");
  });
});

describe("POST /api/compare per group", () => {
  /** A sector session: Welzijn and Zorg large enough, Lokaal bestuur small; everyone answers the nine challenges. */
  async function sectorSession(title: string, sectors: string[], picks: string[]) {
    const { created, host } = await openSession(h, { title });
    const challenges = host.state.question?.id ?? "";
    const sector = (await addQuestion(host.socket, { kind: "single", prompt: "Vanuit welke sector kom je?", options: ["Welzijn", "Zorg", "Lokaal bestuur", "Andere"], grouping: true })).question;
    await command(host.socket, "question:activate", { questionId: sector.id });
    const phones: Joined[] = [];
    for (const s of sectors) {
      const phone = await joinAsParticipant(h, created);
      await ok(phone.socket, { questionId: sector.id, optionIds: [s] });
      phones.push(phone);
    }
    await command(host.socket, "question:activate", { questionId: challenges });
    for (const [i, p] of phones.entries()) await ok(p.socket, { questionId: challenges, optionIds: [picks[i % picks.length] ?? "power-play"] });
    return created;
  }

  it("compares the sessions per sector with the same protection as a split, matched by the question's prompt", async () => {
    const a = await sectorSession("Gent", [...Array<string>(5).fill("o1"), ...Array<string>(5).fill("o2"), "o3", "o3"], ["power-play", "enemy-image"]);
    const b = await sectorSession("Brugge", [...Array<string>(6).fill("o1")], ["power-play"]);
    const plain = await openSession(h, { title: "Zonder sectorvraag" });
    const res = await fetch(`${h.url}/api/compare`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sessions: [a, b, plain.created].map((s) => ({ id: s.id, hostKey: s.hostKey })),
        groupBy: "Vanuit welke sector kom je?",
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Comparison;
    const [ga, gb, gc] = body.groups;
    // Gent: Lokaal bestuur (2) is small, so it goes into "other" with the first of the smallest large groups (5).
    expect(ga?.byGroup?.groups.map((g) => [g.label, g.respondents])).toEqual([["Zorg", 5]]);
    expect(ga?.byGroup?.other).toMatchObject({ respondents: 7 });
    expect(ga?.byGroup?.withheld).toEqual(["Welzijn", "Lokaal bestuur"]);
    // Brugge: everyone is Welzijn, which is the whole session.
    expect(gb?.byGroup?.groups).toEqual([expect.objectContaining({ label: "Welzijn", respondents: 6, shares: expect.objectContaining({ "power-play": 100 }) })]);
    expect(gc?.byGroup).toBeNull();
    expect(JSON.stringify(body)).not.toContain('"respondents":2');
  });
});
