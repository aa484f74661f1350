/** The console's groups: grouping questions and questions for some groups in the editor and the list, the sector question in one click, withheld numbers. */
import { expect, test } from "@playwright/test";
import { createSession, facilitator, phone } from "./groups-helpers";
import { local } from "./pages";

test("the editor makes a grouping question and a question for one of its groups; the list shows both; a refusal reads in the facilitator's words", async ({ page, request }) => {
  const session = await createSession(request, { title: "Eigen groepen", template: "empty" });
  await page.goto(local(session.links.host));
  const editor = page.getByTestId("question-editor");
  await editor.getByLabel("Vraagtekst").fill("Welke dag past je het best?");
  await editor.getByLabel("Optie 1", { exact: true }).fill("Maandag");
  await editor.getByLabel("Optie 2", { exact: true }).fill("Dinsdag");
  // The groups are folded away until asked for.
  await expect(editor.getByLabel("Groepsvraag: de antwoorden delen de zaal in groepen")).toBeHidden();
  await editor.getByText("Groepen: groepsvraag en voor wie").click();
  await editor.getByLabel("Groepsvraag: de antwoorden delen de zaal in groepen").check();
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  const rows = page.getByTestId("question-item");
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByTestId("question-grouping")).toHaveText("Groepsvraag");
  // Results can now be split by it.
  await expect(page.getByLabel("Resultaten uitsplitsen per groep").locator("option")).toHaveText(["Niet uitsplitsen", "Volgens vraag 1: Welke dag past je het best?"]);

  await page.getByTestId("add-question").click();
  await editor.getByLabel("Soort vraag").selectOption({ label: "Open vraag" });
  await editor.getByLabel("Vraagtekst").fill("Wat neem je mee?");
  await editor.getByText("Groepen: groepsvraag en voor wie").click();
  await editor.getByLabel("Voor wie is deze vraag?").selectOption({ label: "Volgens vraag 1: Welke dag past je het best?" });
  const groups = editor.getByRole("group", { name: "Alleen voor wie antwoordde:" });
  await expect(groups.getByRole("checkbox")).toHaveCount(2);
  // Nobody ticked: the editor says what is missing before anything is sent.
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(editor.getByTestId("editor-hints")).toHaveText("Vink minstens één groep aan, of stel de vraag aan iedereen.");
  await groups.getByRole("checkbox", { name: "Dinsdag" }).check();
  await editor.getByRole("button", { name: "Vraag opslaan" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId("question-audience")).toHaveText("Alleen voor: Dinsdag");
  await expect(rows.nth(1).getByTestId("question-respondents")).toHaveText("0 respondenten");
  await expect(rows.nth(0).getByTestId("question-audience")).toHaveCount(0);
  await expect(rows.nth(1).getByTestId("question-grouping")).toHaveCount(0);

  // The grouping question cannot stop sorting the room while another question rests on it: the server says no.
  await page.getByRole("button", { name: "Bewerken: vraag 1" }).click();
  await expect(editor.getByLabel("Groepsvraag: de antwoorden delen de zaal in groepen")).toBeChecked();
  await editor.getByLabel("Groepsvraag: de antwoorden delen de zaal in groepen").uncheck();
  await editor.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(editor.getByTestId("editor-error")).toHaveText(
    "Niet gelukt: andere vragen worden alleen aan groepen van deze vraag gesteld, of de resultaten worden erdoor uitgesplitst. Pas die eerst aan.",
  );
  await editor.getByRole("button", { name: "Annuleren" }).click();

  // The question for one group opens with its audience, and can be asked of everyone again.
  await page.getByRole("button", { name: "Bewerken: vraag 2" }).click();
  await expect(editor.getByLabel("Voor wie is deze vraag?")).toHaveValue(/.+/);
  await expect(editor.getByRole("checkbox", { name: "Dinsdag" })).toBeChecked();
  await expect(editor.getByRole("checkbox", { name: "Maandag" })).not.toBeChecked();
  await editor.getByLabel("Voor wie is deze vraag?").selectOption({ label: "Iedereen" });
  await editor.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(editor).toHaveCount(0);
  await expect(rows.nth(1).getByTestId("question-audience")).toHaveCount(0);
});

test("one click adds the sector question in the session's language, as a grouping question that can be edited", async ({ page, request }) => {
  for (const [language, prompt, options, button, added, badge] of [
    ["nl", "Vanuit welke sector kom je?", ["Welzijn", "Zorg", "Lokaal bestuur", "Andere"], "Sectorvraag toevoegen", "De sectorvraag staat klaar als vraag 11.", "Groepsvraag"],
    ["en", "Which sector do you come from?", ["Welfare", "Care", "Local government", "Other"], "Add the sector question", "The sector question is ready as question 11.", "Grouping question"],
  ] as const) {
    const session = await createSession(request, { title: `Sector ${language}`, template: "article", language });
    await page.goto(local(session.links.host));
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByTestId("list-message")).toHaveText(added);
    const row = page.getByTestId("question-item").nth(10);
    await expect(row.getByTestId("question-prompt")).toHaveText(prompt);
    await expect(row.getByTestId("question-grouping")).toHaveText(badge);
    // Once per session: the button is gone.
    await expect(page.getByRole("button", { name: button })).toHaveCount(0);
    if (language === "nl") {
      // A question of the facilitator's own: its answers can be changed like any other's.
      await row.getByRole("button", { name: "Bewerken: vraag 11" }).click();
      const editor = page.getByTestId("question-editor");
      for (const [i, option] of options.entries()) await expect(editor.getByLabel(`Optie ${i + 1}`, { exact: true })).toHaveValue(option);
      await expect(editor.getByLabel("Groepsvraag: de antwoorden delen de zaal in groepen")).toBeChecked();
      await editor.getByLabel("Optie 4", { exact: true }).fill("Andere sector");
      await editor.getByRole("button", { name: "Wijzigingen opslaan" }).click();
      await expect(editor).toHaveCount(0);
      await expect(page.getByLabel("Resultaten uitsplitsen per groep").locator("option")).toHaveText([
        "Niet uitsplitsen",
        "Volgens vraag 4: Welke rol speel je zelf in het netwerk?",
        "Volgens vraag 11: Vanuit welke sector kom je?",
      ]);
    }
  }
});

test("a question for the network managers keeps its numbers off the console and the screen until five have answered, and says why", async ({ browser, request, baseURL }) => {
  const session = await createSession(request, { title: "Netwerkmanagers", template: "article" });
  const host = await facilitator(baseURL ?? "", session);
  const managers = await Promise.all([0, 1, 2, 3, 4].map((i) => phone(baseURL ?? "", session, `manager-${i}-${session.code}`)));
  await host.activate(host.byTemplate("check3-role"));
  await Promise.all(managers.map((m) => m.vote(host.byTemplate("check3-role"), { optionIds: ["network-manager"] })));
  const mandate = host.byTemplate("check3-manager-mandate");
  await host.activate(mandate);
  await Promise.all(managers.slice(0, 3).map((m) => m.vote(mandate, { value: 4 })));

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const console_ = await context.newPage();
  await console_.goto(local(session.links.host));
  const screen = await context.newPage();
  await screen.goto(local(session.links.screen));

  await expect(console_.getByTestId("active-audience")).toHaveText("Alleen voor: Netwerkmanager · 3 respondenten");
  const row = console_.locator('[data-testid="question-item"][aria-current="step"]');
  await expect(row.getByTestId("question-audience")).toHaveText("Alleen voor: Netwerkmanager");
  await expect(row.getByTestId("question-respondents")).toHaveText("3 respondenten");
  // Who is asked, in the list: the participants' three and the managers' three.
  await expect(console_.getByTestId("question-audience")).toHaveText([...Array<string>(3).fill("Alleen voor: Deelnemer"), ...Array<string>(3).fill("Alleen voor: Netwerkmanager")]);
  const reason = "3 van de minstens 5 antwoorden die nodig zijn. Zo blijft het antwoord van wie in een kleine groep zit anoniem.";
  for (const page of [console_, screen]) {
    const withheld = page.getByTestId("withheld-results");
    await expect(withheld.locator("p").nth(0)).toHaveText("Te weinig antwoorden om te tonen");
    await expect(withheld.locator("p").nth(1)).toHaveText(reason);
  }
  await expect(console_.getByTestId("scale-results")).toHaveCount(0);
  await expect(screen.getByTestId("results-chart")).toHaveCount(0);
  await expect(screen.getByTestId("screen-audience")).toHaveText("Alleen voor: Netwerkmanager");

  // Two more: the numbers are shown, on both.
  await Promise.all(managers.slice(3).map((m) => m.vote(mandate, { value: 2 })));
  await expect(console_.getByTestId("withheld-results")).toHaveCount(0);
  await expect(console_.getByTestId("count-4")).toHaveText("3");
  await expect(console_.getByTestId("count-2")).toHaveText("2");
  await expect(screen.getByTestId("withheld-results")).toHaveCount(0);
  await expect(screen.getByTestId("respondents")).toHaveText("n = 5");
  await expect(screen.getByTestId("mean")).toContainText("3,2");
  host.close();
  for (const m of managers) m.close();
  await context.close();
});
