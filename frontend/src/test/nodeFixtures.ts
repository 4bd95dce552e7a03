/** Nodes as the API documents them (docs/openapi.yaml `Node`, docs/protocol.md section 6). */
export const NODE_ID = '0b7c1e9a-4d7e-4c53-a7f5-28f0c1b5d0a2';

export const HARDWARE = {
  hostname: 'rig-01',
  os: { family: 'Debian GNU/Linux', version: '12', arch: 'amd64' },
  cpu: { model: 'AMD Ryzen 9 7950X', physicalCores: 16, logicalThreads: 32, maxFreqMhz: 5700 },
  memory: { totalBytes: 68719476736, availableBytes: 51539607552 },
  disks: [{ mount: '/', fsType: 'ext4', totalBytes: 1000000000000, usableBytes: 512000000000 }],
  gpus: [
    {
      index: 0,
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      uuid: 'GPU-5d3e',
      memoryTotalMib: 24564,
      memoryFreeMib: 24000,
      utilizationPercent: 0,
      temperatureC: 35,
      powerDrawW: 21.5,
      powerLimitW: 450.0,
      driverVersion: '550.54.14',
      cudaVersion: '12.4',
      source: 'nvidia-smi',
    },
    {
      index: 1,
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      uuid: 'GPU-7a1f',
      memoryTotalMib: 24564,
      memoryFreeMib: 24000,
      utilizationPercent: 0,
      temperatureC: 33,
      powerDrawW: 20.1,
      powerLimitW: 450.0,
      driverVersion: '550.54.14',
      cudaVersion: '12.4',
      source: 'nvidia-smi',
    },
  ],
  collectedAt: '2026-03-01T11:59:00.000Z',
};

export function node(overrides: Record<string, unknown> = {}) {
  return {
    id: NODE_ID,
    name: 'rig-01',
    state: 'online',
    nodeKey: 'TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92',
    hardware: HARDWARE,
    lastHeartbeatAt: '2026-03-01T11:59:48.000Z',
    agentVersion: '0.1.0',
    limits: { cpuCores: null, memoryBytes: null, diskBytes: null, gpus: [] },
    limitsVersion: 0,
    limitsAcknowledged: true,
    limitsError: null,
    connected: true,
    runners: ['process', 'container'],
    pricePerGpuHour: 1_500_000,
    createdAt: '2026-02-28T09:00:00.000Z',
    ...overrides,
  };
}

export function nodeDetail(overrides: Record<string, unknown> = {}) {
  return {
    node: node(overrides),
    transitions: [
      {
        at: '2026-02-28T09:00:01.000Z',
        fromState: 'installing',
        toState: 'online',
        reason: 'connected',
      },
      {
        at: '2026-02-28T09:00:00.000Z',
        fromState: null,
        toState: 'installing',
        reason: 'registered with a node token',
      },
    ],
  };
}

export function page(items: unknown[], total = items.length) {
  return { items, page: 0, size: 50, total };
}
