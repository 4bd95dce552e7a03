import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { normalizePath, useRouter } from './RouterContext';

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  /** Mark the link aria-current="page" when it points at the current page. */
  markCurrent?: boolean;
};

export function Link({ to, markCurrent = false, onClick, children, ...rest }: LinkProps) {
  const { path, navigate } = useRouter();
  const current =
    markCurrent && normalizePath(new URL(to, window.location.origin).pathname) === path;

  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new tabs, downloads and modified clicks.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };

  return (
    <a href={to} onClick={handleClick} aria-current={current ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
