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
import { ACKS1, json, tempFolders, write } from './helpers';
import { load } from '../support';

const finder = load('config/buildVersion');
const service = load('service');
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
    write(
      d,
      'pom.xml',
      '<project>\n  <packaging>pom</packaging>\n  <properties>\n    <kafka.version>3.0.0</kafka.version>\n  </properties>\n</project>\n',
    );
    write(d, 'app/pom.xml', pom('${kafka.version}'));
    write(d, `app/${RES}`, ACKS1);
    write(
      d,
      'web/pom.xml',
      '<project><dependencies><dependency><groupId>org.example</groupId><artifactId>x</artifactId><version>1</version></dependency></dependencies></project>',
    );
    write(d, `web/${RES}`, ACKS1);
    // web's pom does not declare kafka-clients and the root pom neither: the newest 4.x
    assert.deepEqual(rules(['.'], d), { [`app/${RES}`]: [NOT_ON], [`web/${RES}`]: [DOWNGRADE] });
  });

  test("a managed dependency in a module, the version in the parent's <dependencyManagement>", () => {
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
    write(
      d,
      'app/build.gradle.kts',
      'val kafkaVersion: String by project\ndependencies {\n    implementation("org.apache.kafka:kafka-clients:$kafkaVersion")\n}\n',
    );
    write(d, `app/${RES}`, ACKS1);
    write(
      d,
      'lib/build.gradle',
      "dependencies {\n  implementation group: 'org.apache.kafka', name: 'kafka-clients', version: '3.9.0'\n}\n",
    );
    write(d, `lib/${RES}`, ACKS1);
    assert.deepEqual(rules(['app', 'lib'], d), { [`app/${RES}`]: [NOT_ON], [`lib/${RES}`]: [DOWNGRADE] });
  });

  test('the version catalog at the root, used by a module that names only its alias', () => {
    const d = dir();
    write(
      d,
      'gradle/libs.versions.toml',
      '[versions]\nkafka = "3.0.0"\n\n[libraries]\nkafka-clients = { module = "org.apache.kafka:kafka-clients", version.ref = "kafka" }\n',
    );
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

  test('a version that is not guessed (range, Confluent build, managed by a remote parent not in the table): the newest 4.x', () => {
    const d = dir();
    write(d, 'a/pom.xml', pom('[3.0,4.0)'));
    write(d, 'a/producer.properties', ACKS1);
    write(d, 'b/build.gradle', "dependencies { implementation 'org.apache.kafka:kafka-clients:7.6.0-ccs' }\n");
    write(d, 'b/producer.properties', ACKS1);
    // a corporate parent the linter does not know: the managed version is looked for further up (the root pom's 3.0.0)
    write(
      d,
      'c/pom.xml',
      pom(undefined, '  <parent><groupId>com.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>\n'),
    );
    write(d, 'c/producer.properties', ACKS1);
    // Spring Boot's parent manages kafka-clients: 3.4.1 brings 3.8.1, whatever the pom above says
    write(
      d,
      'boot/pom.xml',
      pom(
        undefined,
        '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent>\n',
      ),
    );
    write(d, 'boot/producer.properties', ACKS1);
    // the nearest declaration decides even when it gives no version: a pom above it is not used
    write(d, 'pom.xml', pom('3.0.0'));
    fs.mkdirSync(path.join(d, '.git'));
    assert.deepEqual(rules(['a', 'b', 'c', 'boot'], d), {
      'a/producer.properties': [DOWNGRADE],
      'b/producer.properties': [DOWNGRADE],
      'c/producer.properties': [NOT_ON],
      'boot/producer.properties': [DOWNGRADE],
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
    assert.deepEqual(f.find(file), {
      version: '3.0.0',
      source: `${pomPath}:4 (org.apache.kafka:kafka-clients 3.0.0 via \${kafka.version})`,
    });
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
    assert.equal(f.find(path.join(d, 'b.properties')).version, '3.2.0', "the folder's answer is remembered for the run");
    f.clear();
    assert.equal(f.find(path.join(d, 'b.properties')).version, '3.3.0');
  });
});

describe('the version a framework platform brings (Spring Boot, Spring Cloud, Quarkus, Micronaut)', () => {
  const BOOT_PARENT = (v: string) =>
    `  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>${v}</version>\n  </parent>\n`;
  const bare = (extra: string) => `<project>\n  <modelVersion>4.0.0</modelVersion>\n${extra}</project>\n`;
  const at = (d: string, rel = RES) => {
    write(d, rel, ACKS1);
    return path.join(d, rel);
  };
  const find = (file: string) => new finder.BuildVersionFinder(false).find(file);
  const binder = (file: string) => new finder.BuildVersionFinder(false).findBinder(file);

  test('Maven parent spring-boot-starter-parent: kafka-clients from the table, the message and the hover say where from', () => {
    const d = dir();
    const pomPath = write(d, 'pom.xml', bare(BOOT_PARENT('2.7.18')));
    const file = at(d);
    assert.deepEqual(find(file), {
      version: '3.1.2',
      source: `Spring Boot 2.7.18 in ${pomPath}:3 (parent spring-boot-starter-parent)`,
      via: 'Spring Boot 2.7.18 in pom.xml',
    });
    const { report } = json(['.'], d);
    assert.deepEqual(
      report[0].findings.map((f) => f.ruleId),
      [DOWNGRADE],
    );
    assert.match(
      report[0].findings[0].message,
      /^kafka-clients 3\.1\.2 \(from Spring Boot 2\.7\.18 in pom\.xml\) silently disables idempotence/,
    );
    const settings = finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS }, file, new finder.BuildVersionFinder(false));
    const text = 'acks=all\n';
    const h = service.hover({ fileName: 'producer.properties', text }, settings, 1);
    assert.match(
      h?.markdown ?? '',
      /kafka-clients 3\.1\.2, from Spring Boot 2\.7\.18 in .*pom\.xml:3 \(parent spring-boot-starter-parent\)/,
    );
  });

  test('Spring Boot 2.6.3 brings kafka-clients 3.0.0 (idempotence never on by default); an explicit kafka-clients or kafka.version still wins', () => {
    const d = dir();
    write(d, 'pom.xml', bare(BOOT_PARENT('2.6.3')));
    write(d, RES, ACKS1);
    assert.deepEqual(rules(['.'], d), { [RES]: [NOT_ON] });
    write(d, 'pom.xml', pom('3.9.0', BOOT_PARENT('2.6.3')));
    assert.deepEqual(rules(['.'], d), { [RES]: [DOWNGRADE] });
    write(d, 'pom.xml', bare(`${BOOT_PARENT('2.6.3')}  <properties>\n    <kafka.version>3.9.1</kafka.version>\n  </properties>\n`));
    assert.equal(find(path.join(d, RES)).version, '3.9.1');
  });

  test('a BOM import through a property; a parent the table does not know: not detected, the note says why', () => {
    const d = dir();
    write(
      d,
      'pom.xml',
      bare(
        '  <properties>\n    <spring-boot.version>3.2.5</spring-boot.version>\n  </properties>\n  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>org.springframework.boot</groupId>\n        <artifactId>spring-boot-dependencies</artifactId>\n        <version>${spring-boot.version}</version>\n        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n',
      ),
    );
    const file = at(d);
    assert.equal(find(file).version, '3.6.2');
    assert.match(
      find(file).source ?? '',
      /Spring Boot 3\.2\.5 in .*pom\.xml:8 \(BOM spring-boot-dependencies, version from .*pom\.xml:4\)$/,
    );
    write(d, 'pom.xml', bare(BOOT_PARENT('9.9.9')));
    const none = find(file);
    assert.equal(none.version, undefined);
    assert.match(none.note ?? '', /Spring Boot 9\.9\.9 \(parent spring-boot-starter-parent\) is not in the linter's table/);
  });

  test('Gradle plugins DSL: with the dependency-management plugin; without it the plugin manages nothing', () => {
    const d = dir();
    write(
      d,
      'build.gradle',
      "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '2.6.3'\n  id 'io.spring.dependency-management' version '1.0.11.RELEASE'\n}\ndependencies { implementation 'org.springframework.kafka:spring-kafka' }\n",
    );
    const file = at(d);
    assert.deepEqual(find(file), {
      version: '3.0.0',
      source: `Spring Boot 2.6.3 in ${path.join(d, 'build.gradle')}:3 (plugin org.springframework.boot)`,
      via: 'Spring Boot 2.6.3 in build.gradle',
    });
    write(d, 'build.gradle', "plugins {\n  id 'org.springframework.boot' version '2.6.3'\n}\n");
    assert.match(find(file).note ?? '', /manages versions only with the io\.spring\.dependency-management plugin/);
    // a platform that gives no version defers to the folders above, as a file that declares nothing
    const up = dir();
    write(up, 'build.gradle', "subprojects {\n  dependencies { implementation 'org.apache.kafka:kafka-clients:3.0.0' }\n}\n");
    write(up, 'svc/build.gradle', "plugins {\n  id 'org.springframework.boot' version '2.6.3'\n}\n");
    assert.equal(find(at(up, `svc/${RES}`)).version, '3.0.0');
    // Kotlin DSL, the version in the root project (apply false), dependency management applied by the module
    const k = dir();
    write(k, 'build.gradle.kts', 'plugins {\n  id("org.springframework.boot") version "3.3.4" apply false\n}\n');
    write(k, 'app/build.gradle.kts', 'plugins {\n  id("org.springframework.boot")\n  id("io.spring.dependency-management")\n}\n');
    assert.equal(find(at(k, `app/${RES}`)).version, '3.7.1');
  });

  test('apply plugin with the Boot plugin on the buildscript classpath, its version in ext', () => {
    const d = dir();
    write(
      d,
      'build.gradle',
      "buildscript {\n  ext { springBootVersion = '2.5.14' }\n  dependencies {\n    classpath \"org.springframework.boot:spring-boot-gradle-plugin:${springBootVersion}\"\n  }\n}\napply plugin: 'org.springframework.boot'\napply plugin: 'io.spring.dependency-management'\n",
    );
    const r = find(at(d));
    assert.equal(r.version, '2.7.2');
    assert.match(
      r.source ?? '',
      /Spring Boot 2\.5\.14 in .*build\.gradle:4 \(buildscript classpath spring-boot-gradle-plugin, version from .*build\.gradle:2\)$/,
    );
  });

  test('version catalog: the Boot plugin by alias, and the Boot BOM as a library', () => {
    const d = dir();
    write(
      d,
      'gradle/libs.versions.toml',
      '[versions]\nboot = "3.1.5"\n\n[plugins]\nspring-boot = { id = "org.springframework.boot", version.ref = "boot" }\nspring-dm = { id = "io.spring.dependency-management", version = "1.1.4" }\n',
    );
    write(
      d,
      'build.gradle.kts',
      'plugins {\n  alias(libs.plugins.spring.boot)\n  alias(libs.plugins.spring.dm)\n  id("io.spring.dependency-management")\n}\n',
    );
    assert.equal(find(at(d)).version, '3.4.1');
    const l = dir();
    write(
      l,
      'gradle/libs.versions.toml',
      '[versions]\nboot = "3.0.2"\n\n[libraries]\nboot-bom = { module = "org.springframework.boot:spring-boot-dependencies", version.ref = "boot" }\n',
    );
    write(l, 'app/build.gradle.kts', 'dependencies {\n  implementation(platform(libs.boot.bom))\n}\n');
    const r = find(at(l, `app/${RES}`));
    assert.equal(r.version, '3.3.2');
    assert.match(r.source ?? '', /libs\.versions\.toml:5 \(catalog library boot-bom\)/);
  });

  test("Spring Cloud release train with the dependency-management plugin's mavenBom: the Stream binder version", () => {
    const d = dir();
    write(
      d,
      'build.gradle',
      "plugins {\n  id 'org.springframework.boot' version '3.5.4'\n  id 'io.spring.dependency-management' version '1.1.7'\n}\next {\n  set('springCloudVersion', \"2025.0.0\")\n}\ndependencyManagement {\n  imports {\n    mavenBom \"org.springframework.cloud:spring-cloud-dependencies:${springCloudVersion}\"\n  }\n}\n",
    );
    const file = at(d);
    assert.equal(find(file).version, '3.9.1');
    assert.deepEqual(binder(file), {
      version: '4.3.0',
      source: `Spring Cloud 2025.0.0 in ${path.join(d, 'build.gradle')}:10 (mavenBom spring-cloud-dependencies, version from ${path.join(d, 'build.gradle')}:6)`,
      via: 'Spring Cloud 2025.0.0 in build.gradle',
    });
    const settings = finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS }, file, new finder.BuildVersionFinder(false));
    assert.equal(settings.springCloudStreamBinderVersion, '4.3.0');
    assert.match(settings.springCloudStreamBinderVersionSource ?? '', /^Spring Cloud 2025\.0\.0 in /);
    // Maven: the train by property, and an explicit binder version that wins over it
    const m = dir();
    const cloud =
      '  <properties>\n    <spring-cloud.version>2025.1.2</spring-cloud.version>\n  </properties>\n  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>org.springframework.cloud</groupId>\n        <artifactId>spring-cloud-dependencies</artifactId>\n        <version>${spring-cloud.version}</version>\n        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n';
    write(m, 'pom.xml', bare(BOOT_PARENT('4.0.1') + cloud));
    const mf = at(m);
    assert.equal(binder(mf).version, '5.0.2');
    assert.equal(find(mf).version, '4.1.1');
    write(
      m,
      'pom.xml',
      bare(
        BOOT_PARENT('4.0.1') +
          cloud.replace(
            '  </dependencyManagement>\n',
            '  </dependencyManagement>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.cloud</groupId>\n      <artifactId>spring-cloud-stream-binder-kafka</artifactId>\n      <version>5.0.1</version>\n    </dependency>\n  </dependencies>\n',
          ),
      ),
    );
    assert.deepEqual(binder(mf), {
      version: '5.0.1',
      source: `${path.join(m, 'pom.xml')}:26 (org.springframework.cloud:spring-cloud-stream-binder-kafka 5.0.1)`,
    });
  });

  test('Quarkus: the platform BOM through quarkus.platform.* properties (Maven), and through gradle.properties (Gradle)', () => {
    const d = dir();
    write(
      d,
      'pom.xml',
      bare(
        '  <properties>\n    <quarkus.platform.artifact-id>quarkus-bom</quarkus.platform.artifact-id>\n    <quarkus.platform.group-id>io.quarkus.platform</quarkus.platform.group-id>\n    <quarkus.platform.version>3.8.4</quarkus.platform.version>\n  </properties>\n  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>${quarkus.platform.group-id}</groupId>\n        <artifactId>${quarkus.platform.artifact-id}</artifactId>\n        <version>${quarkus.platform.version}</version>\n        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n',
      ),
    );
    const r = find(at(d, 'src/main/resources/application.properties'));
    assert.equal(r.version, '3.6.1');
    assert.match(r.source ?? '', /Quarkus 3\.8\.4 in .*pom\.xml:10 \(BOM quarkus-bom, version from .*pom\.xml:6\)$/);
    const g = dir();
    write(
      g,
      'gradle.properties',
      'quarkusPlatformGroupId=io.quarkus.platform\nquarkusPlatformArtifactId=quarkus-bom\nquarkusPlatformVersion=2.6.2.Final\n',
    );
    write(
      g,
      'build.gradle',
      'dependencies {\n  implementation enforcedPlatform("${quarkusPlatformGroupId}:${quarkusPlatformArtifactId}:${quarkusPlatformVersion}")\n}\n',
    );
    assert.equal(find(at(g)).version, '3.0.0');
  });

  test('Micronaut: micronautVersion in gradle.properties for the io.micronaut.* Gradle plugins; the micronaut-parent pom', () => {
    const d = dir();
    write(d, 'gradle.properties', 'micronautVersion=4.3.8\n');
    write(d, 'build.gradle.kts', 'plugins {\n  id("io.micronaut.application") version "4.3.5"\n}\n');
    const r = find(at(d, 'src/main/resources/application.yml'));
    assert.equal(r.version, '3.6.1');
    assert.match(
      r.source ?? '',
      /Micronaut 4\.3\.8 in .*build\.gradle\.kts:2 \(plugin io\.micronaut\.application, property micronautVersion, version from .*gradle\.properties:1\)/,
    );
    const m = dir();
    write(
      m,
      'pom.xml',
      bare(
        '  <parent>\n    <groupId>io.micronaut.platform</groupId>\n    <artifactId>micronaut-parent</artifactId>\n    <version>4.10.8</version>\n  </parent>\n',
      ),
    );
    assert.equal(find(at(m)).version, '3.9.1');
  });

  test('the Spring Boot release itself: parent, Gradle plugin without dependency management, unknown to the table; into the settings', () => {
    const boot = (file: string) => new finder.BuildVersionFinder(false).findSpringBoot(file);
    const d = dir();
    write(d, 'pom.xml', bare(BOOT_PARENT('2.3.0.RELEASE')));
    const file = at(d, 'src/main/resources/application.yml');
    assert.deepEqual(boot(file), {
      version: '2.3.0',
      source: `Spring Boot 2.3.0.RELEASE in ${path.join(d, 'pom.xml')}:3 (parent spring-boot-starter-parent)`,
    });
    assert.equal(find(file).version, '2.5.0');
    const settings = finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS }, file, new finder.BuildVersionFinder(false));
    assert.equal(settings.springBootVersion, '2.3.0');
    assert.match(settings.springBootVersionSource ?? '', /^Spring Boot 2\.3\.0\.RELEASE in /);
    // the Boot plugin alone manages no kafka-clients, but it names the Boot release
    const g = dir();
    write(g, 'build.gradle', "plugins {\n  id 'org.springframework.boot' version '3.2.0'\n}\n");
    assert.equal(boot(at(g)).version, '3.2.0');
    assert.equal(find(at(g)).version, undefined);
    // a release the kafka-clients table does not have is still the Boot release
    const n = dir();
    write(n, 'pom.xml', bare(BOOT_PARENT('9.9.1')));
    assert.equal(boot(at(n)).version, '9.9.1');
    // no Boot at all: nothing detected, and the setting stays unset
    const e = dir();
    write(e, 'pom.xml', pom('3.9.0'));
    assert.deepEqual(boot(at(e)), {});
    assert.equal(
      finder.applyBuildVersion({ ...service.DEFAULT_SETTINGS }, at(e), new finder.BuildVersionFinder(false)).springBootVersion,
      undefined,
    );
  });

  test('older platforms: Spring Boot 1.5 (through spring-kafka), a named Spring Cloud train, Quarkus 1.x core and universe BOMs, Micronaut 3', () => {
    const d = dir();
    write(
      d,
      'pom.xml',
      bare(
        BOOT_PARENT('1.5.9.RELEASE') +
          '  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>org.springframework.cloud</groupId>\n        <artifactId>spring-cloud-dependencies</artifactId>\n        <version>Edgware.SR3</version>\n        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n',
      ),
    );
    assert.equal(find(at(d)).version, '0.10.1.1');
    assert.equal(binder(at(d)).version, '1.3.2');
    const h = dir();
    write(
      h,
      'build.gradle',
      "plugins {\n  id 'org.springframework.boot' version '2.3.4.RELEASE'\n  id 'io.spring.dependency-management' version '1.0.10.RELEASE'\n}\ndependencyManagement {\n  imports {\n    mavenBom 'org.springframework.cloud:spring-cloud-dependencies:Hoxton.SR8'\n  }\n}\n",
    );
    assert.equal(find(at(h)).version, '2.5.1');
    assert.match(binder(at(h)).source ?? '', /^Spring Cloud Hoxton\.SR8 in /);
    assert.equal(binder(at(h)).version, '3.0.8');
    const quarkus = (group: string, artifact: string, version: string) =>
      bare(
        `  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>${group}</groupId>\n        <artifactId>${artifact}</artifactId>\n        <version>${version}</version>\n        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n`,
      );
    const q = dir();
    write(q, 'pom.xml', quarkus('io.quarkus', 'quarkus-bom', '1.13.7.Final'));
    assert.equal(find(at(q)).version, '2.7.0');
    write(q, 'pom.xml', quarkus('io.quarkus', 'quarkus-universe-bom', '1.3.2.Final'));
    assert.equal(find(at(q)).version, '2.4.0');
    const mn = dir();
    write(mn, 'gradle.properties', 'micronautVersion=3.2.3\n');
    write(mn, 'build.gradle', 'plugins {\n  id("io.micronaut.application") version "3.0.0"\n}\n');
    assert.equal(find(at(mn, 'src/main/resources/application.yml')).version, '2.8.0');
  });
});
