/**
 * The kafka-clients version from the build file, through the CLI: the nearest pom.xml /
 * build.gradle(.kts) / gradle/libs.versions.toml that declares it decides; a flag and the
 * configuration file override it; a module without the dependency defers to the folders above;
 * the walk stops at the repository root. And the finder module the language server shares
 * (mtime cache, notes for versions it does not guess).
 */
import test, { after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Finder from '../../server/src/config/buildVersion';
import type * as Service from '../../server/src/service';
import { ACKS1, json, ROOT, tempFolders, write } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const finder = require(path.join(ROOT, 'server', 'out', 'config', 'buildVersion')) as typeof Finder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require(path.join(ROOT, 'server', 'out', 'service')) as typeof Service;
const { dir, cleanup } = tempFolders('kafka-idempotence-build-');
after(cleanup);

const NOT_ON = 'idempotence-not-on-by-default';
const DOWNGRADE = 'idempotence-implicit-downgrade';
const RES = 'src/main/resources/producer.properties';

const pom = (version: string | undefined, extra = '') =>
  `<project>\n  <modelVersion>4.0.0</modelVersion>\n${extra}  <dependencies>\n    <dependency>\n      <groupId>org.apache.kafka</groupId>\n      <artifactId>kafka-clients</artifactId>\n${version === undefined ? '' : `      <version>${version}</version>\n`}    </dependency>\n  </dependencies>\n</project>\n`;

/** Rule ids per file, from the JSON output. */
function rules(args: string[], cwd: string): Record<string, string[]> {
  const { run, report } = json(args, cwd);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return Object.fromEntries(report.map((r) => [r.file, r.findings.map((f) => f.ruleId)]));
}

describe('the version from the build file (CLI)', () => {
  test('pom.xml declares 3.0.0: acks=1 is judged for 3.0.0; --kafka-clients-version overrides it', () => {
    const d = dir();
    write(d, 'pom.xml', pom('3.0.0'));
    write(d, RES, ACKS1);
    assert.deepEqual(rules(['.'], d), { [RES]: [NOT_ON] });
    assert.deepEqual(rules(['--kafka-clients-version', '3.9', '.'], d), { [RES]: [DOWNGRADE] });
    // latest: the newest 4.x, the build file is not read
    assert.deepEqual(rules(['--kafka-clients-version', 'latest', '.'], d), { [RES]: [DOWNGRADE] });
    // auto on the command line is the default: detect
    assert.deepEqual(rules(['--kafka-clients-version', 'auto', '.'], d), { [RES]: [NOT_ON] });
  });

  test('${kafka.version} from the parent pom; a module pom without kafka-clients defers upward', () => {
    const d = dir();
    write(d, 'pom.xml', '<project>\n  <packaging>pom</packaging>\n  <properties>\n    <kafka.version>3.0.0</kafka.version>\n  </properties>\n</project>\n');
    write(d, 'app/pom.xml', pom('${kafka.version}'));
    write(d, `app/${RES}`, ACKS1);
    write(d, 'web/pom.xml', '<project><dependencies><dependency><groupId>org.example</groupId><artifactId>x</artifactId><version>1</version></dependency></dependencies></project>');
    write(d, `web/${RES}`, ACKS1);
    // web's pom does not declare kafka-clients and the root pom neither: the newest 4.x
    assert.deepEqual(rules(['.'], d), { [`app/${RES}`]: [NOT_ON], [`web/${RES}`]: [DOWNGRADE] });
  });

  test('a managed dependency in a module, the version in the parent\'s <dependencyManagement>', () => {
    const d = dir();
    write(
      d,
      'pom.xml',
      '<project>\n  <dependencyManagement>\n    <dependencies>\n      <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>3.1.0</version></dependency>\n    </dependencies>\n  </dependencyManagement>\n</project>\n',
    );
    write(d, 'svc/pom.xml', pom(undefined));
    write(d, 'svc/producer.properties', ACKS1);
    assert.deepEqual(rules(['.'], d), { 'svc/producer.properties': [NOT_ON] });
  });

  test('build.gradle in the module, gradle.properties at the root', () => {
    const d = dir();
    write(d, 'settings.gradle.kts', 'include("app")\n');
    write(d, 'gradle.properties', 'org.gradle.jvmargs=-Xmx1g\nkafkaVersion=3.0.0\n');
    write(d, 'app/build.gradle.kts', 'val kafkaVersion: String by project\ndependencies {\n    implementation("org.apache.kafka:kafka-clients:$kafkaVersion")\n}\n');
    write(d, `app/${RES}`, ACKS1);
    write(d, 'lib/build.gradle', "dependencies {\n  implementation group: 'org.apache.kafka', name: 'kafka-clients', version: '3.9.0'\n}\n");
    write(d, `lib/${RES}`, ACKS1);
    assert.deepEqual(rules(['app', 'lib'], d), { [`app/${RES}`]: [NOT_ON], [`lib/${RES}`]: [DOWNGRADE] });
  });

  test('the version catalog at the root, used by a module that names only its alias', () => {
    const d = dir();
    write(d, 'gradle/libs.versions.toml', '[versions]\nkafka = "3.0.0"\n\n[libraries]\nkafka-clients = { module = "org.apache.kafka:kafka-clients", version.ref = "kafka" }\n');
    write(d, 'app/build.gradle.kts', 'dependencies {\n    implementation(libs.kafka.clients)\n}\n');
    write(d, `app/${RES}`, ACKS1);
    assert.deepEqual(rules(['.'], d), { [`app/${RES}`]: [NOT_ON] });
  });

  test('the configuration file overrides the build file; a flag overrides both', () => {
    const d = dir();
    write(d, 'pom.xml', pom('3.0.0'));
    write(d, '.kafka-idempotence.json', JSON.stringify({ kafkaClientsVersion: '3.9' }));
    write(d, 'producer.properties', ACKS1);
    assert.deepEqual(rules(['.'], d), { 'producer.properties': [DOWNGRADE] });
    assert.deepEqual(rules(['--kafka-clients-version', '3.1.0', '.'], d), { 'producer.properties': [NOT_ON] });
    // a configuration file saying auto leaves it to the build file
    write(d, '.kafka-idempotence.json', JSON.stringify({ kafkaClientsVersion: 'auto' }));
    assert.deepEqual(rules(['.'], d), { 'producer.properties': [NOT_ON] });
  });

  test('the walk stops at the repository root (the folder holding .git)', () => {
    const d = dir();
    write(d, 'pom.xml', pom('3.0.0'));
    fs.mkdirSync(path.join(d, 'repo', '.git'), { recursive: true });
    write(d, 'repo/producer.properties', ACKS1);
    assert.deepEqual(rules(['repo'], d), { 'repo/producer.properties': [DOWNGRADE] });
    // a worktree's .git is a file
    fs.rmSync(path.join(d, 'repo', '.git'), { recursive: true });
    write(d, 'repo/.git', 'gitdir: /elsewhere\n');
    assert.deepEqual(rules(['repo'], d), { 'repo/producer.properties': [DOWNGRADE] });
    fs.rmSync(path.join(d, 'repo', '.git'));
    assert.deepEqual(rules(['repo'], d), { 'repo/producer.properties': [NOT_ON] });
  });

  test('a version that is not guessed (range, Confluent build, managed by a remote BOM): the newest 4.x', () => {
    const d = dir();
    write(d, 'a/pom.xml', pom('[3.0,4.0)'));
    write(d, 'a/producer.properties', ACKS1);
    write(d, 'b/build.gradle', "dependencies { implementation 'org.apache.kafka:kafka-clients:7.6.0-ccs' }\n");
    write(d, 'b/producer.properties', ACKS1);
    write(d, 'c/pom.xml', pom(undefined, '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent>\n'));
    write(d, 'c/producer.properties', ACKS1);
    // the nearest declaration decides even when it gives no version: a pom above it is not used
    write(d, 'pom.xml', pom('3.0.0'));
    fs.mkdirSync(path.join(d, '.git'));
    assert.deepEqual(rules(['a', 'b', 'c'], d), {
      'a/producer.properties': [DOWNGRADE],
      'b/producer.properties': [DOWNGRADE],
      'c/producer.properties': [NOT_ON],
    });
  });
});

describe('the finder the language server shares', () => {
  test('source names the file and line; a change to the file is seen (mtime); notes say why nothing was used', () => {
    const d = dir();
    const pomPath = write(d, 'pom.xml', pom('3.9.0'));
    const file = path.join(d, RES);
    write(d, RES, ACKS1);
    const f = new finder.BuildVersionFinder(false);
    assert.deepEqual(f.find(file), { version: '3.9.0', source: `${pomPath}:7 (org.apache.kafka:kafka-clients 3.9.0)` });
    fs.writeFileSync(pomPath, pom('${kafka.version}', '  <properties>\n    <kafka.version>3.0.0</kafka.version>\n  </properties>\n'));
    fs.utimesSync(pomPath, new Date(), new Date(Date.now() + 5000)); // a different mtime even on a coarse clock
    assert.deepEqual(f.find(file), { version: '3.0.0', source: `${pomPath}:4 (org.apache.kafka:kafka-clients 3.0.0 via \${kafka.version})` });
    fs.writeFileSync(pomPath, pom(undefined));
    fs.utimesSync(pomPath, new Date(), new Date(Date.now() + 10000));
    const managed = f.find(file);
    assert.equal(managed.version, undefined);
    assert.match(managed.note ?? '', /pom\.xml:4: kafka-clients has no <version> here \(managed by a parent or a BOM\)/);

    const settings = finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS }, file, f);
    assert.equal(settings.kafkaClientsVersion, 'auto');
    assert.equal(settings.kafkaClientsVersionNote, managed.note);
    const fixed = finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS, kafkaClientsVersion: '3.5' }, file, f);
    assert.equal(fixed.kafkaClientsVersion, '3.5', 'a version set on purpose is left alone');
    assert.equal(fixed.kafkaClientsVersionSource, undefined);
  });

  test('with cached lookups (the CLI) one walk per folder; clear() forgets', () => {
    const d = dir();
    const gradlePath = write(d, 'build.gradle', "dependencies { implementation 'org.apache.kafka:kafka-clients:3.2.0' }\n");
    write(d, 'a.properties', ACKS1);
    const f = new finder.BuildVersionFinder(true);
    assert.equal(f.find(path.join(d, 'a.properties')).version, '3.2.0');
    fs.writeFileSync(gradlePath, "dependencies { implementation 'org.apache.kafka:kafka-clients:3.3.0' }\n");
    assert.equal(f.find(path.join(d, 'b.properties')).version, '3.2.0', 'the folder\'s answer is remembered for the run');
    f.clear();
    assert.equal(f.find(path.join(d, 'b.properties')).version, '3.3.0');
  });
});
