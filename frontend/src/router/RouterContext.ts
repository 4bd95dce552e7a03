import { createContext, useContext } from 'react';

export interface RouterState {
  path: string;
  navigate(to: string): void;
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
