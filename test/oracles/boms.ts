/**
 * The platform tables (server/src/service/build/platforms.ts: which kafka-clients a Spring Boot, Quarkus or Micronaut
 * release manages, which Kafka binder a Spring Cloud train manages) against the BOMs Maven serves. Per release
 * checked, a pom that imports the platform's BOM is resolved by Maven (`help:effective-pom`, into .cache/m2, one
 * reactor for all releases, offline once cached) and the managed version read from the effective
 * dependencyManagement. Spring Boot before 2.0.2 managed only spring-kafka: its kafka-clients is the one that
 * spring-kafka's published pom depends on. A release Maven does not serve is reported as such (docs/versions.md
 * names the source of those rows).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { load } from '../support';
import { CACHE, M2 } from './java';
import type * as Platforms from '../../server/src/service/build/platforms';

const platforms = load('service/build/platforms');

type Platform = Platforms.Platform;

export interface BomCheck {
  platform: Platform;
  release: string;
  /** g:a:v of the BOM resolved. */
  bom: string;
  table: string | undefined;
  served: string | undefined;
  /** Maven could not resolve the BOM (not served, or offline without it). */
  notServed?: boolean;
}

const KAFKA = 'org.apache.kafka:kafka-clients';
const BINDER = 'org.springframework.cloud:spring-cloud-stream-binder-kafka';

/** The BOM a release of a platform is checked against, and the artifact whose managed version the table gives. */
export function bomOf(platform: Platform, release: string, core = false): { bom: string; managed: string } {
  const major = Number(release.split('.')[0]);
  switch (platform) {
    case 'spring-boot':
      return {
        bom: `org.springframework.boot:spring-boot-dependencies:${release}${major < 2 || /^2\.[0-3]\./.test(release) ? '.RELEASE' : ''}`,
        managed: KAFKA,
      };
    case 'spring-cloud':
      return { bom: `org.springframework.cloud:spring-cloud-dependencies:${release}`, managed: BINDER };
    case 'quarkus':
      // (1.x and 2.x releases carry .Final; the core BOM io.quarkus:quarkus-bom manages the same kafka-clients as the platform's)
      return {
        bom: `${major < 2 || core ? 'io.quarkus' : 'io.quarkus.platform'}:quarkus-bom:${release}${major < 3 ? '.Final' : ''}`,
        managed: KAFKA,
      };
    case 'micronaut':
      return {
        bom: major < 4 ? `io.micronaut:micronaut-bom:${release}` : `io.micronaut.platform:micronaut-platform:${release}`,
        managed: KAFKA,
      };
  }
}

/**
 * The sample `npm test` checks: old and new rows of each table, a named Spring Cloud train, Boot before 2.0.2 (through
 * spring-kafka), Quarkus 1.x (io.quarkus:quarkus-bom) and Micronaut 3.x (micronaut-bom importing micronaut-kafka's).
 */
export const BOM_SAMPLE: Array<{ platform: Platform; release: string }> = [
  ['spring-boot', '2.0.1'],
  ['spring-boot', '4.0.4'],
  ['spring-boot', '4.0.9'],
  ['spring-boot', '4.1.0'],
  ['spring-cloud', 'Hoxton.SR8'],
  ['spring-cloud', '2025.1.1'],
  ['quarkus', '1.13.7'],
  ['quarkus', '3.30.3'],
  ['micronaut', '3.5.0'],
  ['micronaut', '4.10.0'],
].map(([platform, release]) => ({ platform: platform as Platform, release }));

/** Every row's first and last release (`sample`: only the newest row of each table). */
export function bomReleases(sample = false): Array<{ platform: Platform; release: string }> {
  const rows = platforms.platformRows();
  const out: Array<{ platform: Platform; release: string }> = [];
  for (const p of [...new Set(rows.map((r) => r.platform))]) {
    const mine = rows.filter((r) => r.platform === p);
    for (const r of sample ? mine.slice(-1) : mine) for (const v of new Set([r.from, r.to])) out.push({ platform: p, release: v });
  }
  return out;
}

const HELP_PLUGIN =
  '<build><pluginManagement><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-help-plugin</artifactId><version>3.5.1</version></plugin></plugins></pluginManagement></build>';

function modulePom(id: string, bom: string): string {
  const [g, a, v] = bom.split(':');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>kil-boms</groupId><artifactId>${id}</artifactId><version>0</version><packaging>pom</packaging>
${HELP_PLUGIN}
<dependencyManagement><dependencies><dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement></project>\n`;
}

/** The version an effective pom's dependencyManagement gives an artifact. */
function managedIn(effective: string, ga: string): string | undefined {
  const [g, a] = ga.split(':');
  const re = new RegExp(
    `<dependency>\\s*<groupId>${g.replace(/\./g, '\\.')}</groupId>\\s*<artifactId>${a}</artifactId>\\s*<version>([^<]+)</version>`,
  );
  return re.exec(effective)?.[1];
}

function m2Pom(gav: string): string | undefined {
  const [g, a, v] = gav.split(':');
  const f = join(M2, ...g.split('.'), a, v, `${a}-${v}.pom`);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}

function mavenRun(dir: string, ids: string[], offline: boolean) {
  writeFileSync(
    join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>kil-boms</groupId><artifactId>reactor</artifactId><version>0</version><packaging>pom</packaging>${HELP_PLUGIN}<modules>${ids.map((i) => `<module>${i}</module>`).join('')}</modules></project>\n`,
  );
  const out = join(dir, 'effective.xml');
  rmSync(out, { force: true });
  const r = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-fae',
      ...(offline ? ['-o'] : []),
      '-f',
      join(dir, 'pom.xml'),
      `-Dmaven.repo.local=${M2}`,
      'help:effective-pom',
      `-Doutput=${out}`,
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  // (a reactor's effective poms come in one file: each module's goes next to its pom)
  if (existsSync(out)) {
    for (const part of readFileSync(out, 'utf8').split(/(?=<project[\s>])/)) {
      const id = /<groupId>kil-boms<\/groupId>\s*<artifactId>(m\d+)<\/artifactId>/.exec(part)?.[1];
      if (id && ids.includes(id)) writeFileSync(join(dir, id, 'effective.xml'), part);
    }
  }
  return r;
}

/**
 * Resolves the BOMs (one Maven reactor: offline, then online for what the cache lacks; one module a BOM, so one that
 * is not served fails alone). A Quarkus platform BOM Maven does not serve is checked through the core BOM of the
 * same release (io.quarkus:quarkus-bom, which the table covers too), when that is served.
 */
export function checkBoms(releases: Array<{ platform: Platform; release: string }>): BomCheck[] {
  const checks = resolveBoms(releases, false);
  const retry = checks.filter((c) => c.notServed && c.platform === 'quarkus' && !c.bom.startsWith('io.quarkus:'));
  if (retry.length === 0) return checks;
  const core = new Map(
    resolveBoms(retry, true)
      .filter((c) => !c.notServed)
      .map((c) => [c.release, c]),
  );
  return checks.map((c) => (retry.includes(c) && core.has(c.release) ? core.get(c.release)! : c));
}

function resolveBoms(releases: Array<{ platform: Platform; release: string }>, core: boolean): BomCheck[] {
  const dir = join(CACHE, 'oracles', `boms-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const jobs = releases.map((r, i) => ({ platform: r.platform, release: r.release, ...bomOf(r.platform, r.release, core), id: `m${i}` }));
  try {
    for (const j of jobs) {
      mkdirSync(join(dir, j.id), { recursive: true });
      writeFileSync(join(dir, j.id, 'pom.xml'), modulePom(j.id, j.bom));
    }
    const done = (j: (typeof jobs)[number]) => existsSync(join(dir, j.id, 'effective.xml'));
    // A module whose import is not served stops the whole reactor's model building: a failing batch is halved until
    // each unserved BOM fails alone (k unserved BOMs among n cost about 2k·log2(n/k) Maven runs, not n).
    const bisect = (batch: typeof jobs, offline: boolean) => {
      const todo = batch.filter((j) => !done(j));
      if (todo.length === 0) return;
      mavenRun(
        dir,
        todo.map((j) => j.id),
        offline,
      );
      const left = todo.filter((j) => !done(j));
      if (left.length === 0 || todo.length === 1) return;
      const half = Math.ceil(left.length / 2);
      bisect(left.slice(0, half), offline);
      bisect(left.slice(half), offline);
    };
    // offline, in one run (a cold cache fails it whole: bisecting offline would isolate every BOM)
    mavenRun(
      dir,
      jobs.map((j) => j.id),
      true,
    );
    if (jobs.some((j) => !done(j))) {
      console.log(`[oracles] resolving ${jobs.filter((j) => !done(j)).length} platform BOMs into .cache/m2 (once; needs Maven Central)`);
      bisect(jobs, false);
    }
    return jobs.map((j) => {
      const table = platforms.managedVersion(j.platform, j.release);
      if (!done(j)) return { platform: j.platform, release: j.release, bom: j.bom, table, served: undefined, notServed: true };
      const effective = readFileSync(join(dir, j.id, 'effective.xml'), 'utf8');
      let served = managedIn(effective, j.managed);
      if (!served && j.platform === 'spring-boot') {
        // Boot before 2.0.2: the kafka-clients of the spring-kafka it manages
        const sk = managedIn(effective, 'org.springframework.kafka:spring-kafka');
        if (sk) {
          if (!m2Pom(`org.springframework.kafka:spring-kafka:${sk}`)) {
            spawnSync(
              'mvn',
              [
                '-q',
                '-B',
                `-Dmaven.repo.local=${M2}`,
                'dependency:get',
                `-Dartifact=org.springframework.kafka:spring-kafka:${sk}:pom`,
                '-Dtransitive=false',
              ],
              { encoding: 'utf8' },
            );
          }
          const pom = m2Pom(`org.springframework.kafka:spring-kafka:${sk}`);
          served = pom && /<artifactId>kafka-clients<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
        }
      }
      // (the table writes releases without Maven's .RELEASE / .Final qualifiers)
      return { platform: j.platform, release: j.release, bom: j.bom, table, served: served?.replace(/\.(RELEASE|Final)$/, '') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The checks whose table row says something else than the BOM Maven serves. */
export const bomDisagreements = (checks: BomCheck[]) => checks.filter((c) => !c.notServed && c.table !== c.served);

export function bomSummary(checks: BomCheck[]): string {
  const served = checks.filter((c) => !c.notServed);
  const bad = bomDisagreements(checks);
  const lines = [
    `platform BOMs: ${served.length - bad.length}/${served.length} releases agree with the table; ${checks.length - served.length} not served by Maven`,
  ];
  for (const c of bad)
    lines.push(`  ${c.platform} ${c.release}: table ${c.table ?? '(none)'}, ${c.bom} manages ${c.served ?? '(nothing)'}`);
  for (const c of checks.filter((x) => x.notServed)) lines.push(`  not served: ${c.bom} (table: ${c.table})`);
  return lines.join('\n');
}
