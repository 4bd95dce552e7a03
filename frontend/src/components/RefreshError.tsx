interface RefreshErrorProps {
  /** Why the last refresh failed; null when it did not. */
  error: string | null;
  /** What was not refreshed: "the list", "this page". */
  what: string;
  /** How often it is tried again, when the reader should know. */
  retrySeconds?: number;
}

/** Says that a refresh failed and that what is shown is what was loaded last. */
export function RefreshError({ error, what, retrySeconds }: RefreshErrorProps) {
  if (!error) return null;
  const retrying = retrySeconds ? `; retrying every ${retrySeconds} s` : '';
  return (
    <p className="alert alert--info" role="status">
      Could not refresh {what} ({error}) Showing what was loaded last{retrying}.
    </p>
  );
}
