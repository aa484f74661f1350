import { ComparePage } from "./compare-page";

export default function Page() {
  return <ComparePage />;
}
