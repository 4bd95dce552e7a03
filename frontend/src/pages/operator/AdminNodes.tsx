import { useId, useState } from 'react';
import { ADMIN_NODES_PAGE_SIZE, listAdminNodes } from '../../api';
import { PageNav } from '../../components/PageNav';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { shortenAddress, useSession } from '../../session';
import { AdminSection } from './AdminSection';
import { useAdminData } from './useAdminData';

const STATES = ['installing', 'online', 'offline', 'maintenance', 'deleted'];
const REFRESH_MS = 15_000;

/** Every node of every owner, with its state and verification; filterable by state. */
export function AdminNodes({ onForbidden }: { onForbidden: () => void }) {
  const { http } = useSession();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const { state, retry } = useAdminData(
    (signal) =>
      listAdminNodes(
        http,
        { state: filter || undefined, offset: page * ADMIN_NODES_PAGE_SIZE },
        signal,
      ),
    REFRESH_MS,
    onForbidden,
    `${filter}:${page}`,
  );

  const filterControl = (
    <div className="toolbar">
      <label htmlFor={filterId} className="toolbar__label">
        State
      </label>
      <select
        id={filterId}
        className="input select"
        value={filter}
        onChange={(e) => {
          setPage(0);
          setFilter(e.target.value);
        }}
      >
        <option value="">All states</option>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <AdminSection
      id="admin-nodes"
      title="Nodes"
      state={state}
      retry={retry}
      actions={filterControl}
    >
      {(data) =>
        data.items.length === 0 && page === 0 ? (
          <p className="empty">
            {filter ? `No node is ${filter}.` : 'No node has registered yet.'}
          </p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">All nodes</caption>
                <thead>
                  <tr>
                    <th scope="col">Node</th>
                    <th scope="col">Owner</th>
                    <th scope="col">State</th>
                    <th scope="col">Verification</th>
                    <th scope="col">GPUs</th>
                    <th scope="col">Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((n) => (
                    <tr key={n.id}>
                      <th scope="row" className="data-table__name">
                        {n.name}
                        <span className="data-table__line muted mono" title={n.id}>
                          {n.id.slice(0, 8)}
                        </span>
                      </th>
                      <td data-label="Owner" className="mono" title={n.owner}>
                        {shortenAddress(n.owner)}
                      </td>
                      <td data-label="State">
                        <StateBadge state={n.state} />
                      </td>
                      <td data-label="Verification">{n.verification}</td>
                      <td data-label="GPUs">
                        {n.gpuCount > 0 ? `${n.gpuCount} × ${n.gpuModel ?? 'GPU'}` : 'none'}
                      </td>
                      <td data-label="Last seen" className="data-table__nowrap">
                        <RelativeTime at={n.lastSeenAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PageNav page={page} hasMore={data.hasMore} onPage={setPage} label="Pages of nodes" />
          </>
        )
      }
    </AdminSection>
  );
}
