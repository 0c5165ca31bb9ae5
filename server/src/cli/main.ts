/**
 * `kafka-idempotence-lint`: the command-line adapter over the pure language service.
 * Bundled by scripts/build.mjs into dist/cli.js, started by bin/kafka-idempotence-lint.js
 * (which only requires it, so this module runs on load).
 */
import { run } from './run';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `kafka-idempotence-lint | head`: the reader went away, nothing left to say
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const out: string[] = [];
void run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  stderrIsTTY: process.stderr.isTTY === true,
  stdout: (s) => out.push(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    // one write, then let Node flush the pipe before it exits (process.exit could truncate it)
    process.stdout.write(out.join(''));
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kafka-idempotence-lint: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
