/**
 * A worker for the WorkerPool tests (test/unit/workerPool.test.ts), served by the pool's own
 * worker side (server/src/pool/serve.ts): jobs that answer, spin forever, report progress first,
 * allocate without bound, or throw.
 */
import * as path from 'node:path';
import type * as Serve from '../../server/src/pool/serve';
import { ROOT } from './service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require(path.join(ROOT, 'server', 'out', 'pool', 'serve')) as typeof Serve;

export type PoolTestJob =
  | { kind: 'echo'; value: unknown }
  | { kind: 'spin' }
  | { kind: 'progress-then-spin'; phases: number }
  | { kind: 'alloc' }
  | { kind: 'throw'; message: string };

serve<PoolTestJob, unknown>((job, progress) => {
  switch (job.kind) {
    case 'echo':
      return { echoed: job.value };
    case 'spin':
      for (;;) {
        // a stuck lint: only terminate() ends it
      }
    case 'progress-then-spin':
      for (let i = 0; i < job.phases; i++) progress({ phase: i }, i > 0);
      for (;;) {
        // stuck after the progress
      }
    case 'alloc': {
      const keep: number[][] = [];
      for (;;) keep.push(new Array(1e6).fill(keep.length));
    }
    case 'throw':
      throw new Error(job.message);
  }
});
