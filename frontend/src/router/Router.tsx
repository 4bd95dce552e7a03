import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { RouterContext, normalizePath, type RouterState } from './RouterContext';

/**
 * A tiny History-API router: the app has two pages, and the server answers every unknown path
 * with index.html, so deep links work without a routing library.
 */
export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(() => normalizePath(window.location.pathname));

  useEffect(() => {
    const onPopState = () => setPath(normalizePath(window.location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string) => {
    if (to !== window.location.pathname) window.history.pushState(null, '', to);
    setPath(normalizePath(new URL(to, window.location.origin).pathname));
    window.scrollTo?.(0, 0);
  }, []);

  const state = useMemo<RouterState>(() => ({ path, navigate }), [path, navigate]);
  return <RouterContext.Provider value={state}>{children}</RouterContext.Provider>;
}
