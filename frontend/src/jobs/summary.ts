import type { JobRequirementsView, JobRuntimeView } from '../api';

/** What runs, in one line: the command, or the image (with its command) for a container. */
export function runtimeSummary(runtime: JobRuntimeView): string {
  const command = runtime.command?.trim() ?? '';
  if (runtime.type === 'container') {
    const image = runtime.image ?? 'container';
    return command ? `${image} · ${command}` : image;
  }
  return command || '—';
}

/** The GPUs a job needs: how many ("2 GPUs", "no GPU") and of what kind ("≥ 24 GiB · RTX 4090 or A100"). */
export function gpuNeeds(requirements: JobRequirementsView): { count: string; kind: string } {
  const { gpuCount, minVramGb, gpuModels } = requirements;
  if (gpuCount === 0) return { count: 'no GPU', kind: 'CPU slot' };
  const kind = [];
  if (minVramGb) kind.push(`≥ ${minVramGb} GiB`);
  if (gpuModels && gpuModels.length > 0) kind.push(gpuModels.join(' or '));
  return { count: `${gpuCount} GPU${gpuCount === 1 ? '' : 's'}`, kind: kind.join(' · ') };
}

/** "2 GPUs · ≥ 24 GiB · RTX 4090 or A100", "no GPU · CPU slot". */
export function requirementsSummary(requirements: JobRequirementsView): string {
  const { count, kind } = gpuNeeds(requirements);
  return kind ? `${count} · ${kind}` : count;
}

/** How long the job ran: the server's figure once it ended, else live from its start. */
export function jobDurationMs(
  job: { durationMs: number | null; startedAt: string | null; finishedAt: string | null },
  now: number,
): number | null {
  if (job.durationMs !== null) return job.durationMs;
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, end - Date.parse(job.startedAt));
}

/** The first block of a UUID, enough to tell jobs apart in a list. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
