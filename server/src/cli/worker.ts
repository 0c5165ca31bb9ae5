/**
 * The CLI's lint worker (bundled as dist/cliWorker.js): runs one file job at a time for run.ts's
 * worker pool, off the main thread and under its time budget.
 */
import { serve } from '../pool/serve';
import { lintFile, type FileJob, type FileOutcome } from './lintFile';

serve<FileJob, FileOutcome>((job, progress) => lintFile(job, progress));
