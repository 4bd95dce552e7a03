import type { ReactNode } from 'react';
import { Alert } from './Alert';

interface MissingNoticeProps {
  /** The page's heading: "Job not found". */
  heading: string;
  /** What is missing, and why it may be. */
  title: string;
  /** Where to look instead. */
  children: ReactNode;
}

/** A page whose subject is not there (an unknown id, someone else's, gone). */
export function MissingNotice({ heading, title, children }: MissingNoticeProps) {
  return (
    <>
      <header className="page-head">
        <h1>{heading}</h1>
      </header>
      <Alert title={title}>{children}</Alert>
    </>
  );
}
