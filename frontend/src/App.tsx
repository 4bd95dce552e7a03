import { WalletMultiButton } from '@solana/wallet-adapter-react-ui';
import { useEffect, useRef } from 'react';
import { TokenProvider } from './chain';
import { SessionBadge } from './components/SessionBadge';
import { NotificationProvider } from './notifications';
import { AddNodePage } from './pages/AddNodePage';
import { BalancePage } from './pages/BalancePage';
import { EarningsPage } from './pages/EarningsPage';
import { HomePage } from './pages/HomePage';
import { JobPage } from './pages/JobPage';
import { MarketPage } from './pages/MarketPage';
import { MyJobsPage } from './pages/MyJobsPage';
import { MyNodesPage } from './pages/MyNodesPage';
import { NodePage } from './pages/NodePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OfferPage } from './pages/OfferPage';
import { OperatorPage } from './pages/OperatorPage';
import { SubmitJobPage } from './pages/SubmitJobPage';
import { Link, Router, useRouter } from './router';
import { SessionProvider, useSession } from './session';
import { WalletContextProvider } from './wallet';

const PAGES: Record<string, () => React.JSX.Element> = {
  '/': HomePage,
  '/hosts/add': AddNodePage,
  '/hosts/nodes': MyNodesPage,
  '/jobs': MyJobsPage,
  '/jobs/new': SubmitJobPage,
  '/market': MarketPage,
  '/balance': BalancePage,
  '/earnings': EarningsPage,
  '/operator': OperatorPage,
};

/** The main navigation, in order; the operator's page is added for operators. */
const NAV_LINKS: readonly (readonly [path: string, label: string])[] = [
  ['/', 'Home'],
  ['/market', 'Market'],
  ['/jobs/new', 'Submit job'],
  ['/jobs', 'My jobs'],
  ['/balance', 'Balance'],
  ['/hosts/nodes', 'My nodes'],
  ['/earnings', 'Earnings'],
  ['/hosts/add', 'Add a node'],
];

const NODE_PATH = /^\/hosts\/nodes\/([^/]+)$/;
const JOB_PATH = /^\/jobs\/([^/]+)$/;
const OFFER_PATH = /^\/market\/([^/]+)$/;

/** The page for a path: a fixed page, a node's or a job's page, or "not found". */
function renderPage(path: string) {
  const Page = PAGES[path];
  if (Page) return <Page />;
  const node = NODE_PATH.exec(path);
  const nodeId = node ? safeDecode(node[1]) : null;
  if (nodeId) return <NodePage key={nodeId} id={nodeId} />;
  const job = JOB_PATH.exec(path);
  const jobId = job ? safeDecode(job[1]) : null;
  if (jobId) return <JobPage key={jobId} id={jobId} />;
  const offer = OFFER_PATH.exec(path);
  const offerId = offer ? safeDecode(offer[1]) : null;
  if (offerId) return <OfferPage key={offerId} id={offerId} />;
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
          <TokenProvider>
            <Router>
              <AppShell />
            </Router>
          </TokenProvider>
        </SessionProvider>
      </WalletContextProvider>
    </NotificationProvider>
  );
}

/** Header, navigation and the current page; needs the providers that App sets up. */
export function AppShell() {
  const { path } = useRouter();
  const { operator } = useSession();
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
            {NAV_LINKS.map(([to, label]) => (
              <Link key={to} to={to} markCurrent>
                {label}
              </Link>
            ))}
            {operator && (
              <Link to="/operator" markCurrent>
                Operator
              </Link>
            )}
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
