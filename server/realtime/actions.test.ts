/**
 * From challenges to actions over real sockets and HTTP: proposals for the top challenges (ties kept), a dot vote on
 * the picked ones, actions made from its proposals, the plan's API and its refusals, and the next measurement that
 * opens by asking the room how far each action got, in the report, the exports and the results page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_DOTS_TEMPLATE, actionPromptTemplate } from "../../lib/poll/actions";
import type { ActionView, CreatedMeasurement, CreatedSession, PublicResultsPage, QuestionView, ReportData, Results } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";

import { eventMatching, startHarness, type Harness } from "../testing/harness";
import { command, emitRaw, facilitatorView, heard, roundTrip, joinAsParticipant, joinAsScreen, openSession, type Joined } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, sessionCreatesPerHour: 10_000 } } });
});
afterAll(async () => h?.close());

const json = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const api = (created: { id: string; hostKey: string }, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${h.url}/api/sessions/${created.id}${path}`, { method: init.method ?? "GET", headers: json(created.hostKey), ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });

/** Phones that each cast `answer` on the question, one after the other. */
async function castAll(phones: readonly Joined[], questionId: string, answers: readonly Record<string, unknown>[]): Promise<void> {
  for (const [i, answer] of answers.entries()) {
    const ack = (await emitRaw(phones[i]!.socket, "vote:cast", { questionId, ...answer })) as { ok: boolean };
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }
}

/** A session whose room chose: power play 3×, enemy image 3× (a tie), different hats 1×. */
async function chosenRoom() {
  const opened = await openSession(h, { title: "Zorgnetwerk Gent", template: "challenges" });
  const phones = await Promise.all(Array.from({ length: 5 }, () => joinAsParticipant(h, opened.created)));
  await castAll(phones, opened.questionId, [
    { optionIds: ["power-play", "enemy-image"] },
    { optionIds: ["power-play", "enemy-image"] },
    { optionIds: ["power-play", "different-hats"] },
    { optionIds: ["enemy-image"] },
    { optionIds: [] },
  ]);
  return { ...opened, phones };
}

async function prompts(opened: { host: Joined; questionId: string }, topN: number): Promise<QuestionView[]> {
  const ack = (await emitRaw(opened.host.socket, "actions:prompts", { questionId: opened.questionId, topN })) as { ok: true; data: { questions: QuestionView[] } };
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return ack.data.questions;
}

/** The facilitator's view of a question's open answers once `n` are in. */
async function answersOf(host: Joined, questionId: string, n: number, send: () => Promise<void>): Promise<NonNullable<Results["answers"]>> {
  const seen = eventMatching(host.socket, "results:updated", (r) => r.questionId === questionId && (r.answers?.length ?? 0) === n);
  await send();
  return (await seen).answers ?? [];
}

describe("from challenges to actions", () => {
  it("asks for proposals for the top challenges with ties, puts the picked ones to a dot vote and makes actions of the most dotted", async () => {
    const room = await chosenRoom();
    // Top 1: power play and enemy image tie at 3, so both come; different hats (1) does not.
    const made = await prompts(room, 1);
    expect(made.map((q) => [q.kind, q.template])).toEqual([
      ["open", actionPromptTemplate("power-play")],
      ["open", actionPromptTemplate("enemy-image")],
    ]);
    expect(made[0]?.prompt).toBe("Welke concrete actie helpt ons met ‘Machtsspel’?");
    const state = await facilitatorView(h, room.created);
    // Right after the challenge question, the first one active on every phone.
    expect(state.questions?.map((q) => q.template).slice(0, 3)).toEqual(["nine-challenges", actionPromptTemplate("power-play"), actionPromptTemplate("enemy-image")]);
    expect(state.question?.id).toBe(made[0]?.id);
    // Sent again (a lost ack, a second console): the same questions, none asked twice.
    expect((await prompts(room, 1)).map((q) => q.id)).toEqual(made.map((q) => q.id));
    expect((await facilitatorView(h, room.created)).questions).toHaveLength(3);
    // The round's questions keep their wording: an edit would cut their tie to the challenge.
    expect(await emitRaw(room.host.socket, "question:update", { questionId: made[0]!.id, draft: { kind: "open", prompt: "Iets anders?" } })).toMatchObject({ ok: false, error: { code: "question_locked" } });

    const [power, enemy] = made as [QuestionView, QuestionView];
    const onPower = await answersOf(room.host, power.id, 3, () =>
      castAll(room.phones, power.id, [{ text: "Open   agenda voor elk overleg" }, { text: "open agenda voor elk overleg" }, { text: "Beslissingen op papier" }]),
    );
    await command(room.host.socket, "question:activate", { questionId: enemy.id });
    const onEnemy = await answersOf(room.host, enemy.id, 2, () => castAll(room.phones, enemy.id, [{ text: "Samen op werkbezoek" }, { text: "Eén gedeelde casus per maand" }]));
    // The facilitator takes one off the screen: it cannot go to the vote.
    const hiddenOne = onEnemy.find((a) => a.text === "Eén gedeelde casus per maand")!;
    expect(await emitRaw(room.host.socket, "answer:hide", { questionId: enemy.id, answerId: hiddenOne.id })).toMatchObject({ ok: true });
    const picked = [...onPower.map((a) => ({ questionId: power.id, answerId: a.id })), { questionId: enemy.id, answerId: onEnemy.find((a) => a !== hiddenOne)!.id }];
    expect(await emitRaw(room.host.socket, "actions:dots", { proposals: [...picked, { questionId: enemy.id, answerId: hiddenOne.id }] })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await emitRaw(room.host.socket, "actions:dots", { proposals: [{ questionId: room.questionId, answerId: "x" }, ...picked] })).toMatchObject({ ok: false, error: { code: "question_not_found" } });
    expect(await emitRaw(room.host.socket, "actions:dots", { proposals: picked, budget: 11 })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });

    const screen = await joinAsScreen(h, room.created);
    const dotsAck = (await emitRaw(room.host.socket, "actions:dots", { proposals: picked, budget: 3 })) as { ok: true; data: { question: QuestionView } };
    expect(dotsAck.ok).toBe(true);
    const dots = dotsAck.data.question;
    // Sent again before anyone voted: the same dot vote, not a second one.
    expect(((await emitRaw(room.host.socket, "actions:dots", { proposals: picked, budget: 3 })) as { data: { question: QuestionView } }).data.question.id).toBe(dots.id);
    // Twins merged (case and spaces), each proposal with the challenge it answers in the reader's words.
    expect([dots.kind, dots.template, dots.maxChoices]).toEqual(["dots", ACTION_DOTS_TEMPLATE, 3]);
    expect(dots.options.map((o) => [o.label, o.about, o.description])).toEqual([
      ["Open agenda voor elk overleg", "power-play", "Machtsspel"],
      ["Beslissingen op papier", "power-play", "Machtsspel"],
      ["Samen op werkbezoek", "enemy-image", "Vijandbeeld"],
    ]);
    const [agenda, paper, visit] = dots.options.map((o) => o.id) as [string, string, string];

    // Dots: over the budget and unknown proposals are refused; a re-spread replaces the ballot.
    expect(await emitRaw(room.phones[0]!.socket, "vote:cast", { questionId: dots.id, optionIds: [agenda, agenda, agenda, paper] })).toMatchObject({ ok: false, error: { code: "too_many_choices" } });
    expect(await emitRaw(room.phones[0]!.socket, "vote:cast", { questionId: dots.id, optionIds: ["a9"] })).toMatchObject({ ok: false, error: { code: "unknown_option" } });
    const final = eventMatching(screen.socket, "results:updated", (r) => r.questionId === dots.id && r.respondents === 4 && r.counts[visit] === 4);
    await castAll(room.phones, dots.id, [{ optionIds: [paper, paper, paper] }, { optionIds: [agenda, visit, visit] }, { optionIds: [agenda, agenda] }, { optionIds: [visit, visit] }]);
    await castAll(room.phones, dots.id, [{ optionIds: [agenda, paper, paper] }]);
    expect((await final).counts).toEqual({ [agenda]: 4, [paper]: 2, [visit]: 4 });

    // Actions from the proposals: text, challenge and dots come along; a text of one's own replaces the text.
    const first = await api(room.created, "/actions", { method: "POST", body: { from: { questionId: dots.id, optionId: visit }, owner: "Sofie (OCMW)", due: "2027-03-15" } });
    expect(first.status).toBe(201);
    const firstAction = (await first.json()) as ActionView;
    expect(firstAction).toMatchObject({ text: "Samen op werkbezoek", about: "enemy-image", owner: "Sofie (OCMW)", due: "2027-03-15", from: { questionId: dots.id, optionId: visit }, dots: 4 });
    const second = (await (await api(room.created, "/actions", { method: "POST", body: { from: { questionId: dots.id, optionId: agenda }, text: "Agenda een week vooraf rondsturen", owner: "Jan", due: "2027-02-01" } })).json()) as ActionView;
    expect(second).toMatchObject({ text: "Agenda een week vooraf rondsturen", about: "power-play", dots: 4 });
    // The same proposal again (a retried request, a second console): the action it already is, not a second one.
    const again = await api(room.created, "/actions", { method: "POST", body: { from: { questionId: dots.id, optionId: visit }, owner: "Iemand anders", due: "2027-04-01" } });
    expect([again.status, ((await again.json()) as ActionView).id]).toEqual([200, firstAction.id]);
    const own = (await (await api(room.created, "/actions", { method: "POST", body: { text: "Evaluatie in juni", owner: "An", due: "2027-06-30", about: null } })).json()) as ActionView;
    expect(own).toMatchObject({ about: null, dots: null });

    // Bad input gets a clear error and changes nothing (README: a day that does not exist, an unknown challenge,
    // no owner `400 invalid_payload`; `from` naming no dot vote `404 question_not_found`, no such proposal `404 unknown_option`).
    const planBefore = (await (await api(room.created, "/actions")).json()) as { actions: ActionView[] };
    for (const [body, status, code] of [
      [{ owner: "An", due: "2027-06-30" }, 400, "invalid_payload"],
      [{ text: "X", owner: "", due: "2027-06-30" }, 400, "invalid_payload"],
      [{ text: "X", due: "2027-06-30" }, 400, "invalid_payload"],
      [{ text: "X", owner: "An", due: "2027-02-30" }, 400, "invalid_payload"],
      [{ text: "X", owner: "An", due: "2027-06-30", about: "no-such-challenge" }, 400, "invalid_payload"],
      [{ from: { questionId: room.questionId, optionId: "power-play" }, owner: "An", due: "2027-06-30" }, 404, "question_not_found"],
      [{ from: { questionId: dots.id, optionId: "a9" }, owner: "An", due: "2027-06-30" }, 404, "unknown_option"],
    ] as const) {
      const res = await api(room.created, "/actions", { method: "POST", body });
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(((await (await api(room.created, "/actions")).json()) as { actions: ActionView[] }).actions).toEqual(planBefore.actions);
    // No key `401`, wrong key `403`, for reading and for adding alike; the refused add adds nothing.
    const plansUrl = `${h.url}/api/sessions/${room.created.id}/actions`;
    const validBody = JSON.stringify({ text: "Zonder sleutel", owner: "An", due: "2027-06-30" });
    for (const [init, status, code] of [
      [{}, 401, "unauthorized"],
      [{ method: "POST", headers: { "content-type": "application/json" }, body: validBody }, 401, "unauthorized"],
      [{ headers: json("not-the-key-0123456789") }, 403, "forbidden"],
      [{ method: "POST", headers: json("not-the-key-0123456789"), body: validBody }, 403, "forbidden"],
    ] as const) {
      const res = await fetch(plansUrl, init);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code], JSON.stringify(init)).toEqual([status, code]);
    }
    expect(((await (await api(room.created, "/actions")).json()) as { actions: ActionView[] }).actions).toEqual(planBefore.actions);

    // Change, delete, list in order.
    const patched = await api(room.created, `/actions/${own.id}`, { method: "PATCH", body: { owner: "An en Piet", due: "2027-07-01" } });
    expect(((await patched.json()) as ActionView).owner).toBe("An en Piet");
    // README: nothing named or a bad field `400`; no such action `404`.
    for (const [path, method, body, status, code] of [
      [`/actions/${own.id}`, "PATCH", {}, 400, "invalid_payload"],
      [`/actions/${own.id}`, "PATCH", { due: "2027-02-30" }, 400, "invalid_payload"],
      [`/actions/${own.id}`, "PATCH", { owner: "" }, 400, "invalid_payload"],
      [`/actions/${own.id}`, "PATCH", { color: "red" }, 400, "invalid_payload"],
      [`/actions/nope`, "PATCH", { owner: "X" }, 404, "not_found"],
      [`/actions/nope`, "DELETE", undefined, 404, "not_found"],
    ] as const) {
      const res = await api(room.created, path, { method, body });
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(((await (await api(room.created, "/actions")).json()) as { actions: ActionView[] }).actions.find((a) => a.id === own.id)).toMatchObject({ owner: "An en Piet", due: "2027-07-01" });
    expect((await api(room.created, `/actions/${own.id}`, { method: "DELETE" })).status).toBe(204);
    const deletedAgain = await api(room.created, `/actions/${own.id}`, { method: "DELETE" });
    expect([deletedAgain.status, ((await deletedAgain.json()) as { error: { code: string } }).error.code]).toEqual([404, "not_found"]);
    const listed = (await (await api(room.created, "/actions")).json()) as { actions: ActionView[] };
    expect(listed.actions.map((a) => a.text)).toEqual(["Samen op werkbezoek", "Agenda een week vooraf rondsturen"]);

    // The report and the JSON export carry the plan.
    const report = (await (await api(room.created, "/report")).json()) as ReportData;
    expect(report.actions?.map((a) => a.id)).toEqual([firstAction.id, second.id]);
    expect(report.planReview).toBeUndefined();
    const exported = (await (await api(room.created, "/export?format=json")).json()) as { actions?: ActionView[] };
    expect(exported.actions?.map((a) => a.owner)).toEqual(["Sofie (OCMW)", "Jan"]);

    // The next measurement opens with the plan: one review question per action, the action round left behind.
    const next = (await (await api(room.created, "/measurements", { method: "POST" })).json()) as CreatedMeasurement;
    const nextState = await facilitatorView(h, next as CreatedSession);
    expect(nextState.questions?.map((q) => q.template)).toEqual([`action-review:${firstAction.id}`, `action-review:${second.id}`, "nine-challenges"]);
    expect(nextState.question?.prompt).toBe("Actie van vorige keer: ‘Samen op werkbezoek’ (Sofie (OCMW), tegen 15 maart 2027). Hoe ver staat ze?");
    expect(nextState.question?.options.map((o) => [o.id, o.label])).toEqual([
      ["done", "Gedaan"],
      ["under-way", "Onderweg"],
      ["not-started", "Nog niet gestart"],
    ]);
    const nextPhones = await Promise.all(Array.from({ length: 3 }, () => joinAsParticipant(h, next as CreatedSession)));
    const [reviewVisit, reviewAgenda] = nextState.questions!.map((q) => q.id) as [string, string];
    await castAll(nextPhones, reviewVisit, [{ optionIds: ["done"] }, { optionIds: ["done"] }, { optionIds: ["under-way"] }]);
    const nextHost = await h.connectAs({ sessionId: next.id, hostKey: next.hostKey });
    await command(nextHost.socket, "question:activate", { questionId: reviewAgenda });
    // A split room reads as the less advanced state.
    await castAll(nextPhones, reviewAgenda, [{ optionIds: ["under-way"] }, { optionIds: ["not-started"] }]);

    const nextReport = (await (await api(next, "/report")).json()) as ReportData;
    expect(nextReport.planReview?.reviews.map((r) => [r.actionId, r.verdict, r.respondents])).toEqual([
      [firstAction.id, "done", 3],
      [second.id, "not-started", 2],
    ]);
    expect(nextReport.planReview?.progress).toEqual({ total: 2, done: 1, underWay: 0, notStarted: 1, unreviewed: 0 });
    // The trend beside it, in the report and now in the exports too.
    expect(nextReport.trend?.measurements.map((m) => m.measurement)).toEqual([1, 2]);
    const nextJson = (await (await api(next, "/export?format=json")).json()) as { trend?: unknown; planReview?: unknown };
    expect(nextJson.trend).toEqual(nextReport.trend);
    expect(nextJson.planReview).toEqual(nextReport.planReview);

    // A third measurement asks about the second one's plan only (none: the second made no plan).
    const third = (await (await api(next, "/measurements", { method: "POST" })).json()) as CreatedMeasurement;
    expect((await facilitatorView(h, third as CreatedSession)).questions?.map((q) => q.template)).toEqual(["nine-challenges"]);

    // The results page shows the plan.
    const published = (await (await api(room.created, "/publication", { method: "POST", body: {} })).json()) as { path: string };
    const page = (await (await fetch(`${h.url}/api${published.path.replace(/^\/r\//, "/results/")}`)).json()) as PublicResultsPage;
    // The dot vote had 4 respondents, below the threshold of 5: the page withholds its numbers, and so the actions' dots.
    expect(page.actions.map((a) => [a.text, a.owner, a.due, a.dots])).toEqual([
      ["Samen op werkbezoek", "Sofie (OCMW)", "2027-03-15", null],
      ["Agenda een week vooraf rondsturen", "Jan", "2027-02-01", null],
    ]);
    expect(page.questions.find((q) => q.question.id === dots.id)?.results.withheld).toBe("too_few");
  });

  it("refuses proposals before anyone chose a challenge, and for a question that is not about the challenges", async () => {
    const opened = await openSession(h, { title: "Leeg", template: "challenges" });
    expect(await emitRaw(opened.host.socket, "actions:prompts", { questionId: opened.questionId, topN: 3 })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    const own = (await emitRaw(opened.host.socket, "question:add", { kind: "multiple", prompt: "Wat eten we?", options: ["Soep", "Brood"] })) as { data: { question: QuestionView } };
    expect(await emitRaw(opened.host.socket, "actions:prompts", { questionId: own.data.question.id, topN: 3 })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect((await facilitatorView(h, opened.created)).questions).toHaveLength(2);
  });

  it("tells every console of the session the whole plan when it changes, and no phone or screen", async () => {
    const { created, host } = await openSession(h, { title: "Twee consoles", template: "challenges" });
    const colleague = await h.connectAs({ sessionId: created.id, hostKey: created.hostKey });
    const phone = await joinAsParticipant(h, created);
    const screen = await joinAsScreen(h, created);
    const others = [phone, screen].map((j) => heard(j.socket, ["plan:updated"]));
    const next = (j: Joined) => eventMatching(j.socket, "plan:updated", () => true);

    let told = Promise.all([next(host), next(colleague)]);
    const added = (await (await api(created, "/actions", { method: "POST", body: { text: "Agenda vooraf", owner: "An", due: "2027-01-31" } })).json()) as ActionView;
    for (const plan of await told) expect(plan.actions).toEqual([added]);
    told = Promise.all([next(host), next(colleague)]);
    await api(created, `/actions/${added.id}`, { method: "PATCH", body: { owner: "Piet" } });
    for (const plan of await told) expect(plan.actions.map((a) => a.owner)).toEqual(["Piet"]);
    told = Promise.all([next(host), next(colleague)]);
    await api(created, `/actions/${added.id}`, { method: "DELETE" });
    for (const plan of await told) expect(plan.actions).toEqual([]);
    await Promise.all([phone, screen].map((j) => roundTrip(j.socket)));
    expect(others.map((o) => o.log)).toEqual([[], []]);
  });

  // Each change started its own read of the plan: a slow read of an older plan answered last, and the consoles kept it.
  it("ends on the newest plan when the read of an older one answers last", async () => {
    const { created, host } = await openSession(h, { title: "Snel na elkaar", template: "challenges" });
    const store = h.app.store;
    const original = store.listActions.bind(store);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    // The first read of the plan answers only once the second change is in.
    store.listActions = async (sessionId) => {
      const plan = await original(sessionId);
      reads += 1;
      if (reads === 1) await held;
      return plan;
    };
    const seen: string[][] = [];
    host.socket.on("plan:updated", ({ actions }) => seen.push(actions.map((a) => a.text)));
    try {
      const body = (text: string) => ({ text, owner: "An", due: "2027-01-31" });
      expect((await api(created, "/actions", { method: "POST", body: body("Eerste") })).status).toBe(201);
      expect((await api(created, "/actions", { method: "POST", body: body("Tweede") })).status).toBe(201);
      // The first read is still out; the second change waits for it instead of racing it.
      await roundTrip(host.socket);
      expect(seen).toEqual([]);
      const after = eventMatching(host.socket, "plan:updated", () => true);
      release();
      await after;
      await roundTrip(host.socket);
      // One plan sent, the newest: the first read's older plan is never sent after it.
      expect(seen).toEqual([["Eerste", "Tweede"]]);
    } finally {
      store.listActions = original;
    }
  });

  it("keeps at most 30 actions in a plan", async () => {
    const { created } = await openSession(h, { title: "Veel", template: "challenges" });
    const body = { text: "Actie", owner: "An", due: "2027-01-31" };
    for (let i = 0; i < 30; i++) expect((await api(created, "/actions", { method: "POST", body })).status).toBe(201);
    const refused = await api(created, "/actions", { method: "POST", body });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "invalid_payload", message: expect.stringMatching(/at most 30/) });
  });
});
