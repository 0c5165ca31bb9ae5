/**
 * The Java side of the oracles: resolve a Maven profile's classpath (test/oracles/java/pom.xml) into the
 * repository's cache, compile the harness sources with javac, and talk to the harness over the line
 * protocol (kil.oracle.Main: one JSON request per line on stdin, one JSON result per line on stdout).
 *
 * Caches (all under .cache/, gitignored):
 * - .cache/m2/                         the Maven repository (dependencies and Maven's own plugins);
 * - .cache/oracles/cp/<profile>.txt    a profile's classpath, with the hash of the pom it came from;
 * - .cache/oracles/classes/<hash>/     compiled harness classes, by hash of sources + classpath.
 * The first run resolves online (Maven Central) and says so; afterwards Maven runs offline (-o).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../support/service';

export const JAVA_DIR = join(ROOT, 'test', 'oracles', 'java');
export const POM = join(JAVA_DIR, 'pom.xml');
export const CACHE = join(ROOT, '.cache');
export const M2 = join(CACHE, 'm2');
const CP_DIR = join(CACHE, 'oracles', 'cp');
const CLASSES_DIR = join(CACHE, 'oracles', 'classes');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Fails with a clear message when java, javac or mvn is missing (scripts/test.mjs and scripts/oracles.mjs provision them first). */
export function checkTools(): void {
  const missing = ['java', 'javac', 'mvn'].filter((t) => !has(t));
  if (missing.length) {
    throw new Error(
      `the Java oracles need ${missing.join(', ')} (Debian: default-jdk-headless, maven); ` +
        'run them through `npm run oracles` or `node scripts/test.mjs oracles`, which install them as root',
    );
  }
}

const sha = (...parts: Array<string | Buffer>) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
};

function mvn(args: string[], offline: boolean) {
  return spawnSync('mvn', ['-q', '-B', ...(offline ? ['-o'] : []), '-f', POM, `-Dmaven.repo.local=${M2}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/** The classpath of a Maven profile (jars in .cache/m2), resolved once: offline when the cache has it, else online. */
export function classpath(profile: string): string {
  const pomHash = sha(readFileSync(POM));
  const file = join(CP_DIR, `${profile}.txt`);
  if (existsSync(file)) {
    const [hash, cp] = readFileSync(file, 'utf8').split('\n');
    if (hash === pomHash && cp && cp.split(':').every((j) => existsSync(j))) return cp;
  }
  mkdirSync(CP_DIR, { recursive: true });
  const out = join(CP_DIR, `${profile}.tmp`);
  const goal = ['-P', profile, 'dependency:build-classpath', `-Dmdep.outputFile=${out}`];
  let r = mvn(goal, true);
  if (r.status !== 0) {
    console.log(`[oracles] resolving the Maven profile ${profile} into ${relative(ROOT, M2)} (once; needs Maven Central)`);
    r = mvn(goal, false);
    if (r.status !== 0) throw new Error(`mvn could not resolve the profile ${profile}:\n${r.stdout}\n${r.stderr}`);
  }
  const cp = readFileSync(out, 'utf8').trim();
  rmSync(out);
  writeFileSync(file, `${pomHash}\n${cp}\n`);
  return cp;
}

function javaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...javaFiles(p));
    else if (name.endsWith('.java')) out.push(p);
  }
  return out;
}

/**
 * Compiles the harness source sets (folders under test/oracles/java/src, e.g. ['common', 'producer',
 * 'clients']) against a profile's classpath; returns the full runtime classpath. Cached by content.
 */
export function compile(profile: string, sourceSets: string[]): string {
  const cp = classpath(profile);
  const dirs = sourceSets.map((s) => join(JAVA_DIR, 'src', s));
  const files = dirs.flatMap(javaFiles);
  const hash = sha(cp, ...files.map((f) => relative(JAVA_DIR, f)), ...files.map((f) => readFileSync(f)));
  const out = join(CLASSES_DIR, `${profile}-${hash}`);
  if (!existsSync(join(out, '.done'))) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const r = spawnSync('javac', ['--release', '17', '-nowarn', '-encoding', 'UTF-8', '-d', out, '-cp', cp, ...files], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`javac failed for ${profile} (${sourceSets.join(', ')}):\n${r.stdout}${r.stderr}`);
    // resources (META-INF/services) next to the sources
    for (const d of dirs) if (existsSync(join(d, 'META-INF'))) cpSync(join(d, 'META-INF'), join(out, 'META-INF'), { recursive: true });
    writeFileSync(join(out, '.done'), '');
  }
  return `${out}:${cp}`;
}

export type JsonObject = Record<string, unknown>;

/**
 * One harness JVM (`java kil.oracle.Main <handler>`), alive until close(). ask() sends a batch of requests
 * and resolves with their results, in order.
 */
export class JavaProcess {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (r: JsonObject) => void>();
  private nextId = 1;
  private stderr = '';
  private exited: string | undefined;

  /** `jvmArgs`: more options for the JVM (e.g. `-XX:TieredStopAtLevel=1` for a harness that loads many classes once per case). */
  constructor(classPath: string, handler: string, jvmArgs: readonly string[] = []) {
    this.proc = spawn('java', ['-XX:+UseSerialGC', ...jvmArgs, '-cp', classPath, 'kil.oracle.Main', handler], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-20000);
    });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const r = JSON.parse(line) as JsonObject;
      const done = this.waiting.get(r.id as number);
      this.waiting.delete(r.id as number);
      done?.(r);
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = `the harness JVM (${handler}) exited (${code ?? signal}):\n${this.stderr}`;
      for (const [, done] of this.waiting) done({ harnessError: this.exited });
      this.waiting.clear();
    });
  }

  ask(requests: JsonObject[]): Promise<JsonObject[]> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const promises: Array<Promise<JsonObject>> = [];
    const lines: string[] = [];
    for (const req of requests) {
      const id = this.nextId++;
      promises.push(new Promise((resolve) => this.waiting.set(id, resolve)));
      lines.push(JSON.stringify({ ...req, id }));
    }
    this.proc.stdin.write(lines.join('\n') + '\n');
    return Promise.all(promises).then((rs) => rs.map(({ id: _id, ...rest }) => rest));
  }

  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.stdin.end();
    });
  }
}
