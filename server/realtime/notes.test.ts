/** Presenter notes over real sockets: the console gets them, phones and screens never do; editable at any time. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATE_NOTES } from "../../lib/template-notes";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { startHarness, type Harness } from "../testing/harness";
import { addQuestion, command, emitRaw, facilitatorView, heard, joinAsParticipant, joinAsScreen, openSession, roundTrip } from "../testing/helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { limits: { ...DEFAULT_FLOOD_LIMITS, socketEventsPerSecond: 1_000 } } });
});
afterAll(async () => {
  await h.close();
});

const notesOf = async (created: Parameters<typeof facilitatorView>[1]) =>
  Object.fromEntries(((await facilitatorView(h, created)).questions ?? []).map((q) => [q.template ?? q.prompt, q.notes]));

describe("presenter notes", () => {
  it("come with every question of the article in the session's language, on the console only", async () => {
    for (const language of ["nl", "en", "fr"] as const) {
      const { created } = await openSession(h, { title: "Notities", template: "article", language });
      const notes = await notesOf(created);
      for (const template of ["check1-approach", "check1-subsidy", "nine-challenges", "check3-role", "check3-manager-share"]) {
        expect(notes[template], `${template} in ${language}`).toBe(TEMPLATE_NOTES[template]?.[language]);
      }
      // Phones and screens get the session's state without any of it.
      const phone = await joinAsParticipant(h, created);
      const screen = await joinAsScreen(h, created);
      for (const state of [phone.state, screen.state]) {
        expect(state.questions).toBeUndefined();
        const text = JSON.stringify(state);
        for (const note of Object.values(TEMPLATE_NOTES)) expect(text).not.toContain(note[language].slice(0, 40));
      }
    }
  });

  it("can be written with a new question, rewritten while it has ballots, and emptied, without a word to the phones", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Eigen notities" });
    const own = await addQuestion(host.socket, { kind: "single", prompt: "Koffie?", options: ["Ja", "Nee"], notes: "  Vraag wie nee zei.  " });
    expect((await notesOf(created))["Koffie?"]).toBe("Vraag wie nee zei.");
    // An update that names no notes keeps them; one that does, changes them.
    await command(host.socket, "question:update", { questionId: own.question.id, draft: { kind: "single", prompt: "Thee?", options: ["Ja", "Nee"] } });
    expect((await notesOf(created))["Thee?"]).toBe("Vraag wie nee zei.");

    const phone = await joinAsParticipant(h, created);
    expect((await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] })).ok).toBe(true);
    const told = heard(phone.socket);
    const toHost = heard(host.socket, ["session:state"]);
    // The challenges question has ballots (an update would be question_locked); notes change all the same.
    expect(await emitRaw(host.socket, "question:notes", { questionId, notes: "Begin bij Machtsspel." })).toMatchObject({ ok: true });
    expect((await notesOf(created))["nine-challenges"]).toBe("Begin bij Machtsspel.");
    // Emptied on purpose: no notes at all, not the article's back again.
    expect(await emitRaw(host.socket, "question:notes", { questionId, notes: "" })).toMatchObject({ ok: true });
    expect((await notesOf(created))["nine-challenges"]).toBeUndefined();
    await roundTrip(phone.socket);
    expect(told.log).toEqual([]);
    expect(toHost.log.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses notes longer than 2,000 characters, and leaves the old ones", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Te lang" });
    expect(await emitRaw(host.socket, "question:notes", { questionId, notes: "x".repeat(2001) })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect((await notesOf(created))["nine-challenges"]).toBe(TEMPLATE_NOTES["nine-challenges"]?.nl);
  });
});
