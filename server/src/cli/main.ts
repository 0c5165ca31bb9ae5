/**
 * `kafka-idempotence-lint`: the command-line adapter over the pure language service.
 * Bundled by scripts/build.mjs into dist/cli.js, started by bin/kafka-idempotence-lint.js
 * (which only requires it, so this module runs on load).
 */
import { run } from './run';
import { loadJavaParser } from '../javaParser';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `kafka-idempotence-lint | head`: the reader went away, nothing left to say
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// the Java parser (WebAssembly) loads asynchronously, before the synchronous run; without it .java files are skipped with a notice
void loadJavaParser()
  .catch((e: Error) => {
    process.stderr.write(`kafka-idempotence-lint: the Java parser could not be loaded (${e.message}); .java files are not linted\n`);
  })
  .then(main);

function main(): void {
  const out: string[] = [];
  const code = run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdout: (s) => out.push(s),
    stderr: (s) => process.stderr.write(s),
  });
  // one write, then let Node flush the pipe before it exits (process.exit could truncate it)
  process.stdout.write(out.join(''));
  process.exitCode = code;
}
