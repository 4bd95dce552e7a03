import type { ReactNode } from 'react';
import { Link } from '../router';
import { useSession } from '../session';
import { RequireSession } from './RequireSession';

interface OwnedPageShellProps {
  /** The list it belongs to: where "← {backLabel}" leads. */
  backTo: string;
  backLabel: string;
  /** The page's heading while nobody is signed in (once signed in, the content has its own). */
  title: string;
  /** What signing in is for: "see this job". */
  purpose: string;
  children: ReactNode;
}

/** The frame of a page about one thing of the wallet's (a job, a node): the way back, then sign-in. */
export function OwnedPageShell({
  backTo,
  backLabel,
  title,
  purpose,
  children,
}: OwnedPageShellProps) {
  const { status } = useSession();
  return (
    <>
      <p className="back-link">
        <Link to={backTo}>← {backLabel}</Link>
      </p>
      {status !== 'signed-in' && (
        <header className="page-head">
          <h1>{title}</h1>
        </header>
      )}
      <RequireSession purpose={purpose}>{children}</RequireSession>
    </>
  );
}
