/** The participant's phone at /j/CODE: the ballot of the active question, its receipt and the results when shown. */
import { headers } from "next/headers";
import { FIRST_VIEW_HEADER, parseFirstView } from "./first-view";
import { ParticipantPage } from "./participant-page";
import "./phone.css";

/*
 * The app's font (Atkinson Hyperlegible Next, latin) asked for with the page, not only once the CSS has been
 * read: otherwise the question is first drawn in the fallback font and then re-wrapped in the web font, which
 * moved the ballot (Lighthouse: cumulative layout shift 0.064). The same file as the CSS's, so it loads once.
 */
const FONT = new URL("../../../node_modules/@fontsource-variable/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-wght-normal.woff2", import.meta.url);

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const first = parseFirstView((await headers()).get(FIRST_VIEW_HEADER));
  return (
    <>
      <link rel="preload" href={FONT.href} as="font" type="font/woff2" crossOrigin="anonymous" />
      <ParticipantPage code={code} first={first} />
    </>
  );
}
