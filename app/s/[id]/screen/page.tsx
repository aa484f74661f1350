import { ScreenPage } from "./screen-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScreenPage sessionId={id} />;
}
