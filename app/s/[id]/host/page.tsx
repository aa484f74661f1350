import { ConsolePage } from "./console-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConsolePage sessionId={id} />;
}
