/** The messages between the system page and its self-test worker (selfTest.worker.ts). */
import type { BackendName } from '../shared/tf';
import type { SelfTestVerdict, Throughput } from '../shared/tf/selfTest';

export type SelfTestRequest = { kind: 'test'; backend: BackendName } | { kind: 'throughput'; backend: BackendName };

export type Row =
  | { backend: BackendName; state: 'running' }
  | { backend: BackendName; state: 'unavailable'; reason: string }
  | { backend: BackendName; state: 'error'; message: string }
  | { backend: BackendName; state: 'done'; verdict: SelfTestVerdict; losses: number[]; ms: number; precision: string };

export type SelfTestReply = { kind: 'row'; row: Row } | { kind: 'throughput'; backend: string; t: Throughput } | { kind: 'throughput'; backend: string; error: string };
