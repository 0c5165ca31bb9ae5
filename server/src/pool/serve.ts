/**
 * The worker side of workerPool.ts: answers each `{ id, request }` from the main thread with
 * `{ id, ok, value }` (or `{ id, ok: false, error }` when the handler threw). A handler reports
 * progress with `progress(data, restartBudget?)`; requests with id 0 are broadcasts (no answer).
 * `{ ready: true }` is posted once the worker's module has loaded.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

/**
 * Reports progress: `restartBudget` gives what follows a budget of its own; `spareGraceMs` tells the
 * pool that the worker is busy with a one-time cost (loading the TypeScript compiler or the Java parser), so no spare
 * worker is started for that long.
 */
export type Progress = (data: unknown, restartBudget?: boolean, spareGraceMs?: number) => void;

/** Loading the TypeScript compiler takes most of a second (more on a busy machine): no spare for it. */
export const PARSER_LOAD_GRACE_MS = 5000;

export function serve<Req, Res>(handle: (request: Req, progress: Progress) => Res | Promise<Res>): void {
  const requests = parentPort;
  if (!requests) throw new Error('serve() runs in a worker thread');
  // answers go on the pool's own channel when it gave one (it can read them before deciding on a spare)
  const port: MessagePort = (workerData as { replies?: MessagePort } | null)?.replies ?? requests;
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler catches every error and answers with it
  requests.on('message', async (m: { id: number; request: Req }) => {
    const progress: Progress = (data, restartBudget, spareGraceMs) => {
      if (m.id !== 0) port.postMessage({ id: m.id, progress: data, restartBudget: restartBudget === true, spareGraceMs });
    };
    try {
      const value = await handle(m.request, progress);
      if (m.id !== 0) port.postMessage({ id: m.id, ok: true, value });
    } catch (e) {
      if (m.id !== 0) port.postMessage({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  // loaded: from now on a job's time is its own (the pool starts the budget with the job, not with the thread)
  port.postMessage({ ready: true });
}
