/**
 * The worker side of workerPool.ts: answers each `{ id, request }` from the main thread with
 * `{ id, ok, value }` (or `{ id, ok: false, error }` when the handler threw). A handler reports
 * progress with `progress(data, restartBudget?)`; requests with id 0 are broadcasts (no answer).
 * `{ ready: true }` is posted once the worker's module has loaded.
 */
import { parentPort } from 'node:worker_threads';

export type Progress = (data: unknown, restartBudget?: boolean) => void;

export function serve<Req, Res>(handle: (request: Req, progress: Progress) => Res | Promise<Res>): void {
  const port = parentPort;
  if (!port) throw new Error('serve() runs in a worker thread');
  port.on('message', async (m: { id: number; request: Req }) => {
    const progress: Progress = (data, restartBudget) => {
      if (m.id !== 0) port.postMessage({ id: m.id, progress: data, restartBudget: restartBudget === true });
    };
    try {
      const value = await handle(m.request, progress);
      if (m.id !== 0) port.postMessage({ id: m.id, ok: true, value });
    } catch (e) {
      if (m.id !== 0) port.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  });
  // loaded: from now on a job's time is its own (the pool starts the budget with the job, not with the thread)
  port.postMessage({ ready: true });
}
