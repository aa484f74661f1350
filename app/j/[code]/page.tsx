/** The participant's phone at /j/CODE: the ballot of the active question, its receipt and the results when shown. */
import { headers } from "next/headers";
import { FIRST_VIEW_HEADER, parseFirstView } from "./first-view";
import { ParticipantPage } from "./participant-page";
import "./phone.css";

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const first = parseFirstView((await headers()).get(FIRST_VIEW_HEADER));
  return <ParticipantPage code={code} first={first} />;
}
