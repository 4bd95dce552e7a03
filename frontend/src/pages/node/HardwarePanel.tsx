import type { GpuInfo, HardwareReport } from '../../api';
import { RelativeTime } from '../../components/RelativeTime';
import { formatBytes, formatMib } from '../../format';

/** What the agent reported about the machine: OS, CPU, RAM, disks and each GPU. */
export function HardwarePanel({ hardware }: { hardware: HardwareReport | null }) {
  return (
    <section className="panel" aria-labelledby="hardware-heading">
      <h2 id="hardware-heading">Hardware</h2>
      {hardware ? (
        <HardwareFacts hardware={hardware} />
      ) : (
        <p className="empty">The agent has not reported this machine's hardware yet.</p>
      )}
    </section>
  );
}

function HardwareFacts({ hardware }: { hardware: HardwareReport }) {
  const { os, cpu, memory } = hardware;
  const disks = hardware.disks ?? [];
  const gpus = [...(hardware.gpus ?? [])].sort((a, b) => a.index - b.index);
  return (
    <>
      <dl className="facts">
        {hardware.hostname && <Fact term="Hostname" value={hardware.hostname} />}
        <Fact term="OS" value={os ? `${os.family} ${os.version} (${os.arch})` : '—'} />
        <Fact term="CPU" value={cpu ? cpuText(cpu) : '—'} />
        <Fact
          term="RAM"
          value={
            memory
              ? `${formatBytes(memory.totalBytes)} (${formatBytes(memory.availableBytes)} available)`
              : '—'
          }
        />
        {hardware.collectedAt && (
          <div className="facts__item">
            <dt>Reported</dt>
            <dd>
              <RelativeTime at={hardware.collectedAt} />
            </dd>
          </div>
        )}
      </dl>
      <h3>Disks</h3>
      {disks.length === 0 ? (
        <p className="muted">No disks reported.</p>
      ) : (
        <ul className="plain-list">
          {disks.map((disk) => (
            <li key={disk.mount}>
              <span className="mono">{disk.mount}</span> ({disk.fsType}):{' '}
              {formatBytes(disk.usableBytes)} free of {formatBytes(disk.totalBytes)}
            </li>
          ))}
        </ul>
      )}
      <h3>GPUs</h3>
      {gpus.length === 0 ? (
        <p className="muted">No GPU reported.</p>
      ) : (
        <ul className="gpu-list">
          {gpus.map((gpu) => (
            <GpuCard key={gpu.index} gpu={gpu} />
          ))}
        </ul>
      )}
    </>
  );
}

function cpuText(cpu: NonNullable<HardwareReport['cpu']>): string {
  const parts = [cpu.model];
  if (cpu.physicalCores > 0) parts.push(`${cpu.physicalCores} cores`);
  if (cpu.logicalThreads > 0) parts.push(`${cpu.logicalThreads} threads`);
  if (cpu.maxFreqMhz > 0) parts.push(`up to ${(cpu.maxFreqMhz / 1000).toFixed(1)} GHz`);
  return parts.join(' · ');
}

function GpuCard({ gpu }: { gpu: GpuInfo }) {
  return (
    <li className="gpu-card">
      <p className="gpu-card__name">
        GPU {gpu.index} · {gpu.name}
      </p>
      <dl className="facts facts--compact">
        <Fact
          term="VRAM"
          value={gpu.memoryTotalMib > 0 ? formatMib(gpu.memoryTotalMib) : 'shared'}
        />
        <Fact term="Driver" value={gpu.driverVersion ?? '—'} />
        <Fact term="CUDA" value={gpu.cudaVersion ?? '—'} />
        {gpu.powerLimitW != null && (
          <Fact term="Power limit" value={`${Math.round(gpu.powerLimitW)} W`} />
        )}
        <Fact term="Vendor" value={`${gpu.vendor} (via ${gpu.source})`} />
      </dl>
    </li>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="facts__item">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
