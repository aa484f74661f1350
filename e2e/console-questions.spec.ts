import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedSession, ServerToClientEvents, SessionState } from "../lib/protocol";
import { newPhone } from "./pages";

type ParticipantSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Path and fragment of a link the API made absolute with the LAN address. */
const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.hash;
};

/** A participant without a browser: a socket with its own participant id, and the first state it gets. */
async function participant(baseURL: string, code: string, name: string): Promise<{ socket: ParticipantSocket; state: SessionState }> {
  const socket: ParticipantSocket = io(baseURL, {
    auth: { code, participantId: `${name}-${Math.random().toString(36).slice(2, 12)}` },
    transports: ["websocket"],
    forceNew: true,
  });
  const state = await new Promise<SessionState>((resolve) => socket.once("session:state", resolve));
  return { socket, state };
}

const items = (page: Page) => page.getByTestId("question-item");
const prompts = (page: Page) => page.getByTestId("question-prompt");

test("a facilitator builds a session from nothing: adds, reorders, edits, activates and moderates; the phone follows", async ({ page, browser, request, baseURL }) => {
  const res = await request.post("/api/sessions", { data: { title: "Vragen bouwen", template: "empty" } });
  const session = (await res.json()) as CreatedSession;
  await page.goto(local(session.links.host));

  // No questions yet: a hint and the editor instead of a chart.
  await expect(page.getByTestId("empty-session-hint")).toBeVisible();
  await expect(page.getByTestId("results-chart")).toHaveCount(0);
  let editor = page.getByTestId("question-editor");
  await editor.getByLabel("Soort vraag").selectOption("single");
  await editor.getByLabel("Vraagtekst").fill("Welke dag past het best?");
  await editor.getByLabel("Optie 1", { exact: true }).fill("Maandag");
  // The client points out what is missing before anything is sent.
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(editor.getByTestId("editor-hints")).toHaveText("Geef minstens twee opties.");
  await editor.getByLabel("Optie 2", { exact: true }).fill("Dinsdag");
  await editor.getByRole("button", { name: "Optie toevoegen" }).click();
  await editor.getByLabel("Optie 3", { exact: true }).fill("Woensdag");
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();

  // The first question becomes the active one at once.
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).nth(0)).toHaveAttribute("aria-current", "step");
  await expect(page.getByTestId("count-o3")).toHaveText("0");

  const phone = await newPhone(browser);
  await phone.page.goto(new URL(session.links.join).pathname);
  await expect(phone.page.getByText("Welke dag past het best?")).toBeVisible();

  // A scale question, added after it and not active.
  await page.getByTestId("add-question").click();
  editor = page.getByTestId("question-editor");
  await editor.getByLabel("Soort vraag").selectOption("scale");
  await editor.getByLabel("Vraagtekst").fill("Hoe tevreden ben je vandaag?");
  await expect(editor.getByLabel("Laagste waarde", { exact: true })).toHaveValue("1");
  await expect(editor.getByLabel("Hoogste waarde", { exact: true })).toHaveValue("5");
  await editor.getByLabel("Uitleg bij de laagste waarde").fill("Helemaal niet");
  await editor.getByLabel("Uitleg bij de hoogste waarde").fill("Heel erg");
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(page.getByTestId("question-editor")).toHaveCount(0);
  await expect(prompts(page)).toHaveText(["Welke dag past het best?", "Hoe tevreden ben je vandaag?"]);
  await expect(items(page).nth(1).getByTestId("question-kind")).toHaveAttribute("data-kind", "scale");
  await expect(items(page).nth(1)).not.toHaveAttribute("aria-current");

  // Reorder: the scale goes first; the active question stays active where it went.
  await page.getByRole("button", { name: "Omhoog: vraag 2" }).click();
  await expect(prompts(page)).toHaveText(["Hoe tevreden ben je vandaag?", "Welke dag past het best?"]);
  await expect(items(page).nth(1)).toHaveAttribute("aria-current", "step");

  // Activate the first, then the second again: the phone follows each time.
  await page.getByRole("button", { name: "Activeren: vraag 1" }).click();
  await expect(items(page).nth(0)).toHaveAttribute("aria-current", "step");
  await expect(page.getByTestId("scale-results")).toBeVisible();
  await expect(phone.page.getByText("Hoe tevreden ben je vandaag?")).toBeVisible();
  await page.getByRole("button", { name: "Activeren: vraag 2" }).click();
  await expect(items(page).nth(1)).toHaveAttribute("aria-current", "step");
  await expect(phone.page.getByText("Welke dag past het best?")).toBeVisible();

  // Shortcuts: p goes back a question, n forward.
  await page.keyboard.press("p");
  await expect(items(page).nth(0)).toHaveAttribute("aria-current", "step");
  await expect(phone.page.getByText("Hoe tevreden ben je vandaag?")).toBeVisible();
  await page.keyboard.press("n");
  await expect(items(page).nth(1)).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toContainText("Volgende vraag");
  await page.keyboard.press("Escape");

  // Edit the question that is not active: the editor comes filled in.
  await page.getByRole("button", { name: "Bewerken: vraag 1" }).click();
  editor = page.getByTestId("question-editor");
  await expect(editor.getByLabel("Vraagtekst")).toHaveValue("Hoe tevreden ben je vandaag?");
  await expect(editor.getByLabel("Uitleg bij de hoogste waarde")).toHaveValue("Heel erg");
  await editor.getByLabel("Vraagtekst").fill("Hoe tevreden ben je over vandaag?");
  await editor.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(prompts(page).nth(0)).toHaveText("Hoe tevreden ben je over vandaag?");

  // An open question: its answers can be hidden and put back.
  await page.getByTestId("add-question").click();
  editor = page.getByTestId("question-editor");
  await editor.getByLabel("Soort vraag").selectOption("open");
  await editor.getByLabel("Vraagtekst").fill("Wat neem je mee?");
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await page.getByRole("button", { name: "Activeren: vraag 3" }).click();
  await expect(phone.page.getByText("Wat neem je mee?")).toBeVisible();
  await expect(page.getByTestId("moderation")).toContainText("Nog geen antwoorden.");
  const voter = await participant(baseURL ?? "", session.code, "open");
  const questionId = voter.state.question?.id ?? "";
  expect((await voter.socket.emitWithAck("vote:cast", { questionId, text: "Meer koffie" })).ok).toBe(true);
  const answer = page.getByTestId("open-answer");
  await expect(answer).toHaveText(/Meer koffie/);
  await answer.getByRole("button", { name: "Verbergen: Meer koffie" }).click();
  await expect(answer).toHaveAttribute("data-hidden", "true");
  await expect(answer).toContainText("verborgen");
  await answer.getByRole("button", { name: "Terugzetten: Meer koffie" }).click();
  await expect(answer).toHaveAttribute("data-hidden", "false");
  await expect(items(page).nth(2).getByTestId("question-respondents")).toHaveText("1 respondent");
  // A question with answers can no longer be edited.
  await expect(page.getByRole("button", { name: "Bewerken: vraag 3" })).toHaveCount(0);

  // Remove it, after confirming; the room moves to the question before it.
  await page.getByRole("button", { name: "Weghalen: vraag 3" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Annuleren" }).click();
  await expect(items(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Weghalen: vraag 3" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Vraag weghalen" }).click();
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).nth(1)).toHaveAttribute("aria-current", "step");
  await expect(phone.page.getByText("Welke dag past het best?")).toBeVisible();

  voter.socket.disconnect();
  await phone.context.close();
});

test("three phones vote on the nine challenges; the follow-up ranks the top 3 (and the ties at the boundary) right after it; the XLSX has a sheet per question", async ({ page, request, baseURL }) => {
  const res = await request.post("/api/sessions", { data: { title: "Vervolgvraag", template: "challenges" } });
  const session = (await res.json()) as CreatedSession;
  await page.goto(local(session.links.host));
  await expect(page.getByTestId("join-code")).toHaveText(session.code);
  // The built-in question keeps its wording in every language: it has no edit button, even before a vote.
  await expect(page.getByRole("button", { name: "Weghalen: vraag 1" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Bewerken: vraag 1" })).toHaveCount(0);

  // Nobody has chosen anything yet: the console says why there can be no ranking, before and after a click.
  const preview = page.getByTestId("followup-preview");
  const tooFew = "Nog geen vervolgvraag mogelijk: niemand koos al een vraagstuk, en een rangschikking heeft er minstens twee nodig.";
  await expect(preview).toHaveText(tooFew);
  await page.getByRole("button", { name: "Rangschikking maken van de top 3" }).click();
  await expect(page.getByTestId("followup-error")).toHaveText(tooFew);
  await expect(items(page)).toHaveCount(1);

  const ballots = [
    ["power-play", "different-hats", "enemy-image"],
    ["power-play", "different-hats"],
    ["power-play", "staff-instability"],
  ];
  const phones = await Promise.all(ballots.map((_, i) => participant(baseURL ?? "", session.code, `phone${i}`)));
  for (const [i, phone] of phones.entries()) {
    const ack = await phone.socket.emitWithAck("vote:cast", { questionId: phone.state.question?.id ?? "", optionIds: ballots[i] });
    expect(ack.ok).toBe(true);
  }
  await expect(page.getByTestId("respondents-count")).toHaveText("3");
  await expect(page.getByTestId("count-power-play")).toHaveText("3");

  // The preview follows the votes and names the tie at the boundary before the click.
  const tie = "Personele instabiliteit en Vijandbeeld staan gelijk (elk 1 keer gekozen) en geen van hen valt af: 4 vraagstukken in plaats van 3.";
  await expect(page.getByTestId("followup-top")).toHaveValue("3");
  await expect(preview).toHaveText(`De rangschikking krijgt nu: Machtsspel, Verschillende petten, Personele instabiliteit en Vijandbeeld.${tie}`);
  await page.getByTestId("followup-top").selectOption("5");
  await expect(preview).toContainText("Maar 4 vraagstukken werden gekozen: de rangschikking krijgt er 4, niet 5.");
  await page.getByTestId("followup-top").selectOption("3");
  await page.getByRole("button", { name: "Rangschikking maken van de top 3" }).click();
  await expect(page.getByTestId("console-message")).toHaveText(`Vervolgvraag 2 staat klaar en is actief: een rangschikking van 4 vraagstukken. ${tie}`);

  // The ranking sits right after the nine-challenges question and is active; the earlier one keeps its votes.
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).nth(1)).toHaveAttribute("aria-current", "step");
  await expect(items(page).nth(1).getByTestId("question-kind")).toHaveAttribute("data-kind", "ranking");
  await expect(items(page).nth(0)).not.toHaveAttribute("aria-current");
  await expect(items(page).nth(0).getByTestId("question-respondents")).toHaveText("3 respondenten");
  // Both challenges tied at the boundary (1 vote each) come along: the top 3 is four challenges here.
  const rows = page.getByTestId("ranking-results").locator("tbody tr");
  await expect(rows).toHaveCount(4);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-option-id")))).sort()).toEqual(
    ["different-hats", "enemy-image", "power-play", "staff-instability"],
  );
  await expect(page.getByTestId("respondents-count")).toHaveText("0");

  // A ranking vote counts in Borda points.
  const ranking = phones[0]!;
  const rankingId = await page.getByTestId("question-item").nth(1).getAttribute("data-question-id");
  expect((await ranking.socket.emitWithAck("vote:cast", { questionId: rankingId ?? "", optionIds: ["staff-instability", "power-play", "different-hats"] })).ok).toBe(true);
  // Four can be ranked: the first gets 4 points, the third 2.
  await expect(page.getByTestId("score-staff-instability")).toHaveText("4");
  await expect(page.getByTestId("score-different-hats")).toHaveText("2");

  // Going back to the first question shows its results again.
  await page.getByRole("button", { name: "Activeren: vraag 1" }).click();
  await expect(page.getByTestId("count-power-play")).toHaveText("3");
  await expect(page.getByTestId("respondents-count")).toHaveText("3");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets).toHaveLength(3);

  await expect(page.getByTestId("report-link")).toHaveAttribute("href", `/s/${session.id}/report`);
  for (const p of phones) p.socket.disconnect();
});
