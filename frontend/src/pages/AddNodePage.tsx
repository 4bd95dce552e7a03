import { useCallback, useState } from 'react';
import { createNodeToken, describeError, type CreatedNodeToken } from '../api';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { useNotify } from '../notifications';
import { useSession } from '../session';
import { ActiveTokenList } from './add-node/ActiveTokenList';
import { NewTokenCard } from './add-node/NewTokenCard';

export function AddNodePage() {
  usePageTitle('Add a node');
  return (
    <>
      <header className="page-head">
        <h1>Add a node</h1>
        <p className="lead">
          Offer a GPU machine on Rigshare: generate a one-time registration token here, then run the
          install command it comes with on that machine. This page follows the token and tells you
          when your node has connected.
        </p>
      </header>
      <RequireSession purpose="add a node">
        <AddNodeContent />
      </RequireSession>
    </>
  );
}

function AddNodeContent() {
  const { http, session } = useSession();
  const notify = useNotify();
  const [created, setCreated] = useState<CreatedNodeToken | null>(null);
  const [revokedId, setRevokedId] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [listVersion, setListVersion] = useState(0);
  const refreshList = useCallback(() => setListVersion((n) => n + 1), []);

  const generate = useCallback(async () => {
    setGenerating(true);
    try {
      const token = await createNodeToken(http);
      setCreated(token);
      setRevokedId(null);
      setListVersion((n) => n + 1);
    } catch (error) {
      notify({ kind: 'error', title: 'Could not generate a token', message: describeError(error) });
    } finally {
      setGenerating(false);
    }
  }, [http, notify]);

  return (
    <>
      <section className="panel" aria-labelledby="generate-heading">
        <h2 id="generate-heading">Registration token</h2>
        <p className="muted">
          A token registers a single node and expires soon after you generate it (the card counts
          down). Generate it when you are ready to run the agent.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={generate}
          disabled={generating}
          aria-busy={generating}
        >
          {generating ? 'Generating…' : 'Generate registration token'}
        </button>
        {created && session && (
          <NewTokenCard
            key={created.id}
            token={created}
            address={session.address}
            revoked={revokedId === created.id}
            onDismiss={() => setCreated(null)}
            onNewToken={generate}
            onUsed={refreshList}
          />
        )}
      </section>
      <ActiveTokenList version={listVersion} onRevoked={setRevokedId} />
    </>
  );
}
