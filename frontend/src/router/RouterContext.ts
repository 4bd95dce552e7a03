import { createContext, useContext } from 'react';

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (filters typed into a page). */
  replace?: boolean;
}

export interface RouterState {
  path: string;
  /** The query string of the current address, with its leading "?" ("" when none). */
  search: string;
  navigate(to: string, options?: NavigateOptions): void;
}

export const RouterContext = createContext<RouterState | null>(null);

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter must be used inside <Router>');
  return router;
}

/** "/hosts/add/" and "/hosts/add" are the same page. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}
