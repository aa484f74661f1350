/** Questions for one group on a 320 px phone: each role answers its own self-assessments and is told to skip the others. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createSession, facilitator, local, openPhone, sidewaysProblems } from "./phone-room";

test("a participant and a network manager each get only their own role's self-assessments, on a 320 px phone", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Rollen aan tafel", "article");
  const host = await facilitator(baseURL ?? "", session);
  const id = (template: string) => host.questions.find((q) => q.template === template)?.id ?? "";
  await host.activate(id("check3-role"));

  const phones: Record<"participant" | "network-manager", Page> = {
    participant: (await openPhone(browser, local(session.links.join), { width: 320, height: 640 })).page,
    "network-manager": (await openPhone(browser, local(session.links.join), { width: 320, height: 640 })).page,
  };
  for (const [role, page] of Object.entries(phones)) {
    await page.getByTestId(`option-${role}`).check();
    await page.getByRole("button", { name: /Antwoord versturen/ }).click();
    await expect(page.getByTestId("receipt")).toBeVisible();
  }

  const own = { participant: "check3-participant-deliver", "network-manager": "check3-manager-mandate" } as const;
  for (const [role, template] of Object.entries(own) as [keyof typeof own, string][]) {
    await host.activate(id(template));
    const other = role === "participant" ? phones["network-manager"] : phones.participant;
    // The one asked gets the scale; the other is told plainly that there is nothing to do, without a ballot.
    await expect(phones[role].getByRole("radio", { name: "4" })).toBeVisible();
    await expect(other.getByTestId("not-asked")).toContainText("Deze vraag is niet voor jou");
    await expect(other.getByRole("radio")).toHaveCount(0);
    expect(await sidewaysProblems(other, `not asked (${role}'s question)`)).toEqual([]);
    await phones[role].getByRole("radio", { name: "4" }).check();
    await phones[role].getByRole("button", { name: /Antwoord versturen/ }).click();
    await expect(phones[role].getByTestId("receipt")).toBeVisible();
  }
  // The facilitator sees one answer to each, and each stays withheld below the threshold.
  expect(host.results()).toMatchObject({ respondents: 1, withheld: "too_few" });
  host.close();
});

test("the 'not for you' state passes axe in nl, en and fr", async ({ browser, baseURL }) => {
  const session = await createSession(baseURL ?? "", "Niet voor jou", "article");
  const host = await facilitator(baseURL ?? "", session);
  const id = (template: string) => host.questions.find((q) => q.template === template)?.id ?? "";
  await host.activate(id("check3-role"));
  const { page } = await openPhone(browser, local(session.links.join), { width: 320, height: 640 });
  await page.getByTestId("option-participant").check();
  await page.getByRole("button", { name: /Antwoord versturen/ }).click();
  await expect(page.getByTestId("receipt")).toBeVisible();
  await host.activate(id("check3-manager-share"));
  const expected = { nl: "Deze vraag is niet voor jou", en: "This question is not for you", fr: "Cette question ne vous est pas destinée" };
  for (const [language, title] of Object.entries(expected)) {
    await page.getByRole("button", { name: new RegExp(`^${language.toUpperCase()}\\b`) }).click();
    await expect(page.getByTestId("not-asked")).toContainText(title);
    const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), language).toEqual([]);
  }
  host.close();
});
