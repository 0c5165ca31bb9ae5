/**
 * The platform table (service/build/platforms.ts): lookups inside and outside the rows, the rows'
 * shape, docs/versions.md holding the same rows, and how build models declare a platform.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load, ROOT } from '../support';

const platforms = load('service/build/platforms');
const { readGradle } = load('service/build/gradle');
const { readPom } = load('service/build/pom');
const { readCatalog } = load('service/build/catalog');

const { managedVersion, releaseParts, compareParts } = platforms;

describe('the platform table', () => {
  test('releases inside a row, at its ends, and outside every row', () => {
    assert.equal(managedVersion('spring-boot', '2.7.18'), '3.1.2');
    assert.equal(managedVersion('spring-boot', '2.7.4'), '3.1.2');
    assert.equal(managedVersion('spring-boot', '2.7.3'), '3.1.1');
    assert.equal(managedVersion('spring-boot', '2.6.0'), '3.0.0');
    assert.equal(managedVersion('spring-boot', '2.3.5.RELEASE'), '2.5.1');
    assert.equal(managedVersion('spring-boot', '2.7.19'), undefined, 'a release after the last known one of its line');
    assert.equal(managedVersion('spring-boot', '3.6.0'), undefined, 'a line the table does not have');
    assert.equal(managedVersion('spring-boot', '3.2.0-M1'), undefined);
    assert.equal(managedVersion('spring-cloud', '2025.1.2'), '5.0.2');
    assert.equal(managedVersion('spring-cloud', '2025.1.3'), '5.0.3');
    assert.equal(managedVersion('spring-cloud', '2025.1.5'), undefined, 'a release after the last known one of its line');
    assert.equal(managedVersion('quarkus', '3.15.3.1'), '3.7.1');
    assert.equal(managedVersion('quarkus', '3.15.4'), '3.7.2');
    assert.equal(managedVersion('quarkus', '2.6.2.Final'), '3.0.0');
    assert.equal(managedVersion('micronaut', '4.10.8'), '3.9.1');
    assert.equal(managedVersion('micronaut', '5.1.0'), undefined);
  });

  test('older lines: Boot 1.5 and 2.0.0/2.0.1 through spring-kafka, named Spring Cloud trains, Quarkus 1.x, Micronaut 2.x/3.x', () => {
    assert.equal(managedVersion('spring-boot', '1.5.22.RELEASE'), '0.10.1.1');
    assert.equal(managedVersion('spring-boot', '2.0.0.RELEASE'), '1.0.0');
    assert.equal(managedVersion('spring-boot', '2.0.1.RELEASE'), '1.0.1');
    assert.equal(managedVersion('spring-boot', '1.4.7.RELEASE'), undefined, 'Boot 1.4 managed no Kafka');
    assert.equal(managedVersion('spring-cloud', 'Hoxton.SR8'), '3.0.8');
    assert.equal(managedVersion('spring-cloud', 'Hoxton.SR10'), '3.0.11', 'SR10 skipped Horsham.SR10');
    assert.equal(managedVersion('spring-cloud', 'Greenwich.RELEASE'), '2.1.0');
    assert.equal(managedVersion('spring-cloud', 'Greenwich.SR4'), '2.1.4');
    assert.equal(managedVersion('spring-cloud', 'Hoxton.SR13'), undefined, 'a service release after the last one');
    assert.equal(managedVersion('spring-cloud', 'Camden.SR7'), undefined, 'a train before the table');
    assert.equal(managedVersion('spring-cloud', 'hoxton.sr8'), undefined);
    assert.equal(managedVersion('quarkus', '1.13.7.Final'), '2.7.0');
    assert.equal(managedVersion('quarkus', '1.11.7.Final'), '2.7.0');
    assert.equal(managedVersion('quarkus', '1.12.2.Final'), '2.5.0');
    assert.equal(managedVersion('quarkus', '3.8.0'), '3.6.1', 'a core-only release');
    assert.equal(managedVersion('micronaut', '3.2.3'), '2.8.0');
  });

  test('release parts: numbers, .RELEASE/.Final dropped, named trains in their order', () => {
    assert.deepEqual(releaseParts('2.3.5.RELEASE'), [2, 3, 5]);
    assert.deepEqual(releaseParts('3.15.3.1'), [3, 15, 3, 1]);
    assert.ok(compareParts(releaseParts('Greenwich.SR6')!, releaseParts('Hoxton.RELEASE')!) < 0);
    assert.ok(compareParts(releaseParts('Hoxton.SR2')!, releaseParts('Hoxton.SR10')!) < 0);
    assert.ok(compareParts(releaseParts('Hoxton.SR12')!, releaseParts('2020.0.0')!) < 0);
    assert.equal(releaseParts('Ilford.RELEASE'), undefined);
  });

  test('rows: one line each, in order, no overlap; every managed version parses', () => {
    const rows = platforms.platformRows();
    const parts = (v: string) => {
      const p = releaseParts(v);
      assert.ok(p, `${v} parses`);
      return p;
    };
    const cmp = (a: string, b: string) => compareParts(parts(a), parts(b));
    for (const r of rows) {
      assert.deepEqual(parts(r.from).slice(0, 2), parts(r.to).slice(0, 2), `${r.platform} ${r.from}–${r.to}: one line`);
      assert.ok(cmp(r.from, r.to) <= 0, `${r.platform} ${r.from}–${r.to}`);
      assert.match(r.managed, /^\d+\.\d+\.\d+(\.\d+)?$/);
    }
    for (const a of rows) {
      for (const b of rows) {
        if (a === b || a.platform !== b.platform) continue;
        assert.ok(cmp(a.to, b.from) < 0 || cmp(b.to, a.from) < 0, `${a.platform}: ${a.from}–${a.to} overlaps ${b.from}–${b.to}`);
      }
    }
  });

  test('docs/versions.md has exactly the rows of the service', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'versions.md'), 'utf8');
    const sections: Record<string, string> = {
      'spring-boot': '## Spring Boot → kafka-clients',
      'spring-cloud': '## Spring Cloud release train',
      quarkus: '## Quarkus platform',
      micronaut: '## Micronaut platform',
    };
    for (const [platform, heading] of Object.entries(sections)) {
      const start = doc.indexOf(heading);
      assert.ok(start >= 0, heading);
      const next = doc.indexOf('\n## ', start + 1);
      const body = doc.slice(start, next < 0 ? doc.length : next);
      const documented = [...body.matchAll(/^\| ([0-9A-Z][^|]*?) \| ([0-9][^|]*?) \| (.+) \|$/gm)].map((m) => ({
        range: m[1],
        managed: m[2],
        source: m[3],
      }));
      const rows = platforms.platformRows().filter((r) => r.platform === platform);
      assert.deepEqual(
        documented.map((d) => `${d.range} → ${d.managed}`),
        rows.map((r) => `${r.from === r.to ? r.from : `${r.from} – ${r.to}`} → ${r.managed}`),
        platform,
      );
      for (const d of documented) assert.ok(d.source.length > 20, `${platform} ${d.range}: a source`);
    }
  });
});

describe('how a build model declares a platform', () => {
  test('Maven: parent first, then imported BOMs in order, coordinates through properties', () => {
    const { model } = readPom(
      '<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.1</version></parent>' +
        '<properties><g>io.quarkus.platform</g></properties><dependencyManagement><dependencies>' +
        '<dependency><groupId>${g}</groupId><artifactId>quarkus-bom</artifactId><version>3.8.4</version><type>pom</type><scope>import</scope></dependency>' +
        '<dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-dependencies</artifactId><version>2023.0.3</version><type>pom</type><scope>import</scope></dependency>' +
        '</dependencies></dependencyManagement></project>',
    );
    const resolve = (raw: string) => raw.replace('${g}', model.properties.get('g')!.value);
    assert.deepEqual(
      platforms.platformsOf(model, resolve).map((p) => [p.platform, p.version?.raw, p.how]),
      [
        ['spring-boot', '3.3.1', 'parent spring-boot-starter-parent'],
        ['quarkus', '3.8.4', 'BOM quarkus-bom'],
        ['spring-cloud', '2023.0.3', 'BOM spring-cloud-dependencies'],
      ],
    );
  });

  test('Gradle: the Boot plugin needs the dependency-management plugin; Micronaut plugins take micronautVersion', () => {
    const alone = readGradle("plugins { id 'org.springframework.boot' version '3.2.0' }\n");
    assert.deepEqual(
      platforms.platformsOf(alone).map((p) => [p.platform, p.version?.raw, p.needsDependencyManagement]),
      [['spring-boot', '3.2.0', true]],
    );
    const withDm = readGradle(
      "plugins {\n  id 'org.springframework.boot' version '3.2.0'\n  id 'io.spring.dependency-management' version '1.1.4'\n}\n",
    );
    assert.equal(platforms.platformsOf(withDm)[0].needsDependencyManagement, false);
    const bom = readGradle(
      'dependencies { implementation(platform(org.springframework.boot.gradle.plugin.SpringBootPlugin.BOM_COORDINATES)) }\nplugins { id("org.springframework.boot") version "3.2.0" }\n',
    );
    assert.equal(platforms.platformsOf(bom)[0].needsDependencyManagement, false);
    const rootOnly = readGradle("plugins { id 'org.springframework.boot' version '3.2.0' apply false }\n");
    assert.equal(platforms.platformsOf(rootOnly)[0].needsDependencyManagement, undefined, 'declared for the subprojects, not applied');
    const mn = readGradle('plugins { id("io.micronaut.application") version "4.3.5" }\nmicronaut { version("4.4.2") }\n');
    assert.deepEqual(
      platforms.platformsOf(mn).map((p) => [p.platform, p.version?.raw, p.needs]),
      [['micronaut', '4.4.2', undefined]],
    );
    const mnProp = readGradle('plugins { id("io.micronaut.library") version "4.3.5" }\n');
    assert.deepEqual(
      platforms.platformsOf(mnProp).map((p) => [p.platform, p.needs]),
      [['micronaut', 'micronautVersion']],
    );
    const viaCatalog = readGradle('plugins { alias(libs.plugins.spring.boot) }\n');
    const found = platforms.platformsOf(viaCatalog, undefined, (a) =>
      a === 'spring.boot' ? { id: 'org.springframework.boot', version: { raw: '3.1.0', line: 3, offset: 0 } } : undefined,
    );
    assert.deepEqual(
      found.map((p) => [p.platform, p.version?.raw, p.how]),
      [['spring-boot', '3.1.0', 'plugin libs.plugins.spring.boot']],
    );
  });

  test('catalog: the Boot plugin entry and BOM libraries, versions through [versions]', () => {
    const model = readCatalog(
      '[versions]\nboot = "3.4.0"\nquarkus = "3.15.1"\n[libraries]\nq = { module = "io.quarkus.platform:quarkus-bom", version.ref = "quarkus" }\n[plugins]\nboot = { id = "org.springframework.boot", version.ref = "boot" }\n',
    );
    assert.deepEqual(
      platforms.platformsOf(model).map((p) => [p.platform, p.version?.raw, p.line]),
      [
        ['quarkus', '3.15.1', 5],
        ['spring-boot', '3.4.0', 7],
      ],
    );
  });
});
