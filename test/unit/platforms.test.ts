/**
 * The platform table (service/build/platforms.ts): lookups inside and outside the rows, the rows'
 * shape, docs/versions.md holding the same rows, and how build models declare a platform.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/service';
import type * as Platforms from '../../server/src/service/build/platforms';
import type * as Gradle from '../../server/src/service/build/gradle';
import type * as Pom from '../../server/src/service/build/pom';
import type * as Catalog from '../../server/src/service/build/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const platforms = require(path.join(ROOT, 'server', 'out', 'service', 'build', 'platforms')) as typeof Platforms;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readGradle } = require(path.join(ROOT, 'server', 'out', 'service', 'build', 'gradle')) as typeof Gradle;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readPom } = require(path.join(ROOT, 'server', 'out', 'service', 'build', 'pom')) as typeof Pom;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readCatalog } = require(path.join(ROOT, 'server', 'out', 'service', 'build', 'catalog')) as typeof Catalog;

const { managedVersion } = platforms;

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
    assert.equal(managedVersion('spring-cloud', '2025.1.3'), undefined, 'not read: its BOM is not served in full');
    assert.equal(managedVersion('quarkus', '3.15.3.1'), '3.7.1');
    assert.equal(managedVersion('quarkus', '3.15.4'), '3.7.2');
    assert.equal(managedVersion('quarkus', '2.6.2.Final'), '3.0.0');
    assert.equal(managedVersion('micronaut', '4.10.8'), '3.9.1');
    assert.equal(managedVersion('micronaut', '3.9.0'), undefined);
  });

  test('rows: one line each, in order, no overlap; every managed version parses', () => {
    const rows = platforms.platformRows();
    const parts = (v: string) => v.split('.').map(Number);
    const cmp = (a: string, b: string) => {
      const x = parts(a);
      const y = parts(b);
      for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    };
    for (const r of rows) {
      assert.deepEqual(parts(r.from).slice(0, 2), parts(r.to).slice(0, 2), `${r.platform} ${r.from}–${r.to}: one line`);
      assert.ok(cmp(r.from, r.to) <= 0, `${r.platform} ${r.from}–${r.to}`);
      assert.match(r.managed, /^\d+\.\d+\.\d+$/);
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
      const documented = [...body.matchAll(/^\| ([0-9][^|]*?) \| ([0-9][^|]*?) \| (.+) \|$/gm)].map((m) => ({ range: m[1], managed: m[2], source: m[3] }));
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
    assert.deepEqual(platforms.platformsOf(alone).map((p) => [p.platform, p.version?.raw, p.needsDependencyManagement]), [['spring-boot', '3.2.0', true]]);
    const withDm = readGradle("plugins {\n  id 'org.springframework.boot' version '3.2.0'\n  id 'io.spring.dependency-management' version '1.1.4'\n}\n");
    assert.equal(platforms.platformsOf(withDm)[0].needsDependencyManagement, false);
    const bom = readGradle('dependencies { implementation(platform(org.springframework.boot.gradle.plugin.SpringBootPlugin.BOM_COORDINATES)) }\nplugins { id("org.springframework.boot") version "3.2.0" }\n');
    assert.equal(platforms.platformsOf(bom)[0].needsDependencyManagement, false);
    const rootOnly = readGradle("plugins { id 'org.springframework.boot' version '3.2.0' apply false }\n");
    assert.equal(platforms.platformsOf(rootOnly)[0].needsDependencyManagement, undefined, 'declared for the subprojects, not applied');
    const mn = readGradle('plugins { id("io.micronaut.application") version "4.3.5" }\nmicronaut { version("4.4.2") }\n');
    assert.deepEqual(platforms.platformsOf(mn).map((p) => [p.platform, p.version?.raw, p.needs]), [['micronaut', '4.4.2', undefined]]);
    const mnProp = readGradle('plugins { id("io.micronaut.library") version "4.3.5" }\n');
    assert.deepEqual(platforms.platformsOf(mnProp).map((p) => [p.platform, p.needs]), [['micronaut', 'micronautVersion']]);
    const viaCatalog = readGradle('plugins { alias(libs.plugins.spring.boot) }\n');
    const found = platforms.platformsOf(viaCatalog, undefined, (a) => (a === 'spring.boot' ? { id: 'org.springframework.boot', version: { raw: '3.1.0', line: 3, offset: 0 } } : undefined));
    assert.deepEqual(found.map((p) => [p.platform, p.version?.raw, p.how]), [['spring-boot', '3.1.0', 'plugin libs.plugins.spring.boot']]);
  });

  test('catalog: the Boot plugin entry and BOM libraries, versions through [versions]', () => {
    const model = readCatalog('[versions]\nboot = "3.4.0"\nquarkus = "3.15.1"\n[libraries]\nq = { module = "io.quarkus.platform:quarkus-bom", version.ref = "quarkus" }\n[plugins]\nboot = { id = "org.springframework.boot", version.ref = "boot" }\n');
    assert.deepEqual(platforms.platformsOf(model).map((p) => [p.platform, p.version?.raw, p.line]), [['quarkus', '3.15.1', 5], ['spring-boot', '3.4.0', 7]]);
  });
});
