/**
 * A bare Next.js page of the same build, for `npm run lighthouse` only: the floor the ballot page is measured
 * against (same server, same root layout with its font and CSS, same flags, no client code of its own).
 * It answers 404 unless the bench starts the server with TAFELRONDE_BARE_PAGE=1, so no one lands on it.
 */
import { notFound } from "next/navigation";

export default function Page() {
  if (process.env.TAFELRONDE_BARE_PAGE !== "1") notFound();
  return (
    <main style={{ padding: "1rem" }}>
      <h1>Tafelronde</h1>
      <p>A bare page: the framework, the root layout and nothing else.</p>
    </main>
  );
}
