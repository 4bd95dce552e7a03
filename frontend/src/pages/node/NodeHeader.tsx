import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError, updateNode, type Node } from '../../api';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { useNotify } from '../../notifications';
import { shortenAddress, useSession } from '../../session';

interface NodeHeaderProps {
  node: Node;
  onChanged: (node: Node) => void;
}

/** The node's name (renamed in place), its state, and when it was last heard from. */
export function NodeHeader({ node, onChanged }: NodeHeaderProps) {
  const [editing, setEditing] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Back from the rename form: give focus back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <header className="page-head node-head">
      {editing ? (
        <>
          <h1 className="sr-only">{node.name}</h1>
          <RenameForm node={node} onChanged={onChanged} onDone={() => setEditing(false)} />
        </>
      ) : (
        <div className="node-head__title">
          <h1>{node.name}</h1>
          <button
            ref={renameButton}
            type="button"
            className="button button--ghost button--small"
            onClick={() => setEditing(true)}
          >
            Rename
          </button>
        </div>
      )}
      <p className="node-head__facts">
        <span aria-live="polite">
          <span className="sr-only">State: </span>
          <StateBadge state={node.state} />
        </span>
        <span>
          Last heartbeat <RelativeTime at={node.lastHeartbeatAt} />
        </span>
        {node.agentVersion && <span>Agent {node.agentVersion}</span>}
        <span>
          Key{' '}
          <span className="mono" title={node.nodeKey}>
            {shortenAddress(node.nodeKey)}
          </span>
        </span>
      </p>
    </header>
  );
}

interface RenameFormProps {
  node: Node;
  onChanged: (node: Node) => void;
  onDone: () => void;
}

function RenameForm({ node, onChanged, onDone }: RenameFormProps) {
  const { http } = useSession();
  const notify = useNotify();
  const [draft, setDraft] = useState(node.name);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      const name = draft.trim();
      if (!name) {
        setProblem('Enter a name (1 to 64 characters).');
        return;
      }
      if (name === node.name) {
        onDone();
        return;
      }
      setSaving(true);
      try {
        const updated = await updateNode(http, node.id, { name });
        onChanged(updated);
        notify({
          kind: 'success',
          key: 'rename',
          title: 'Node renamed',
          message: `It is now “${updated.name}”.`,
        });
        onDone();
      } catch (error) {
        notify({
          kind: 'error',
          key: 'rename',
          title: 'Could not rename the node',
          message: describeError(error),
        });
      } finally {
        setSaving(false);
      }
    },
    [draft, http, node.id, node.name, notify, onChanged, onDone],
  );

  return (
    <form className="rename" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label htmlFor="node-name" className="rename__label">
        Node name
      </label>
      <div className="rename__row">
        <input
          ref={input}
          id="node-name"
          className="input"
          value={draft}
          maxLength={64}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'node-name-problem' : undefined}
          disabled={saving}
        />
        <button type="submit" className="button button--primary button--small" disabled={saving}>
          {saving ? 'Saving…' : 'Save name'}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
      {problem && (
        <p id="node-name-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
