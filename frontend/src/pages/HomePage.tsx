import { WalletMultiButton } from '@solana/wallet-adapter-react-ui';
import { SignInButton } from '../components/SignInButton';
import { usePageTitle } from '../components/usePageTitle';
import { Link } from '../router';
import { shortenAddress, useSession } from '../session';

export function HomePage() {
  usePageTitle('Open GPU compute marketplace');
  return (
    <>
      <header className="hero">
        <h1>GPU compute, shared openly and paid on Solana</h1>
        <p className="lead">
          Rigshare connects people who own GPUs with people who need them. Work is metered by the
          marketplace and paid in an SPL token, straight to the host's wallet.
        </p>
      </header>

      <div className="columns">
        <section className="panel" aria-labelledby="hosts-heading">
          <h2 id="hosts-heading">For hosts</h2>
          <ul className="bullets">
            <li>
              Run the Rigshare agent next to your GPU; it reports the hardware and benchmarks it.
            </li>
            <li>Your node takes jobs when it is idle, and you decide when it is offered.</li>
            <li>Earnings are paid out in the token to the wallet that registered the node.</li>
          </ul>
        </section>
        <section className="panel" aria-labelledby="buyers-heading">
          <h2 id="buyers-heading">For buyers</h2>
          <ul className="bullets">
            <li>Rent GPU time from many independent hosts instead of one cloud.</li>
            <li>Pay per use in the same token, from your own wallet; no account, no card.</li>
            <li>Every node is benchmarked, so you know what you are paying for.</li>
          </ul>
          <div className="button-row">
            <Link to="/market" className="button button--primary">
              Browse GPUs
            </Link>
            <Link to="/jobs/new" className="button">
              Submit a job
            </Link>
          </div>
        </section>
      </div>

      <GetStarted />
    </>
  );
}

function GetStarted() {
  const { status, walletAddress, session } = useSession();
  const signedIn = status === 'signed-in';

  return (
    <section className="panel" aria-labelledby="start-heading">
      <h2 id="start-heading">Get started as a host</h2>
      <ol className="steps">
        <li className={walletAddress ? 'steps__item steps__item--done' : 'steps__item'}>
          <div className="steps__text">
            <p className="steps__title">Connect your Solana wallet</p>
            <p className="muted">
              {walletAddress ? (
                <>
                  Connected: <span className="mono">{shortenAddress(walletAddress)}</span>
                </>
              ) : (
                'Any Wallet Standard wallet works. Rigshare never asks for your keys.'
              )}
            </p>
          </div>
          <WalletMultiButton />
        </li>
        <li className={signedIn ? 'steps__item steps__item--done' : 'steps__item'}>
          <div className="steps__text">
            <p className="steps__title">Sign in with it</p>
            <p className="muted">
              {signedIn && session ? (
                <>
                  Signed in as <span className="mono">{shortenAddress(session.address)}</span>
                </>
              ) : (
                'Sign a one-time message to prove the wallet is yours. No transaction, no fee.'
              )}
            </p>
          </div>
          {!signedIn && walletAddress && status !== 'checking' && <SignInButton />}
        </li>
        <li className="steps__item">
          <div className="steps__text">
            <p className="steps__title">Add a node</p>
            <p className="muted">
              Generate a registration token and run the agent on your GPU machine.
            </p>
          </div>
          <Link to="/hosts/add" className="button button--primary">
            Add a node
          </Link>
        </li>
      </ol>
    </section>
  );
}
