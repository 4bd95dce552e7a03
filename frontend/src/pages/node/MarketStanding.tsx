import type { ReactNode } from 'react';
import { getNodeMarket, type Node, type NodeMarket } from '../../api';
import { useToken } from '../../chain';
import { LoadError } from '../../components/LoadError';
import { RefreshError } from '../../components/RefreshError';
import { RelativeTime } from '../../components/RelativeTime';
import { VerificationBadge } from '../../components/VerificationBadge';
import { formatBasisPoints, formatDecimalAmount, formatTokens } from '../../format';
import { usePolledLoad } from '../../hooks';
import { useSession } from '../../session';
import { useSavePrice } from './useSavePrice';

const REFRESH_MS = 15_000;

const PRICE_SOURCE: Record<NodeMarket['priceSource'], string> = {
  owner: 'set by you',
  benchmark: 'from the benchmark',
  default: 'the operator’s default',
};

interface MarketStandingProps {
  node: Node;
  onNode: (node: Node) => void;
}

/**
 * Where the node stands (GET /api/nodes/{id}/market): whether it is verified and listed, its
 * score and price against comparable nodes, the demand it could serve, its reliability with its
 * parts, and why it may be idle. Loaded again when the node's price changes, and every 15 s.
 */
export function MarketStanding({ node, onNode }: MarketStandingProps) {
  const { http } = useSession();
  const { state, retry } = usePolledLoad(
    (signal) => getNodeMarket(http, node.id, signal),
    REFRESH_MS,
    { view: node.id, refreshKey: node.pricePerGpuHour ?? '' },
  );

  return (
    <section className="panel" aria-labelledby="standing-heading">
      <h2 id="standing-heading">Market standing</h2>
      {state.kind === 'loading' && <p role="status">Loading how the node compares…</p>}
      {state.kind === 'error' && (
        <LoadError
          title="How the node compares could not be loaded"
          message={state.message}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && (
        <>
          <RefreshError error={state.refreshError} what="the standing" />
          <StandingDetails market={state.result} nodeId={node.id} onNode={onNode} />
        </>
      )}
    </section>
  );
}

function StandingDetails({
  market,
  nodeId,
  onNode,
}: {
  market: NodeMarket;
  nodeId: string;
  onNode: (node: Node) => void;
}) {
  const token = useToken();
  const tokens = (baseUnits: number) =>
    token.known
      ? formatTokens(baseUnits, token.decimals)
      : `${baseUnits.toLocaleString()} base units`;
  const facts: { term: string; value: ReactNode }[] = [
    {
      term: 'Verification',
      value: (
        <>
          <VerificationBadge verification={market.verification} />
          {market.verifiedAt && (
            <span className="muted">
              {' '}
              last passed <RelativeTime at={market.verifiedAt} />
            </span>
          )}
        </>
      ),
    },
    {
      term: 'Among the offers',
      value: market.listed ? 'listed' : 'not listed',
    },
    {
      term: 'Benchmark score per GPU',
      value: market.score === null ? 'none yet' : market.score.toLocaleString(),
    },
    {
      term: 'Price per GPU-hour',
      value: `${tokens(market.pricePerGpuHour)} (${PRICE_SOURCE[market.priceSource]})`,
    },
  ];
  if (market.score !== null) {
    facts.push(
      {
        term: 'Suggested price',
        value: (
          <>
            {tokens(market.suggestedPricePerGpuHour)}
            <span className="facts__note">
              {market.marketMedianPerScoreUnitHour === null
                ? 'the benchmark price: no comparable node is listed'
                : `the median of ${market.comparableNodes} comparable ${
                    market.comparableNodes === 1 ? 'node' : 'nodes'
                  }: ${perUnit(market.marketMedianPerScoreUnitHour, token.decimals, token.known)} per score unit`}
            </span>
          </>
        ),
      },
      {
        term: 'You may ask',
        value: `${tokens(market.bounds.min)} to ${tokens(market.bounds.max)}`,
      },
    );
  }
  facts.push(
    {
      term: 'Queued jobs it could run',
      value: market.queuedJobsItCouldRun.toLocaleString(),
    },
    { term: 'Reliability', value: <ReliabilityFigure market={market} /> },
  );

  return (
    <>
      {market.verification === 'unverified' && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">This node is not verified, so it is not listed</p>
          <p>{market.verificationReason ?? 'Its last benchmark challenge failed.'}</p>
        </div>
      )}
      <dl className="facts facts--wide">
        {facts.map((f) => (
          <div className="facts__item" key={f.term}>
            <dt>{f.term}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {market.score !== null && market.suggestedPricePerGpuHour !== market.pricePerGpuHour && (
        <UseSuggestion
          nodeId={nodeId}
          price={market.suggestedPricePerGpuHour}
          label={tokens(market.suggestedPricePerGpuHour)}
          onNode={onNode}
        />
      )}
      <h3>Why it may be idle</h3>
      {market.idleReasons.length === 0 ? (
        <p className="muted">Nothing stands out: it is listed and priced near the market.</p>
      ) : (
        <ul className="plain-list">
          {market.idleReasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function perUnit(decimal: string, decimals: number, known: boolean): string {
  return known ? `${formatDecimalAmount(decimal, decimals)} tokens` : `${decimal} base units`;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

function ReliabilityFigure({ market }: { market: NodeMarket }) {
  const parts = market.reliabilityParts;
  if (market.reliability === null || parts === null) {
    return <span className="muted">not computed yet (every 5 minutes)</span>;
  }
  return (
    <>
      {formatBasisPoints(market.reliability)}
      <span className="facts__note">
        uptime {percent(parts.uptime)} (50 %), job success {percent(parts.jobSuccess)}{' '}
        {parts.attempts === 0
          ? '(no attempts yet)'
          : `over ${parts.attempts} ${parts.attempts === 1 ? 'attempt' : 'attempts'}`}{' '}
        (35 %), benchmark stability {percent(parts.stability)} (15 %)
      </span>
    </>
  );
}

function UseSuggestion({
  nodeId,
  price,
  label,
  onNode,
}: {
  nodeId: string;
  price: number;
  label: string;
  onNode: (node: Node) => void;
}) {
  const { save, saving } = useSavePrice(nodeId, onNode);
  const apply = () => save(price, `${label} per GPU-hour, for jobs matched from now on.`);
  return (
    <button type="button" className="button button--small" onClick={apply} disabled={saving}>
      {saving ? 'Saving…' : `Ask the suggested ${label}`}
    </button>
  );
}
