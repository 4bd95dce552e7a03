import type { ReactNode } from 'react';
import { Alert } from './Alert';

interface LoadErrorProps {
  /** What could not be loaded, as a title ("Your jobs could not be loaded"). */
  title: string;
  message: string;
  onRetry: () => void;
  /** More to say or another way out, between the message and Try again. */
  children?: ReactNode;
}

/** A load that failed: what, why, and Try again. */
export function LoadError({ title, message, onRetry, children }: LoadErrorProps) {
  return (
    <Alert title={title}>
      <p>{message}</p>
      {children}
      <button type="button" className="button button--small" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}
