import { ReportPage } from "./report-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportPage sessionId={id} />;
}
