import { TrendPage } from "./trend-page";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TrendPage networkId={id} />;
}
