/** The phone's first view: the server hands the join page its session and question, and nobody else can. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_VIEW_HEADER, type FirstView } from "../../lib/protocol";
import { DEFAULT_FLOOD_LIMITS } from "../flood-guard";
import { startHarness, type Harness } from "../testing/harness";
import { command, joinAsParticipant, openSession } from "../testing/helpers";

/** A server whose pages are a stand-in that answers with the header the server gave them; 3 failed joins a minute. */
const withEchoPages = () =>
  startHarness({
    config: { limits: { ...DEFAULT_FLOOD_LIMITS, failedJoinsPerMinute: 3 } },
    pages: (req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end(String(req.headers[FIRST_VIEW_HEADER] ?? "")),
  });

let h: Harness;
beforeAll(async () => {
  h = await withEchoPages();
});
afterAll(async () => {
  await h.close();
});

/** What the page got for a request, decoded. */
async function firstView(path: string, headers: Record<string, string> = {}, server: Harness = h): Promise<FirstView | undefined> {
  const text = await (await fetch(`${server.url}${path}`, { headers })).text();
  return text ? (JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as FirstView) : undefined;
}

describe("GET /j/{code}", () => {
  it("hands the page the session and the active question, and its results only while they are shown", async () => {
    const { created, host, questionId } = await openSession(h, { title: "Eerste beeld" });
    const first = await firstView(`/j/${created.code.toLowerCase()}`);
    expect(first?.session).toEqual({ id: created.id, title: "Eerste beeld", code: created.code, language: "nl" });
    expect(first?.question?.id).toBe(questionId);
    expect(first?.question?.prompt).toMatch(/samenwerkingsvraagstukken/);
    expect(first?.results).toBeUndefined();

    const phone = await joinAsParticipant(h, created);
    await phone.socket.emitWithAck("vote:cast", { questionId, optionIds: ["power-play"] });
    await command(host.socket, "results:show", { questionId });
    expect((await firstView(`/j/${created.code}`))?.results).toMatchObject({ respondents: 1, counts: expect.objectContaining({ "power-play": 1 }) });
  });

  it("drops the header a client sends, on the join page and on every other page", async () => {
    const forged = Buffer.from(JSON.stringify({ session: { id: "x", title: "Vals", code: "AAAAAA", language: "nl" } })).toString("base64url");
    expect(await firstView("/", { [FIRST_VIEW_HEADER]: forged })).toBeUndefined();
    expect(await firstView("/j/ZZZZZZ", { [FIRST_VIEW_HEADER]: forged })).toBeUndefined();
  });

  // Without counting, the page would tell valid codes from unknown ones for free: a way around the join limit.
  it("counts an unknown code as a failed join of the address, and then serves no first view at all", async () => {
    const own = await withEchoPages();
    try {
      const { created } = await openSession(own, { title: "Geteld" });
      for (const code of ["BBBBBB", "CCCCCC"]) expect(await firstView(`/j/${code}`, {}, own)).toBeUndefined();
      expect(await firstView(`/j/${created.code}`, {}, own)).toBeDefined();
      expect(await firstView("/j/DDDDDD", {}, own)).toBeUndefined();
      // Three failed joins in a minute: even a right code gets nothing now (the socket would be refused too).
      expect(await firstView(`/j/${created.code}`, {}, own)).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});
