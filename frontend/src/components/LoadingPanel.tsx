/** A whole page's panel while its first load is under way: "Loading the job…". */
export function LoadingPanel({ what }: { what: string }) {
  return (
    <section className="panel" aria-busy="true">
      <p role="status">Loading {what}…</p>
    </section>
  );
}
