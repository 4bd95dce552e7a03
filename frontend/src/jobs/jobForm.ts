import type { JobRuntimeType, SubmitJobRequest } from '../api';
import { MAX_BASE_UNITS, formatAmount, parseAmount } from '../format';

// The server's rules (JobSpec.validate in marketplace-api), repeated so that people see problems
// before sending; the server stays the judge and its answer is shown too.
export const MAX_GPUS = 16;
export const MAX_VRAM_GB = 4096;
export const MAX_COMMAND_CHARS = 8192;
export const MAX_ENV_ENTRIES = 64;
export const MAX_ENV_VALUE_CHARS = 4096;
export const MAX_GPU_MODELS = 16;
export const MAX_GPU_MODEL_CHARS = 64;
/** The server's default `jobs.maxTimeLimit` (7 days); an operator may set another. */
export const MAX_TIME_LIMIT_SECONDS = 7 * 24 * 3600;
export const MAX_START_DEADLINE_MS = 30 * 24 * 3600 * 1000;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const RESERVED_ENV = new Set(['HOME', 'CUDA_VISIBLE_DEVICES']);
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE = new RegExp(
  `^${COMPONENT}(:[0-9]+)?(/${COMPONENT})*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$`,
);

export interface EnvRow {
  /** Stable React key and field id; never sent. */
  id: number;
  name: string;
  value: string;
}

/** The form as typed: every input is text, read only when validating. */
export interface JobFormValues {
  type: JobRuntimeType;
  command: string;
  image: string;
  network: boolean;
  env: EnvRow[];
  gpuCount: string;
  minVramGb: string;
  gpuModels: string;
  minScore: string;
  /** Tokens per hour, as a decimal. */
  maxPrice: string;
  hours: string;
  minutes: string;
  seconds: string;
  /** A `datetime-local` value (local time), or empty for none. */
  startDeadline: string;
}

export const INITIAL_VALUES: JobFormValues = {
  type: 'process',
  command: '',
  image: '',
  network: false,
  env: [],
  gpuCount: '1',
  minVramGb: '',
  gpuModels: '',
  minScore: '',
  maxPrice: '',
  hours: '1',
  minutes: '0',
  seconds: '0',
  startDeadline: '',
};

/**
 * The form's fields by id: `command`, `image`, `network`, `gpuCount`, `minVramGb`, `gpuModels`,
 * `minScore`, `maxPrice`, `timeLimit`, `startDeadline`, `env` (the list), and `env-<row>-name` /
 * `env-<row>-value` for a row.
 */
export type Problems = Record<string, string>;

export const envNameField = (row: EnvRow) => `env-${row.id}-name`;
export const envValueField = (row: EnvRow) => `env-${row.id}-value`;

/** A whole number in [min, max] typed in a field; blank is `blank`. */
function readInteger(
  text: string,
  min: number,
  max: number,
  blank: number | null,
): { value: number | null; problem?: string } {
  const value = text.trim();
  if (value === '') return { value: blank };
  if (!/^\d{1,15}$/.test(value)) return { value: null, problem: 'Enter a whole number.' };
  const n = Number.parseInt(value, 10);
  if (n < min || n > max) return { value: null, problem: `Enter ${min} to ${max}.` };
  return { value: n };
}

/** The price in base units, or a problem; blank is a problem (the price is required). */
export function readPrice(
  text: string,
  decimals: number,
): { baseUnits: bigint; problem?: undefined } | { baseUnits: null; problem: string } {
  const parsed = parseAmount(text, decimals);
  if (!parsed.ok) return { baseUnits: null, problem: parsed.problem };
  if (parsed.baseUnits < 1n) {
    return {
      baseUnits: null,
      problem: `Enter at least ${formatAmount(1n, decimals)} (one base unit of the token).`,
    };
  }
  if (parsed.baseUnits > MAX_BASE_UNITS) {
    return {
      baseUnits: null,
      problem: `Enter at most ${formatAmount(MAX_BASE_UNITS, decimals)}.`,
    };
  }
  return { baseUnits: parsed.baseUnits };
}

/** The time limit in seconds from its hours, minutes and seconds (blank counts as 0). */
export function readTimeLimit(
  values: Pick<JobFormValues, 'hours' | 'minutes' | 'seconds'>,
): { seconds: number; problem?: undefined } | { seconds: null; problem: string } {
  const parts = [values.hours, values.minutes, values.seconds].map((t) => t.trim());
  if (parts.some((p) => p !== '' && !/^\d{1,7}$/.test(p))) {
    return { seconds: null, problem: 'Enter whole hours, minutes and seconds.' };
  }
  const [h, m, s] = parts.map((p) => (p === '' ? 0 : Number.parseInt(p, 10)));
  const seconds = h * 3600 + m * 60 + s;
  if (seconds < 1) return { seconds: null, problem: 'Give the job at least 1 second.' };
  if (seconds > MAX_TIME_LIMIT_SECONDS) {
    return { seconds: null, problem: 'The longest time limit is 7 days (168 hours).' };
  }
  return { seconds };
}

/** The GPU model list: comma-separated, trimmed, empty entries and repeats dropped. */
export function readGpuModels(text: string): string[] {
  const models = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  return [...new Set(models)];
}

/** Why an environment variable name is refused, or null. */
export function envNameProblem(name: string): string | null {
  if (name === '') return 'Enter a name.';
  if (!ENV_NAME.test(name)) {
    return 'Use letters, digits and _ (not first a digit), at most 128 characters.';
  }
  if (name.startsWith('RIGSHARE_')) return 'RIGSHARE_ variables are reserved: the agent sets them.';
  if (RESERVED_ENV.has(name)) return `${name} is reserved: the agent sets it.`;
  return null;
}

export function imageProblem(image: string): string | null {
  if (image.trim() === '') return 'Enter the container image, e.g. pytorch/pytorch:2.5.1-cuda12.4.';
  if (image.length > 255 || !IMAGE.test(image)) {
    return 'Not a valid image reference: [registry/]path[:tag][@sha256:digest], lower-case path.';
  }
  return null;
}

export interface Validated {
  problems: Problems;
  /** The request to send, when there are no problems. */
  request: SubmitJobRequest | null;
}

/** Checks every field like the server does, and builds the request when all are fine. */
export function validateJobForm(values: JobFormValues, decimals: number, now: number): Validated {
  const problems: Problems = {};
  const container = values.type === 'container';

  const command = values.command.trim() === '' ? undefined : values.command;
  if (!container && command === undefined) {
    problems.command = 'Enter the command to run (it runs through sh -c).';
  } else if (command !== undefined && command.length > MAX_COMMAND_CHARS) {
    problems.command = `At most ${MAX_COMMAND_CHARS} characters.`;
  } else if (command?.includes('\u0000')) {
    problems.command = 'The command must not hold NUL characters.';
  }
  const image = values.image.trim();
  if (container) {
    const problem = imageProblem(image);
    if (problem) problems.image = problem;
  }
  const env = readEnv(values.env, problems);

  const gpuCount = readInteger(values.gpuCount, 0, MAX_GPUS, null);
  if (gpuCount.problem || gpuCount.value === null) {
    problems.gpuCount = gpuCount.problem ?? 'Enter how many GPUs the job needs (0 for none).';
  }
  const minVram = readInteger(values.minVramGb, 0, MAX_VRAM_GB, null);
  if (minVram.problem) problems.minVramGb = minVram.problem;
  const models = readGpuModels(values.gpuModels);
  if (models.length > MAX_GPU_MODELS) problems.gpuModels = `At most ${MAX_GPU_MODELS} models.`;
  else if (models.some((m) => m.length > MAX_GPU_MODEL_CHARS)) {
    problems.gpuModels = `Each model is at most ${MAX_GPU_MODEL_CHARS} characters.`;
  }
  const minScore = readInteger(values.minScore, 0, Number.MAX_SAFE_INTEGER, null);
  if (minScore.problem) problems.minScore = minScore.problem;
  if (gpuCount.value === 0) {
    if ((minVram.value ?? 0) > 0) problems.minVramGb ??= 'Needs at least 1 GPU.';
    if (models.length > 0) problems.gpuModels ??= 'Needs at least 1 GPU.';
  }

  const price = readPrice(values.maxPrice, decimals);
  if (price.problem) problems.maxPrice = price.problem;
  const timeLimit = readTimeLimit(values);
  if (timeLimit.problem) problems.timeLimit = timeLimit.problem;
  const deadline = readDeadline(values.startDeadline, now);
  if (deadline.problem) problems.startDeadline = deadline.problem;

  if (Object.keys(problems).length > 0) return { problems, request: null };
  const request: SubmitJobRequest = {
    runtime: { type: values.type },
    requirements: { gpuCount: gpuCount.value! },
    // Exact: the price is at most 10^15, below 2^53.
    maxPricePerHour: Number(price.baseUnits!),
    timeLimitSeconds: timeLimit.seconds!,
  };
  if (command !== undefined) request.runtime.command = command;
  if (container) request.runtime.image = image;
  if (container && values.network) request.runtime.network = true;
  if (Object.keys(env).length > 0) request.runtime.env = env;
  if (minVram.value !== null) request.requirements.minVramGb = minVram.value;
  if (models.length > 0) request.requirements.gpuModels = models;
  if (minScore.value !== null) request.requirements.minScore = minScore.value;
  if (deadline.iso) request.startDeadline = deadline.iso;
  return { problems, request };
}

function readEnv(rows: EnvRow[], problems: Problems): Record<string, string> {
  const env: Record<string, string> = {};
  const used = rows.filter((r) => r.name.trim() !== '' || r.value !== '');
  if (used.length > MAX_ENV_ENTRIES) problems.env = `At most ${MAX_ENV_ENTRIES} variables.`;
  for (const row of used) {
    const name = row.name.trim();
    const nameProblem = envNameProblem(name);
    if (nameProblem) problems[envNameField(row)] = nameProblem;
    else if (Object.hasOwn(env, name)) problems[envNameField(row)] = `${name} is set twice.`;
    if (row.value.length > MAX_ENV_VALUE_CHARS || row.value.includes('\u0000')) {
      problems[envValueField(row)] = `At most ${MAX_ENV_VALUE_CHARS} characters, no NUL.`;
    }
    if (!nameProblem) env[name] = row.value;
  }
  return env;
}

function readDeadline(text: string, now: number): { iso?: string; problem?: string } {
  if (text.trim() === '') return {};
  // A datetime-local value has no offset: the Date constructor reads it as local time.
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) return { problem: 'Enter a date and time.' };
  if (at.getTime() <= now) return { problem: 'Pick a time in the future.' };
  if (at.getTime() > now + MAX_START_DEADLINE_MS) {
    return { problem: 'Pick a time within the next 30 days.' };
  }
  return { iso: at.toISOString() };
}

export interface ServerProblem {
  /** The form field it belongs to, or null when none fits. */
  field: string | null;
  /** The server's text, "path: problem". */
  text: string;
}

const SERVER_FIELDS: [RegExp, string][] = [
  [/^runtime\.command\b/, 'command'],
  [/^runtime\.image\b/, 'image'],
  [/^runtime\.network\b/, 'network'],
  [/^runtime\.env\b/, 'env'],
  [/^requirements\.gpuCount\b/, 'gpuCount'],
  [/^requirements\.minVramGb\b/, 'minVramGb'],
  [/^requirements\.gpuModels\b/, 'gpuModels'],
  [/^requirements\.minScore\b/, 'minScore'],
  [/^requirements\b/, 'gpuCount'],
  [/^maxPricePerHour\b/, 'maxPrice'],
  [/^timeLimitSeconds\b/, 'timeLimit'],
  [/^startDeadline\b/, 'startDeadline'],
];

/**
 * Splits a VALIDATION_FAILED message ("a.b: problem; c: problem") into its problems, each with
 * the form field it names. Splits only where a new "path:" starts, so a "; " inside a problem's
 * text stays.
 */
export function parseServerProblems(message: string): ServerProblem[] {
  return message
    .split(/; (?=[A-Za-z][\w.]*: )/)
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => ({ field: SERVER_FIELDS.find(([re]) => re.test(text))?.[1] ?? null, text }));
}
