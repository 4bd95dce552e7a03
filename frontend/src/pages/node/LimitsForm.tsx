import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { describeError, updateNode, type HardwareReport, type Node } from '../../api';
import { Slider } from '../../components/Slider';
import { formatBytes, GIB } from '../../format';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';
import { AckStatus } from './AckStatus';
import {
  boundsOf,
  diskProblem,
  initialValues,
  toLimits,
  type GpuLimitValues,
  type LimitsValues,
} from './limits';
import { useLimitsAck } from './useLimitsAck';

interface LimitsFormProps {
  node: Node;
  onNode: (node: Node) => void;
}

/** What jobs on this node may use; applied by the agent, which acknowledges each change. */
export function LimitsForm({ node, onNode }: LimitsFormProps) {
  return (
    <section className="panel" aria-labelledby="limits-heading">
      <h2 id="limits-heading">Resource limits</h2>
      {node.hardware ? (
        <LimitsEditor node={node} hardware={node.hardware} onNode={onNode} />
      ) : (
        <p className="empty">
          Limits can be set once the agent has reported this machine's hardware.
        </p>
      )}
    </section>
  );
}

function LimitsEditor({ node, hardware, onNode }: LimitsFormProps & { hardware: HardwareReport }) {
  const { http } = useSession();
  const notify = useNotify();
  const bounds = useMemo(() => boundsOf(hardware), [hardware]);
  // Read once: later refreshes of the node must not overwrite what the person is editing.
  const [values, setValues] = useState<LimitsValues>(() => initialValues(node.limits, bounds));
  const [saving, setSaving] = useState(false);
  const { ack, sent } = useLimitsAck(node.id, onNode);
  const problem = diskProblem(values.diskGib);
  const freeDisk = (hardware.disks ?? []).reduce((sum, d) => sum + d.usableBytes, 0);

  const apply = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      if (problem) return;
      setSaving(true);
      try {
        const updated = await updateNode(http, node.id, { limits: toLimits(values, bounds) });
        onNode(updated);
        sent(updated);
        notify({
          kind: 'success',
          key: 'limits',
          title: 'Limits saved',
          message: 'They were sent to the agent.',
        });
      } catch (error) {
        notify({
          kind: 'error',
          key: 'limits',
          title: 'Could not save the limits',
          message: describeError(error),
        });
      } finally {
        setSaving(false);
      }
    },
    [problem, http, node.id, values, bounds, onNode, sent, notify],
  );

  const setGpu = (index: number, change: Partial<GpuLimitValues>) =>
    setValues((v) => ({
      ...v,
      gpus: v.gpus.map((g) => (g.index === index ? { ...g, ...change } : g)),
    }));

  const ramDisplay =
    values.memoryGib >= bounds.maxMemoryGib
      ? `all ${formatBytes(bounds.memoryTotalBytes)}`
      : `${formatBytes(values.memoryGib * GIB)} of ${formatBytes(bounds.memoryTotalBytes)}`;

  return (
    <form className="limits" onSubmit={apply} noValidate>
      <Slider
        id="limit-cpu"
        label="CPU cores"
        min={1}
        max={bounds.maxCores}
        value={values.cpuCores}
        onChange={(cpuCores) => setValues((v) => ({ ...v, cpuCores }))}
        display={`${values.cpuCores} of ${bounds.maxCores}`}
      />
      {bounds.maxMemoryGib > 0 && (
        <Slider
          id="limit-ram"
          label="RAM"
          min={1}
          max={bounds.maxMemoryGib}
          value={values.memoryGib}
          onChange={(memoryGib) => setValues((v) => ({ ...v, memoryGib }))}
          display={ramDisplay}
        />
      )}
      <div className="field">
        <label htmlFor="limit-disk">Disk (GiB)</label>
        <input
          id="limit-disk"
          className="input input--narrow"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          placeholder="no limit"
          value={values.diskGib}
          onChange={(e) => setValues((v) => ({ ...v, diskGib: e.target.value }))}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'limit-disk-help limit-disk-problem' : 'limit-disk-help'}
        />
        <p id="limit-disk-help" className="muted field__help">
          Leave empty for no limit. {formatBytes(freeDisk)} free on the node.
        </p>
        {problem && (
          <p id="limit-disk-problem" className="field-error">
            {problem}
          </p>
        )}
      </div>
      {values.gpus.length > 0 && (
        <fieldset className="gpu-limits">
          <legend>GPUs</legend>
          {values.gpus.map((gpu) => (
            <div key={gpu.index} className="gpu-limit">
              <label className="check">
                <input
                  type="checkbox"
                  checked={gpu.offered}
                  onChange={(e) => setGpu(gpu.index, { offered: e.target.checked })}
                />
                Offer GPU {gpu.index} ({gpu.name})
              </label>
              <Slider
                id={`limit-gpu-${gpu.index}`}
                label={`VRAM share of GPU ${gpu.index}`}
                min={1}
                max={100}
                value={gpu.vramPercent}
                onChange={(vramPercent) => setGpu(gpu.index, { vramPercent })}
                display={`${gpu.vramPercent} %`}
                disabled={!gpu.offered}
              />
            </div>
          ))}
        </fieldset>
      )}
      <div className="limits__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving || ack.kind === 'waiting' || problem !== null}
        >
          {saving ? 'Applying…' : 'Apply'}
        </button>
        <AckStatus ack={ack} node={node} />
      </div>
    </form>
  );
}
