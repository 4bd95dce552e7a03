import type { ReactNode } from 'react';

interface AlertProps {
  kind?: 'error' | 'info';
  title: string;
  children?: ReactNode;
}

/** An inline message inside a page section. Errors use role="alert" so they are announced. */
export function Alert({ kind = 'error', title, children }: AlertProps) {
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p className="alert__title">{title}</p>
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
