import { describe, expect, it } from 'vitest';
import {
  INITIAL_VALUES,
  envNameProblem,
  imageProblem,
  parseServerProblems,
  readGpuModels,
  readTimeLimit,
  validateJobForm,
  type JobFormValues,
} from './jobForm';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function values(overrides: Partial<JobFormValues> = {}): JobFormValues {
  return { ...INITIAL_VALUES, command: 'python3 train.py', maxPrice: '2', ...overrides };
}

const validate = (overrides: Partial<JobFormValues> = {}, decimals = 6) =>
  validateJobForm(values(overrides), decimals, NOW);

describe('validateJobForm', () => {
  it('builds the smallest request for a process job', () => {
    expect(validate()).toEqual({
      problems: {},
      request: {
        runtime: { type: 'process', command: 'python3 train.py' },
        requirements: { gpuCount: 1 },
        maxPricePerHour: 2_000_000,
        timeLimitSeconds: 3600,
      },
    });
  });

  it('builds a full container request', () => {
    const { problems, request } = validate({
      type: 'container',
      image: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
      command: '',
      network: true,
      env: [
        { id: 1, name: 'EPOCHS', value: '3' },
        { id: 2, name: '', value: '' },
        { id: 3, name: ' HF_TOKEN ', value: 'secret value' },
      ],
      gpuCount: '2',
      minVramGb: '24',
      gpuModels: 'RTX 4090, A6000,, RTX 4090 ',
      minScore: '1000',
      maxPrice: '5.25',
      hours: '24',
      minutes: '',
      seconds: '30',
      startDeadline: '2026-03-02T10:00',
    });
    expect(problems).toEqual({});
    expect(request).toEqual({
      runtime: {
        type: 'container',
        image: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
        network: true,
        env: { EPOCHS: '3', HF_TOKEN: 'secret value' },
      },
      requirements: {
        gpuCount: 2,
        minVramGb: 24,
        gpuModels: ['RTX 4090', 'A6000'],
        minScore: 1000,
      },
      maxPricePerHour: 5_250_000,
      timeLimitSeconds: 24 * 3600 + 30,
      startDeadline: new Date('2026-03-02T10:00').toISOString(),
    });
  });

  it('needs a command for a process and an image for a container, and sends no image for a process', () => {
    expect(validate({ command: '   ' }).problems.command).toMatch(/command to run/);
    expect(validate({ type: 'container', command: '' }).problems.image).toMatch(
      /Enter the container image/,
    );
    expect(validate({ image: 'ignored/for:process' }).request?.runtime).toEqual({
      type: 'process',
      command: 'python3 train.py',
    });
    expect(validate({ command: 'x'.repeat(8193) }).problems.command).toBe(
      'At most 8192 characters.',
    );
  });

  it('checks image references like the server', () => {
    for (const good of [
      'ubuntu',
      'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
      'ghcr.io/org/img@sha256:' + 'a'.repeat(64),
      'localhost:5000/x:tag',
      'my_org/my__img-name',
    ]) {
      expect(imageProblem(good), good).toBeNull();
    }
    for (const bad of ['PyTorch/x', 'x:', 'x@sha256:abc', '-x', 'a//b', 'x:' + 't'.repeat(129)]) {
      expect(imageProblem(bad), bad).toMatch(/Not a valid image reference/);
    }
  });

  it('checks environment variable names and refuses reserved ones', () => {
    expect(envNameProblem('EPOCHS')).toBeNull();
    expect(envNameProblem('_x1')).toBeNull();
    expect(envNameProblem('1X')).toMatch(/letters, digits and _/);
    expect(envNameProblem('MY-VAR')).toMatch(/letters, digits and _/);
    expect(envNameProblem('A'.repeat(129))).toMatch(/at most 128/);
    expect(envNameProblem('HOME')).toBe('HOME is reserved: the agent sets it.');
    expect(envNameProblem('CUDA_VISIBLE_DEVICES')).toMatch(/reserved/);
    expect(envNameProblem('RIGSHARE_JOB_ID')).toMatch(/RIGSHARE_ variables are reserved/);
    expect(envNameProblem('rigshare_x')).toBeNull();

    const { problems, request } = validate({
      env: [
        { id: 1, name: 'HOME', value: '/tmp' },
        { id: 2, name: 'A', value: '1' },
        { id: 3, name: 'A', value: '2' },
        { id: 4, name: '', value: 'orphan' },
        { id: 5, name: 'B', value: 'v'.repeat(4097) },
      ],
    });
    expect(request).toBeNull();
    expect(problems).toEqual({
      'env-1-name': 'HOME is reserved: the agent sets it.',
      'env-3-name': 'A is set twice.',
      'env-4-name': 'Enter a name.',
      'env-5-value': 'At most 4096 characters, no NUL.',
    });
  });

  it('allows at most 64 variables', () => {
    const env = Array.from({ length: 65 }, (_, i) => ({ id: i, name: `V${i}`, value: '' }));
    expect(validate({ env }).problems.env).toBe('At most 64 variables.');
    expect(validate({ env: env.slice(1) }).problems).toEqual({});
  });

  it('keeps requirements in the server’s ranges', () => {
    expect(validate({ gpuCount: '' }).problems.gpuCount).toMatch(/how many GPUs/);
    expect(validate({ gpuCount: '17' }).problems.gpuCount).toBe('Enter 0 to 16.');
    expect(validate({ gpuCount: '-1' }).problems.gpuCount).toBe('Enter a whole number.');
    expect(validate({ gpuCount: '1.5' }).problems.gpuCount).toBe('Enter a whole number.');
    expect(validate({ gpuCount: '0' }).request?.requirements).toEqual({ gpuCount: 0 });
    expect(validate({ minVramGb: '4097' }).problems.minVramGb).toBe('Enter 0 to 4096.');
    expect(validate({ minScore: 'x' }).problems.minScore).toBe('Enter a whole number.');
    const models = Array.from({ length: 17 }, (_, i) => `GPU ${i}`).join(',');
    expect(validate({ gpuModels: models }).problems.gpuModels).toBe('At most 16 models.');
    expect(validate({ gpuModels: 'x'.repeat(65) }).problems.gpuModels).toMatch(/at most 64/);
  });

  it('wants a GPU for VRAM and model requirements', () => {
    const { problems } = validate({ gpuCount: '0', minVramGb: '8', gpuModels: 'A100' });
    expect(problems.minVramGb).toBe('Needs at least 1 GPU.');
    expect(problems.gpuModels).toBe('Needs at least 1 GPU.');
    expect(validate({ gpuCount: '0', minVramGb: '0' }).problems).toEqual({});
  });

  it('reads the price in the token’s decimals, from one base unit to 10^15', () => {
    expect(validate({ maxPrice: '' }).problems.maxPrice).toBe('Enter an amount.');
    expect(validate({ maxPrice: '0' }).problems.maxPrice).toMatch(/at least 0.000001/);
    expect(validate({ maxPrice: '0.000001' }).request?.maxPricePerHour).toBe(1);
    expect(validate({ maxPrice: '1.0000001' }).problems.maxPrice).toBe('At most 6 decimal places.');
    expect(validate({ maxPrice: '1000000000' }).request?.maxPricePerHour).toBe(1e15);
    expect(validate({ maxPrice: '1000000000.000001' }).problems.maxPrice).toMatch(/at most/);
    expect(validate({ maxPrice: '7' }, 0).request?.maxPricePerHour).toBe(7);
  });

  it('takes the time limit from hours, minutes and seconds, 1 s to 7 days', () => {
    expect(readTimeLimit({ hours: '1', minutes: '30', seconds: '' })).toEqual({ seconds: 5400 });
    expect(readTimeLimit({ hours: '', minutes: '90', seconds: '5' })).toEqual({ seconds: 5405 });
    expect(readTimeLimit({ hours: '168', minutes: '0', seconds: '0' })).toEqual({
      seconds: 604800,
    });
    expect(readTimeLimit({ hours: '168', minutes: '0', seconds: '1' }).problem).toMatch(/7 days/);
    expect(readTimeLimit({ hours: '0', minutes: '0', seconds: '0' }).problem).toMatch(
      /at least 1 second/,
    );
    expect(readTimeLimit({ hours: '1.5', minutes: '', seconds: '' }).problem).toMatch(
      /whole hours/,
    );
    expect(validate({ hours: '', minutes: '', seconds: '' }).problems.timeLimit).toBeDefined();
  });

  it('wants a start deadline in the future and within 30 days', () => {
    const local = (iso: string) => {
      const at = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    };
    expect(validate({ startDeadline: local('2026-03-01T11:00:00Z') }).problems.startDeadline).toBe(
      'Pick a time in the future.',
    );
    expect(validate({ startDeadline: local('2026-04-01T12:00:00Z') }).problems.startDeadline).toBe(
      'Pick a time within the next 30 days.',
    );
    expect(validate({ startDeadline: local('2026-03-05T12:00:00Z') }).request?.startDeadline).toBe(
      '2026-03-05T12:00:00.000Z',
    );
  });

  it('reads GPU models as a trimmed list without repeats', () => {
    expect(readGpuModels(' RTX 4090 ,A100,, RTX 4090')).toEqual(['RTX 4090', 'A100']);
    expect(readGpuModels('')).toEqual([]);
  });
});

describe('parseServerProblems', () => {
  it('splits a VALIDATION_FAILED message and names each problem’s field', () => {
    const message =
      'runtime.command: required for a process job (it runs through sh -c); maxPricePerHour: must be between 1 and 1000000000000000 base units; requirements: minVramGb and gpuModels need gpuCount of at least 1; runtime.env.A: at most 4096 characters, no NUL; nodeId: no such node';
    expect(parseServerProblems(message)).toEqual([
      {
        field: 'command',
        text: 'runtime.command: required for a process job (it runs through sh -c)',
      },
      {
        field: 'maxPrice',
        text: 'maxPricePerHour: must be between 1 and 1000000000000000 base units',
      },
      {
        field: 'gpuCount',
        text: 'requirements: minVramGb and gpuModels need gpuCount of at least 1',
      },
      { field: 'env', text: 'runtime.env.A: at most 4096 characters, no NUL' },
      { field: null, text: 'nodeId: no such node' },
    ]);
  });

  it('keeps a "; " that does not start a new field', () => {
    expect(
      parseServerProblems("runtime.env: 'a; b' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)"),
    ).toEqual([
      { field: 'env', text: "runtime.env: 'a; b' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)" },
    ]);
    expect(parseServerProblems('the request needs a JSON body')).toEqual([
      { field: null, text: 'the request needs a JSON body' },
    ]);
  });
});
