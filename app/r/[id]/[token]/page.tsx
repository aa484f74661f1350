import { ResultsPage } from "./results-page";

export default async function Page({ params }: { params: Promise<{ id: string; token: string }> }) {
  const { id, token } = await params;
  return <ResultsPage sessionId={id} token={token} />;
}
