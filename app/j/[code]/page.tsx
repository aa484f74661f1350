/** The participant's phone at /j/CODE: the ballot of the active question, its receipt and the results when shown. */
import { ParticipantPage } from "./participant-page";
import "./phone.css";

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ParticipantPage code={code} />;
}
