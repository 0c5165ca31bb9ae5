/**
 * The Java side of the oracles: resolve a Maven profile's classpath (test/oracles/java/pom.xml) into the
 * repository's cache, compile the harness sources with javac, and talk to the harness over the line
 * protocol (kil.oracle.Main: one JSON request per line on stdin, one JSON result per line on stdout).
 *
 * Caches (all under .cache/, gitignored):
 * - .cache/m2/                         the Maven repository (dependencies and Maven's own plugins);
 * - .cache/oracles/cp/<profile>.txt    a profile's classpath, with the hash of the profile's pom (profilePom);
 * - .cache/oracles/classes/<profile>-<hash>/  compiled harness classes, by hash of sources + classpath.
 * The first run resolves online (Maven Central) and says so; afterwards Maven runs offline (-o). What is not
 * cached is resolved in one Maven run and compiled in one JVM for all the oracles of a run (compileAll).
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

/**
 * A profile as a pom of its own: the shared part of pom.xml (everything before `<profiles>`) with the profile's
 * `dependencyManagement` and `dependencies` moved to the project (after the shared dependencies, as `-P <profile>`
 * adds them), and `mdep.outputFile` set to `cp.txt` next to it. Its hash says when the profile's classpath is stale:
 * editing one profile re-resolves that one only.
 */
export function profilePom(profile: string, pom = readFileSync(POM, 'utf8')): string {
  const at = pom.indexOf('<profiles>');
  const m = new RegExp(`<profile>\\s*<id>${profile.replace(/\./g, '\\.')}</id>([\\s\\S]*?)</profile>`).exec(pom);
  if (at < 0 || !m) throw new Error(`no profile ${profile} in ${relative(ROOT, POM)}`);
  let body = m[1];
  const take = (tag: string) => {
    const r = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body);
    if (!r) return '';
    body = body.replace(r[0], '');
    return r[1];
  };
  const managed = take('dependencyManagement');
  const deps = take('dependencies');
  if (body.replace(/<!--[\s\S]*?-->/g, '').trim())
    throw new Error(`profile ${profile}: only dependencyManagement and dependencies are supported, found ${body.trim()}`);
  let head = pom.slice(0, at).replace(/<!--[\s\S]*?-->/g, '');
  head = head.replace('<artifactId>java-oracles</artifactId>', `<artifactId>cp-${profile}</artifactId>`);
  head = head.replace('</properties>', '  <mdep.outputFile>${project.basedir}/cp.txt</mdep.outputFile>\n  </properties>');
  if (managed) head = head.replace('\n  <dependencies>', `\n  <dependencyManagement>${managed}</dependencyManagement>\n  <dependencies>`);
  head = head.replace(/<\/dependencies>\s*$/, `${deps}</dependencies>\n`);
  return `${head.trim()}\n</project>\n`;
}

function cachedClasspath(profile: string, hash: string): string | undefined {
  const file = join(CP_DIR, `${profile}.txt`);
  if (!existsSync(file)) return undefined;
  const [h, cp] = readFileSync(file, 'utf8').split('\n');
  return h === hash && cp && cp.split(':').every((j) => existsSync(j)) ? cp : undefined;
}

/**
 * Resolves the classpaths of several profiles, those not cached yet, in one Maven run (a reactor of one module per
 * profile, in a temporary folder under .cache/oracles): offline first, then online for what the cache lacks.
 */
export function resolveClasspaths(profiles: readonly string[]): void {
  const pom = readFileSync(POM, 'utf8');
  const stale = [...new Set(profiles)]
    .map((p) => ({ profile: p, text: profilePom(p, pom) }))
    .filter((p) => !cachedClasspath(p.profile, sha(p.text)));
  if (stale.length === 0) return;
  mkdirSync(CP_DIR, { recursive: true });
  const dir = join(CACHE, 'oracles', `reactor-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    const reactor = (todo: typeof stale, offline: boolean) => {
      for (const { profile, text } of todo) {
        mkdirSync(join(dir, profile), { recursive: true });
        rmSync(join(dir, profile, 'cp.txt'), { force: true });
        writeFileSync(join(dir, profile, 'pom.xml'), text);
      }
      writeFileSync(
        join(dir, 'pom.xml'),
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>' +
          '<groupId>kafka-idempotence-lint</groupId><artifactId>java-oracles-reactor</artifactId><version>0</version><packaging>pom</packaging>' +
          `${/<build>[\s\S]*?<\/build>/.exec(pom)?.[0] ?? ''}<modules>${todo.map((t) => `<module>${t.profile}</module>`).join('')}</modules></project>\n`,
      );
      return spawnSync(
        'mvn',
        [
          '-q',
          '-B',
          '-fae',
          ...(offline ? ['-o'] : []),
          '-f',
          join(dir, 'pom.xml'),
          `-Dmaven.repo.local=${M2}`,
          'dependency:build-classpath',
        ],
        {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        },
      );
    };
    const done = (t: (typeof stale)[number]) => existsSync(join(dir, t.profile, 'cp.txt'));
    let r = reactor(stale, true);
    const online = stale.filter((t) => !done(t));
    if (online.length) {
      console.log(
        `[oracles] resolving the Maven profiles ${online.map((t) => t.profile).join(', ')} into ${relative(ROOT, M2)} (once; needs Maven Central)`,
      );
      rmSync(dir, { recursive: true, force: true });
      r = reactor(online, false);
    }
    const failed = stale.filter((t) => !done(t));
    if (failed.length)
      throw new Error(`mvn could not resolve the profiles ${failed.map((t) => t.profile).join(', ')}:\n${r.stdout}\n${r.stderr}`);
    for (const t of stale)
      writeFileSync(join(CP_DIR, `${t.profile}.txt`), `${sha(t.text)}\n${readFileSync(join(dir, t.profile, 'cp.txt'), 'utf8').trim()}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The classpath of a Maven profile (jars in .cache/m2), resolved once: offline when the cache has it, else online. */
export function classpath(profile: string): string {
  const hash = sha(profilePom(profile));
  let cp = cachedClasspath(profile, hash);
  if (!cp) {
    resolveClasspaths([profile]);
    cp = cachedClasspath(profile, hash)!;
  }
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

interface CompileJob {
  profile: string;
  sourceSets: string[];
  dirs: string[];
  files: string[];
  cp: string;
  out: string;
}

function compileJob(profile: string, sourceSets: string[]): CompileJob {
  const cp = classpath(profile);
  const dirs = sourceSets.map((s) => join(JAVA_DIR, 'src', s));
  const files = dirs.flatMap(javaFiles);
  const hash = sha(cp, ...files.map((f) => relative(JAVA_DIR, f)), ...files.map((f) => readFileSync(f)));
  return { profile, sourceSets, dirs, files, cp, out: join(CLASSES_DIR, `${profile}-${hash}`) };
}

const compiled = (j: CompileJob) => existsSync(join(j.out, '.done'));

function finish(j: CompileJob): void {
  // resources (META-INF/services) next to the sources
  for (const d of j.dirs) if (existsSync(join(d, 'META-INF'))) cpSync(join(d, 'META-INF'), join(j.out, 'META-INF'), { recursive: true });
  writeFileSync(join(j.out, '.done'), '');
}

/**
 * Compiles several harnesses (profile + source sets) that are not cached yet in one JVM (java/tools/BatchCompile.java,
 * javac's API two at a time): one javac start-up instead of one per profile.
 */
export function compileAll(harnesses: ReadonlyArray<{ profile: string; sourceSets: string[] }>): void {
  resolveClasspaths(harnesses.map((h) => h.profile));
  const jobs = new Map<string, CompileJob>();
  for (const h of harnesses) {
    const j = compileJob(h.profile, h.sourceSets);
    if (!compiled(j)) jobs.set(j.out, j);
  }
  if (jobs.size === 0) return;
  mkdirSync(CLASSES_DIR, { recursive: true });
  for (const j of jobs.values()) {
    rmSync(j.out, { recursive: true, force: true });
    mkdirSync(j.out, { recursive: true });
  }
  const list = join(CLASSES_DIR, `jobs-${process.pid}.txt`);
  writeFileSync(list, [...jobs.values()].map((j) => [j.out, j.cp, ...j.files].join('\n')).join('\n\n') + '\n');
  try {
    const r = spawnSync('java', ['-XX:TieredStopAtLevel=1', join(JAVA_DIR, 'tools', 'BatchCompile.java'), list], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    for (const j of jobs.values()) if (r.stdout.includes(`ok ${j.out}\n`)) finish(j);
    const failed = [...jobs.values()].filter((j) => !compiled(j));
    if (failed.length)
      throw new Error(
        `javac failed for ${failed.map((j) => `${j.profile} (${j.sourceSets.join(', ')})`).join(', ')}:\n${r.stdout}${r.stderr}`,
      );
  } finally {
    rmSync(list, { force: true });
  }
}

/**
 * Compiles the harness source sets (folders under test/oracles/java/src, e.g. ['common', 'producer',
 * 'clients']) against a profile's classpath; returns the full runtime classpath. Cached by content.
 */
export function compile(profile: string, sourceSets: string[]): string {
  const j = compileJob(profile, sourceSets);
  if (!compiled(j)) compileAll([{ profile, sourceSets }]);
  return `${j.out}:${j.cp}`;
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
