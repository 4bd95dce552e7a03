import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  RouterContext,
  normalizePath,
  type NavigateOptions,
  type RouterState,
} from './RouterContext';

interface Location {
  path: string;
  search: string;
}

const current = (): Location => ({
  path: normalizePath(window.location.pathname),
  search: window.location.search,
});

/**
 * A tiny History-API router: the server answers every unknown path with index.html, so deep links
 * work without a routing library. Pages read their query string from `search` (deep-linkable
 * filters) and write it with `navigate(..., { replace: true })`.
 */
export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);

  useEffect(() => {
    const onPopState = () => setLocation(current());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, { replace = false }: NavigateOptions = {}) => {
    const url = new URL(to, window.location.origin);
    const samePath = normalizePath(url.pathname) === normalizePath(window.location.pathname);
    if (`${url.pathname}${url.search}` !== `${window.location.pathname}${window.location.search}`) {
      if (replace) window.history.replaceState(null, '', to);
      else window.history.pushState(null, '', to);
    }
    setLocation({ path: normalizePath(url.pathname), search: url.search });
    // A new query on the same page (a filter, a page of results) keeps the scroll position.
    if (!samePath) window.scrollTo?.(0, 0);
  }, []);

  const state = useMemo<RouterState>(
    () => ({ path: location.path, search: location.search, navigate }),
    [location, navigate],
  );
  return <RouterContext.Provider value={state}>{children}</RouterContext.Provider>;
}
