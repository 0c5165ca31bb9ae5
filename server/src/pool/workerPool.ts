/**
 * A small pool of worker threads that run lint jobs off the main loop, each under a time budget.
 *
 * - Each worker runs one job at a time; jobs wait in a queue in the main thread, so a worker that is
 *   stopped loses only the job it was running.
 * - A job that takes longer than the budget (a failsafe for pathological input: seconds, never
 *   reached by ordinary files) is cut off: its worker is terminated, its promise resolves with
 *   `{ ok: false, reason: 'time-budget' }`, and a fresh worker takes its place. A worker that runs
 *   out of memory or dies is replaced the same way (`out-of-memory`, `crashed`).
 * - When every worker has been busy for longer than `spareAfterMs` and jobs are waiting, a spare
 *   worker is started (up to `max`), so one stuck file does not delay the others; spares above `min`
 *   stop after `idleMs` without work.
 * - A job may name an affinity key (a document URI): an idle worker that ran the key last is
 *   preferred, since it may still hold that document's lint result.
 * - A worker may report progress (`{ restartBudget: true }` gives the job a fresh budget, e.g. for the
 *   CLI's fix phase after the first lint); the last progress is handed back with a cut-off, so the
 *   caller knows where the job stopped.
 *
 * The scripts are this package's own bundled files (never anything from the workspace).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export type CutOffReason = 'time-budget' | 'out-of-memory' | 'crashed';

/** `superseded`: a newer job with the same `replaces` key was queued before this one started. */
export type JobResult<R> = { ok: true; value: R } | { ok: false; reason: CutOffReason | 'superseded'; error?: string; progress?: unknown };

export interface PoolOptions {
  /** The worker script (an absolute path to a bundled .js file of this package). */
  script: string;
  /** Workers kept running (started on first use). */
  min: number;
  /** At most this many workers, spares included. */
  max: number;
  /** Start a spare when all workers have been busy this long and jobs are waiting. */
  spareAfterMs: number;
  /** Time budget of one job (and of each phase a worker starts with `restartBudget`). */
  budgetMs: number;
  /** Spares above `min` stop after this long without a job. */
  idleMs?: number;
  /**
   * Heap limit of each worker, in MB; V8's default when absent (the process's own limit: a large file
   * lints as it did before workers). A job beyond it ends as `out-of-memory`, not as the process.
   */
  maxOldGenerationSizeMb?: number;
  /** Young generation of each worker, in MB (3 × V8's semi-space size); V8's default when absent. */
  maxYoungGenerationSizeMb?: number;
  /** Called on a worker's stderr-worthy events (restarts, cut-offs), for logging. */
  log?: (message: string) => void;
}

interface Job {
  id: number;
  request: unknown;
  affinity?: string;
  replaces?: string;
  onProgress?: (data: unknown) => void;
  resolve: (r: JobResult<unknown>) => void;
  progress?: unknown;
}

interface Slot {
  worker: Worker;
  /** Answers and progress come on this port (so that they can be read before deciding on a spare). */
  port: MessagePort;
  job?: Job;
  busySince: number;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Affinity keys of the jobs it ran, most recent last (a few). */
  recent: string[];
  /** Set once the worker is being stopped on purpose. */
  stopping: boolean;
  /** The worker's module has loaded (it posted `ready`): jobs go only to ready workers. */
  ready: boolean;
}

type FromWorker =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { id: number; progress: unknown; restartBudget?: boolean; spareGraceMs?: number };

/** How far down the queue a job for an idle worker's recent documents is looked for (the queue can hold thousands of files). */
const AFFINITY_LOOKAHEAD = 32;

export class WorkerPool<Req, Res> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private spareTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Workers that died before they loaded, in a row; after 3 the pool gives up (a broken install, not an input). */
  private loadFailures = 0;
  private broken: string | undefined;
  /** Answers awaited from `each`, by (negative) message id. */
  private readonly pendingEach = new Map<number, (value: unknown) => void>();
  /** Reading the workers' ports inside scheduleSpare (onMessage → dispatch must not start spares meanwhile). */
  private draining = false;
  /** Counters, for tests and the memory request. */
  readonly stats = { started: 0, cutOff: 0, crashed: 0 };

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.slots.length;
  }

  get budgetMs(): number {
    return this.options.budgetMs;
  }

  /** Runs `request` in a worker; never rejects. */
  run(request: Req, opts: { affinity?: string; replaces?: string; onProgress?: (data: unknown) => void } = {}): Promise<JobResult<Res>> {
    if (this.closed || this.broken)
      return Promise.resolve({ ok: false, reason: 'crashed', error: this.broken ?? 'the worker pool is closed' });
    return new Promise((resolve) => {
      if (opts.replaces !== undefined) {
        // a job that has not started yet is not worth running any more (an older version of a document)
        for (let i = this.queue.length - 1; i >= 0; i--) {
          if (this.queue[i].replaces === opts.replaces) this.queue.splice(i, 1)[0].resolve({ ok: false, reason: 'superseded' });
        }
      }
      this.queue.push({
        id: this.nextId++,
        request,
        affinity: opts.affinity,
        replaces: opts.replaces,
        onProgress: opts.onProgress,
        resolve: resolve as (r: JobResult<unknown>) => void,
      });
      this.dispatch();
    });
  }

  /** Starts the `min` workers now, so that the first job does not wait for one to load. */
  warm(): void {
    if (!this.closed) this.dispatch();
  }

  /**
   * Sends `request` to every loaded worker and collects their answers (a busy worker answers after its
   * job; one that does not answer within the budget is left out).
   */
  each(request: Req): Promise<Res[]> {
    const asks = this.slots
      .filter((s) => s.ready && !s.stopping)
      .map(
        (s) =>
          new Promise<Res | undefined>((resolve) => {
            const id = -this.nextId++;
            const timer = setTimeout(() => {
              this.pendingEach.delete(id);
              resolve(undefined);
            }, this.options.budgetMs);
            this.pendingEach.set(id, (v) => {
              clearTimeout(timer);
              resolve(v as Res | undefined);
            });
            s.worker.postMessage({ id, request });
          }),
      );
    return Promise.all(asks).then((xs) => xs.filter((x): x is Awaited<Res> => x !== undefined) as Res[]);
  }

  /** Sends `request` to every running worker (cache invalidation); answers are ignored. */
  broadcast(request: Req): void {
    for (const s of this.slots) if (!s.stopping) s.worker.postMessage({ id: 0, request });
  }

  /** Stops every worker; waiting jobs resolve as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.spareTimer);
    for (const j of this.queue.splice(0)) j.resolve({ ok: false, reason: 'crashed', error: 'the worker pool was closed' });
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }

  // -------------------------------------------------------------------------------------------

  private start(): Slot {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(this.options.script, {
      workerData: { replies: port2 },
      transferList: [port2],
      resourceLimits: {
        ...(this.options.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb } : {}),
        ...(this.options.maxYoungGenerationSizeMb ? { maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb } : {}),
      },
      stdout: false,
      stderr: false,
    });
    // a worker must never keep the process alive on its own (the CLI exits when its work is done)
    worker.unref();
    port1.unref();
    const slot: Slot = { worker, port: port1, busySince: 0, recent: [], stopping: false, ready: false };
    this.stats.started++;
    port1.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (e: Error & { code?: string }) => {
      const reason: CutOffReason = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed';
      this.lose(slot, reason, `${e.code ? `${e.code}: ` : ''}${e.message}`);
    });
    worker.on('exit', (code) => {
      if (!slot.stopping) this.lose(slot, 'crashed', `the worker exited with code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  private stop(slot: Slot): Promise<number> {
    slot.stopping = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    slot.port.close();
    return slot.worker.terminate();
  }

  /** A worker died or was cut off: its job (if any) resolves with `reason`, the worker is replaced on demand. */
  private lose(slot: Slot, reason: CutOffReason, error?: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = slot.job;
    slot.job = undefined;
    if (!slot.stopping) void this.stop(slot);
    if (reason === 'crashed') this.stats.crashed++;
    else this.stats.cutOff++;
    if (!slot.ready && ++this.loadFailures >= 3) {
      this.broken = `the lint worker ${this.options.script} does not start (${error ?? reason})`;
      this.options.log?.(this.broken);
      for (const j of this.queue.splice(0)) j.resolve({ ok: false, reason: 'crashed', error: this.broken });
    }
    if (job) {
      this.options.log?.(`worker stopped (${reason}${error ? `: ${error}` : ''}); a new one takes its place`);
      job.resolve({ ok: false, reason, error, progress: job.progress });
    }
    this.dispatch();
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if ('ready' in m) {
      slot.ready = true;
      this.loadFailures = 0;
      this.dispatch();
      return;
    }
    if (m.id < 0) {
      const done = this.pendingEach.get(m.id);
      this.pendingEach.delete(m.id);
      done?.('ok' in m && m.ok ? m.value : undefined);
      return;
    }
    const job = slot.job;
    if (!job || m.id !== job.id) return; // an answer to a broadcast, or to a job already cut off
    if ('progress' in m) {
      job.progress = m.progress;
      if (m.restartBudget) this.arm(slot);
      // a one-time cost in the worker (loading a parser) is no reason for a spare
      if (m.spareGraceMs) slot.busySince = Date.now() + m.spareGraceMs;
      try {
        job.onProgress?.(m.progress);
      } catch {
        // a progress listener must not stop the job
      }
      return;
    }
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (job.affinity) {
      slot.recent = slot.recent.filter((k) => k !== job.affinity);
      slot.recent.push(job.affinity);
      if (slot.recent.length > 64) slot.recent.shift();
    }
    job.resolve(m.ok ? { ok: true, value: m.value } : { ok: false, reason: 'crashed', error: m.error, progress: job.progress });
    this.dispatch();
  }

  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.busySince = Date.now();
    slot.timer = setTimeout(() => {
      if (slot.job) this.lose(slot, 'time-budget', `took longer than ${this.options.budgetMs} ms`);
    }, this.options.budgetMs);
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    this.arm(slot);
    slot.worker.postMessage({ id: job.id, request: job.request });
  }

  private dispatch(): void {
    if (this.closed || this.broken) return;
    while (this.slots.length < this.options.min) this.start();
    while (this.queue.length > 0) {
      const idle = this.slots.filter((s) => !s.job && !s.stopping && s.ready);
      if (idle.length === 0) break;
      // the first waiting job (of the next few) that an idle worker has seen last, else the first waiting job
      let pick = -1;
      let slot: Slot | undefined;
      for (let j = 0; j < Math.min(this.queue.length, AFFINITY_LOOKAHEAD) && pick < 0; j++) {
        const key = this.queue[j].affinity;
        if (!key) continue;
        slot = idle.find((s) => s.recent.includes(key));
        if (slot) pick = j;
      }
      if (pick < 0) {
        pick = 0;
        const key = this.queue[0].affinity;
        slot = (key && idle.find((s) => s.recent.includes(key))) || idle.find((s) => s.recent.length === 0) || idle[0];
      }
      const job = pick === 0 ? this.queue.shift()! : this.queue.splice(pick, 1)[0];
      this.assign(slot!, job);
    }
    this.retireIdleSpares();
    this.scheduleSpare();
  }

  /** Jobs wait and every worker is busy: start a spare once the least busy one has run `spareAfterMs`. */
  private scheduleSpare(): void {
    if (this.draining) return;
    clearTimeout(this.spareTimer);
    this.spareTimer = undefined;
    if (this.queue.length === 0 || this.slots.length >= this.options.max) return;
    // what the workers have answered already counts, even when this thread has not got to it yet
    // (a busy main thread must not take a finished job for a stuck one)
    this.draining = true;
    try {
      for (const s of [...this.slots]) {
        for (let m = receiveMessageOnPort(s.port); m && this.slots.includes(s); m = receiveMessageOnPort(s.port))
          this.onMessage(s, m.message as FromWorker);
      }
    } finally {
      this.draining = false;
    }
    if (this.queue.length === 0 || this.slots.length >= this.options.max) return;
    // a worker that is idle, or still loading, takes the next job soon enough
    const busy = this.slots.filter((s) => s.job);
    if (busy.length < this.slots.length) return;
    const youngest = Math.max(...busy.map((s) => s.busySince), 0);
    const wait = youngest + this.options.spareAfterMs - Date.now();
    if (wait <= 0) {
      this.start();
      this.dispatch();
      return;
    }
    this.spareTimer = setTimeout(() => {
      this.spareTimer = undefined;
      this.scheduleSpare();
    }, wait);
    this.spareTimer.unref();
  }

  private retireIdleSpares(): void {
    const idleMs = this.options.idleMs;
    if (idleMs === undefined) return;
    for (const s of this.slots) {
      if (s.job || s.stopping || s.idleTimer) continue;
      s.idleTimer = setTimeout(() => {
        s.idleTimer = undefined;
        if (s.job || s.stopping || this.slots.length <= this.options.min) return;
        this.slots.splice(this.slots.indexOf(s), 1);
        void this.stop(s);
      }, idleMs);
      s.idleTimer.unref();
    }
  }
}

/** The time budget of one lint, from `KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS` (tests set a small one), else `fallbackMs`. */
export function budgetFromEnv(env: NodeJS.ProcessEnv, fallbackMs: number): number {
  const raw = env.KAFKA_IDEMPOTENCE_LINT_TIME_BUDGET_MS;
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return fallbackMs;
  const n = Number(raw.trim());
  return n > 0 ? n : fallbackMs;
}

/** The default time budget of one file: generous (ordinary files take milliseconds, 5 MB ones about a second). */
export const DEFAULT_BUDGET_MS = 10_000;
