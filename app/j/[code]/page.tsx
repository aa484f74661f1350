import { ParticipantPage } from "./participant-page";

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ParticipantPage code={code} />;
}
