import { WalletMultiButton } from '@solana/wallet-adapter-react-ui';
import { useEffect, useRef } from 'react';
import { SessionBadge } from './components/SessionBadge';
import { NotificationProvider } from './notifications';
import { AddNodePage } from './pages/AddNodePage';
import { HomePage } from './pages/HomePage';
import { MyNodesPage } from './pages/MyNodesPage';
import { NodePage } from './pages/NodePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { Link, Router, useRouter } from './router';
import { SessionProvider } from './session';
import { WalletContextProvider } from './wallet';

const PAGES: Record<string, () => React.JSX.Element> = {
  '/': HomePage,
  '/hosts/add': AddNodePage,
  '/hosts/nodes': MyNodesPage,
};

const NODE_PATH = /^\/hosts\/nodes\/([^/]+)$/;

/** The page for a path: a fixed page, a node's page, or "not found". */
function renderPage(path: string) {
  const Page = PAGES[path];
  if (Page) return <Page />;
  const node = NODE_PATH.exec(path);
  const id = node ? safeDecode(node[1]) : null;
  if (id) return <NodePage key={id} id={id} />;
  return <NotFoundPage />;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function App() {
  return (
    <NotificationProvider>
      <WalletContextProvider>
        <SessionProvider>
          <Router>
            <AppShell />
          </Router>
        </SessionProvider>
      </WalletContextProvider>
    </NotificationProvider>
  );
}

/** Header, navigation and the current page; needs the providers that App sets up. */
export function AppShell() {
  const { path } = useRouter();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);

  // After client-side navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (path !== firstPath.current) {
      firstPath.current = '';
      mainRef.current?.focus();
    }
  }, [path]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>
            Rigshare
          </Link>
          <nav aria-label="Main" className="nav">
            <Link to="/" markCurrent>
              Home
            </Link>
            <Link to="/hosts/nodes" markCurrent>
              My nodes
            </Link>
            <Link to="/hosts/add" markCurrent>
              Add a node
            </Link>
          </nav>
          <div className="site-header__account">
            <SessionBadge />
            <WalletMultiButton />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {renderPage(path)}
      </main>
      <footer className="site-footer">
        <p>Rigshare · an open GPU compute marketplace paid in an SPL token on Solana</p>
      </footer>
    </>
  );
}
