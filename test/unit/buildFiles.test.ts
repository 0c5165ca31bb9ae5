/**
 * The build-file parsers (service/buildFiles.ts): which kafka-clients version a pom.xml, a
 * build.gradle(.kts) or a gradle/libs.versions.toml declares, on which line, resolved through
 * properties and variables; managed versions, ranges and vendor builds are reported, never guessed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../support/service';
import { growth } from '../support/work';

const { kafkaClientsInPom: pom, kafkaClientsInGradle: gradle, kafkaClientsInVersionCatalog: catalog } = service;

/** The 1-based line of the first line holding `needle`. */
const lineOf = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  return text.slice(0, i).split('\n').length;
};

const dep = (version?: string, extra = '') =>
  `    <dependency>\n      <groupId>org.apache.kafka</groupId>\n      <artifactId>kafka-clients</artifactId>\n${version === undefined ? '' : `      <version>${version}</version>\n`}${extra}    </dependency>\n`;
const project = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n${body}</project>\n`;

describe('pom.xml', () => {
  test('a dependency with a literal version: the line of the version', () => {
    const text = project(`  <dependencies>\n${dep('3.9.0')}  </dependencies>\n`);
    assert.deepEqual(pom(text), { version: '3.9.0', line: lineOf(text, '<version>3.9.0'), via: undefined });
  });

  test('${kafka.version} from <properties>, also through another property; the line of the property', () => {
    const text = project(
      `  <properties>\n    <java.version>17</java.version>\n    <kafka.version>3.7.1</kafka.version>\n  </properties>\n  <dependencies>\n${dep('${kafka.version}')}  </dependencies>\n`,
    );
    assert.deepEqual(pom(text), { version: '3.7.1', line: lineOf(text, '<kafka.version>'), via: '${kafka.version}' });
    const chained = project(
      `  <properties>\n    <kafka>3.0.0</kafka>\n    <kafka-clients.version>\${kafka}</kafka-clients.version>\n  </properties>\n  <dependencies>\n${dep('${kafka-clients.version}')}  </dependencies>\n`,
    );
    assert.deepEqual(pom(chained), { version: '3.0.0', line: lineOf(chained, '<kafka>3.0.0'), via: '${kafka}' });
  });

  test('an undefined property: not guessed, the property is named for the parent pom', () => {
    const text = project(`  <dependencies>\n${dep('${kafka.clients.version}')}  </dependencies>\n`);
    const d = pom(text);
    assert.equal(d?.version, undefined);
    assert.equal(d && 'needs' in d ? d.needs : undefined, 'kafka.clients.version');
    assert.match(d && 'reason' in d ? d.reason : '', /kafka\.clients\.version\} is not defined/);
  });

  test('<dependencyManagement> entry with the version, the dependency without', () => {
    const text = project(
      `  <properties><kafka.version>3.8.1</kafka.version></properties>\n  <dependencyManagement>\n    <dependencies>\n${dep('${kafka.version}')}    </dependencies>\n  </dependencyManagement>\n  <dependencies>\n${dep()}  </dependencies>\n`,
    );
    assert.deepEqual(pom(text), { version: '3.8.1', line: lineOf(text, '<kafka.version>'), via: '${kafka.version}' });
    const onlyManagement = project(
      `  <dependencyManagement>\n    <dependencies>\n${dep('3.6.2')}    </dependencies>\n  </dependencyManagement>\n`,
    );
    assert.equal(pom(onlyManagement)?.version, '3.6.2');
  });

  test('managed by a parent or BOM (Spring Boot): reported, not guessed; kafka.version overrides count', () => {
    const text = project(
      `  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.4.1</version>\n  </parent>\n  <dependencies>\n${dep()}  </dependencies>\n`,
    );
    const d = pom(text);
    assert.ok(d && d.version === undefined);
    assert.equal(d.line, lineOf(text, '<dependency>'));
    assert.match(d.reason, /no <version> here \(managed by the parent spring-boot-starter-parent 3\.4\.1 or a BOM\)/);
    assert.equal(d.needs, 'kafka.version');
    const overridden = text.replace(
      '  </parent>\n',
      '  </parent>\n  <properties>\n    <kafka.version>3.9.0</kafka.version>\n  </properties>\n',
    );
    assert.deepEqual(pom(overridden), { version: '3.9.0', line: lineOf(overridden, '<kafka.version>'), via: '${kafka.version}' });
  });

  test("comments, exclusions, plugin dependencies and profiles are not the project's dependency", () => {
    const text = project(
      [
        '  <!-- <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>2.0.0</version></dependency> -->',
        '  <dependencies>',
        '    <dependency>',
        '      <groupId>org.springframework.kafka</groupId>',
        '      <artifactId>spring-kafka</artifactId>',
        '      <exclusions>',
        '        <exclusion><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId></exclusion>',
        '      </exclusions>',
        '    </dependency>',
        '  </dependencies>',
        '  <build><plugins><plugin><artifactId>x</artifactId><dependencies>',
        dep('1.1.0'),
        '  </dependencies></plugin></plugins></build>',
        '  <profiles><profile><id>old</id><dependencies>',
        dep('2.8.0'),
        '  </dependencies></profile></profiles>',
        '',
      ].join('\n'),
    );
    assert.equal(pom(text), undefined);
  });

  test('a test-scoped dependency counts only when it is the only one; a test-jar never', () => {
    const both = project(`  <dependencies>\n${dep('3.9.0', '      <scope>test</scope>\n')}${dep('3.5.0')}  </dependencies>\n`);
    assert.equal(pom(both)?.version, '3.5.0');
    const testOnly = project(`  <dependencies>\n${dep('3.9.0', '      <scope>test</scope>\n')}  </dependencies>\n`);
    assert.equal(pom(testOnly)?.version, '3.9.0');
    const testJar = project(`  <dependencies>\n${dep('3.9.0', '      <type>test-jar</type>\n')}  </dependencies>\n`);
    assert.equal(pom(testJar), undefined);
  });

  test('an element whose name starts like another (<buildDirectory> in <build>) does not end it', () => {
    const text = project(
      `  <build>\n    <plugins><plugin><configuration><buildDirectory>x</buildDirectory>\n${dep('1.0.0')}</configuration></plugin></plugins>\n  </build>\n  <dependencies>\n${dep('3.9.0')}  </dependencies>\n`,
    );
    assert.equal(pom(text)?.version, '3.9.0');
  });

  test('one line, attributes, whitespace, entities and CDATA', () => {
    const text =
      '<project><dependencies><dependency ><groupId> org.apache.kafka </groupId><artifactId>kafka-clients</artifactId><version><![CDATA[3.4.0]]></version></dependency></dependencies></project>';
    assert.deepEqual(pom(text), { version: '3.4.0', line: 1, via: undefined });
  });

  test('ranges, dynamic and vendor versions are not guessed; [x] is the exact x', () => {
    const v = (version: string) => pom(project(`  <dependencies>\n${dep(version)}  </dependencies>\n`));
    assert.equal(v('[3.9.0]')?.version, '3.9.0');
    for (const [version, reason] of [
      ['[3.0,4.0)', /version range/],
      ['7.6.0-ccs', /Confluent Platform build/],
      ['7.7.1-ce', /Confluent Platform build/],
      ['LATEST', /not a version/],
      ['', /empty version/],
    ] as const) {
      const d = v(version);
      assert.equal(d?.version, undefined, version);
      assert.match(d && 'reason' in d ? d.reason : '', reason, version);
    }
    assert.equal(v('3.7.0.redhat-00007')?.version, '3.7.0.redhat-00007');
    assert.equal(v('3.9.0-SNAPSHOT')?.version, '3.9.0-SNAPSHOT');
  });

  test('a pom without kafka-clients, and broken XML, give undefined', () => {
    assert.equal(
      pom(
        project(
          '  <dependencies>\n    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-streams</artifactId><version>3.9.0</version></dependency>\n  </dependencies>\n',
        ),
      ),
      undefined,
    );
    assert.equal(pom('<project><dependencies><dependency><groupId>org.apache.kafka'), undefined);
    assert.equal(pom(''), undefined);
  });

  test("pomProperty: a parent pom's property, resolved", () => {
    const parent = project('  <properties>\n    <base>3.9.1</base>\n    <kafka.version>${base}</kafka.version>\n  </properties>\n');
    assert.deepEqual(service.pomProperty(parent, 'kafka.version'), { value: '3.9.1', line: lineOf(parent, '<base>') });
    assert.equal(service.pomProperty(parent, 'nope'), undefined);
  });
});

describe('build.gradle / build.gradle.kts', () => {
  test('string notation, Groovy and Kotlin, with the line of the version', () => {
    const groovy = "plugins { id 'java' }\n\ndependencies {\n    implementation 'org.apache.kafka:kafka-clients:3.9.0'\n}\n";
    assert.deepEqual(gradle(groovy), { version: '3.9.0', line: 4, via: undefined });
    const kts =
      'dependencies {\n    implementation("org.apache.kafka:kafka-clients:3.7.1")\n    testImplementation("org.junit.jupiter:junit-jupiter:5.10.0")\n}\n';
    assert.deepEqual(gradle(kts), { version: '3.7.1', line: 2, via: undefined });
    const classifier = "dependencies { implementation 'org.apache.kafka:kafka-clients:3.6.0:test@jar' }\n";
    assert.equal(gradle(classifier)?.version, '3.6.0');
  });

  test('map notation (Groovy : and Kotlin =), one line or several', () => {
    const groovy = "dependencies {\n  implementation group: 'org.apache.kafka', name: 'kafka-clients', version: '3.7.1'\n}\n";
    assert.deepEqual(gradle(groovy), { version: '3.7.1', line: 2, via: undefined });
    const multi =
      "dependencies {\n  implementation(\n    group: 'org.apache.kafka',\n    name: 'kafka-clients',\n    version: '3.5.2'\n  )\n}\n";
    assert.deepEqual(gradle(multi), { version: '3.5.2', line: 5, via: undefined });
    const kts = 'dependencies {\n  implementation(group = "org.apache.kafka", name = "kafka-clients", version = "3.4.1")\n}\n';
    assert.equal(gradle(kts)?.version, '3.4.1');
    const otherGroup = "dependencies { implementation group: 'com.example', name: 'kafka-clients', version: '1.0' }\n";
    assert.equal(gradle(otherGroup), undefined);
  });

  test("$v and ${v} from ext { }, ext.v, ext['v'], val, def, extra, by extra", () => {
    const cases: Array<[string, string]> = [
      [
        'ext {\n    kafkaVersion = \'3.9.0\'\n}\ndependencies { implementation "org.apache.kafka:kafka-clients:$kafkaVersion" }\n',
        'kafkaVersion',
      ],
      ['ext.kafkaVersion = \'3.9.0\'\ndependencies { implementation "org.apache.kafka:kafka-clients:${kafkaVersion}" }\n', 'kafkaVersion'],
      [
        "ext['kafka.version'] = '3.9.0'\ndependencies { implementation \"org.apache.kafka:kafka-clients:${property('kafka.version')}\" }\n",
        'kafka.version',
      ],
      [
        'def kafkaVersion = \'3.9.0\'\ndependencies { implementation "org.apache.kafka:kafka-clients:${project.kafkaVersion}" }\n',
        'kafkaVersion',
      ],
      ['val kafkaVersion = "3.9.0"\ndependencies { implementation("org.apache.kafka:kafka-clients:$kafkaVersion") }\n', 'kafkaVersion'],
      [
        'val kafkaVersion: String = "3.9.0"\ndependencies { implementation("org.apache.kafka:kafka-clients:$kafkaVersion") }\n',
        'kafkaVersion',
      ],
      [
        'extra["kafkaVersion"] = "3.9.0"\ndependencies { implementation("org.apache.kafka:kafka-clients:${extra["kafkaVersion"]}") }\n',
        'kafkaVersion',
      ],
      [
        'val kafkaVersion by extra("3.9.0")\ndependencies { implementation("org.apache.kafka:kafka-clients:$kafkaVersion") }\n',
        'kafkaVersion',
      ],
    ];
    for (const [text, via] of cases) assert.deepEqual(gradle(text), { version: '3.9.0', line: lineOf(text, '3.9.0'), via }, text);
    // the last assignment wins
    assert.equal(
      gradle(
        "ext.kafkaVersion = '3.0.0'\next.kafkaVersion = '3.9.0'\ndependencies { implementation \"org.apache.kafka:kafka-clients:$kafkaVersion\" }\n",
      )?.version,
      '3.9.0',
    );
  });

  test('a variable defined elsewhere (gradle.properties, the root project): named, not guessed', () => {
    const d = gradle(
      'val kafkaVersion: String by project\ndependencies { implementation("org.apache.kafka:kafka-clients:$kafkaVersion") }\n',
    );
    assert.ok(d && d.version === undefined);
    assert.equal(d.needs, 'kafkaVersion');
    assert.equal(d.line, 2);
    const single = gradle("ext.kafkaVersion = '3.9.0'\ndependencies { implementation 'org.apache.kafka:kafka-clients:$kafkaVersion' }\n");
    assert.match(single && 'reason' in single ? single.reason : '', /single-quoted Groovy string/);
    const catalogRef = gradle('dependencies { implementation("org.apache.kafka:kafka-clients:${libs.versions.kafka.get()}") }\n');
    assert.match(catalogRef && 'reason' in catalogRef ? catalogRef.reason : '', /not a plain variable/);
  });

  test('comments are ignored; a URL in a string is not a comment', () => {
    const text =
      "repositories { maven { url 'https://repo.example.com//maven' } }\ndependencies {\n  // implementation 'org.apache.kafka:kafka-clients:2.0.0'\n  /* implementation 'org.apache.kafka:kafka-clients:2.1.0' */\n  implementation 'org.apache.kafka:kafka-clients:3.3.2'\n}\n";
    assert.deepEqual(gradle(text), { version: '3.3.2', line: 5, via: undefined });
    assert.equal(gradle("// implementation 'org.apache.kafka:kafka-clients:2.0.0'\n"), undefined);
  });

  test('without a version (platform, BOM, Spring dependency management): reported; kafka.version counts', () => {
    const text =
      'dependencies {\n  implementation(platform("org.springframework.boot:spring-boot-dependencies:3.4.1"))\n  implementation("org.apache.kafka:kafka-clients")\n}\n';
    const d = gradle(text);
    assert.ok(d && d.version === undefined);
    assert.equal(d.line, 3);
    assert.equal(d.needs, 'kafka.version');
    assert.match(d.reason, /managed by a platform or BOM/);
    assert.deepEqual(gradle(`ext['kafka.version'] = '3.8.0'\n${text}`), { version: '3.8.0', line: 1, via: 'kafka.version' });
  });

  test('rich versions, force, and several declarations (the highest wins, a forced one first)', () => {
    const rich =
      'dependencies {\n  implementation("org.apache.kafka:kafka-clients") {\n    version {\n      strictly("3.2.3")\n    }\n  }\n}\n';
    assert.deepEqual(gradle(rich), { version: '3.2.3', line: 4, via: undefined });
    const several =
      "dependencies {\n  implementation 'org.apache.kafka:kafka-clients:3.1.0'\n  constraints { implementation 'org.apache.kafka:kafka-clients:3.9.0' }\n  testImplementation 'org.apache.kafka:kafka-clients:3.2.0'\n}\n";
    assert.equal(gradle(several)?.version, '3.9.0');
    const forced =
      "configurations.all { resolutionStrategy { force 'org.apache.kafka:kafka-clients:3.1.0' } }\ndependencies { implementation 'org.apache.kafka:kafka-clients:3.9.0' }\n";
    assert.deepEqual(gradle(forced), { version: '3.1.0', line: 1, via: undefined });
  });

  test('dynamic versions and ranges are not guessed', () => {
    for (const v of ['3.+', 'latest.release', '[3.0,4.0)', '7.6.0-ccs']) {
      const d = gradle(`dependencies { implementation "org.apache.kafka:kafka-clients:${v}" }\n`);
      assert.equal(d?.version, undefined, v);
      assert.ok(d && 'reason' in d && d.reason, v);
    }
  });

  test('gradleVariable and gradlePropertiesValue (for a root project or gradle.properties)', () => {
    assert.deepEqual(service.gradleVariable('subprojects {}\next {\n  kafkaVersion = "3.9.0"\n}\n', 'kafkaVersion'), {
      value: '3.9.0',
      line: 3,
    });
    assert.equal(service.gradleVariable("ext { otherKafkaVersion = '1' }\n", 'kafkaVersion'), undefined);
    assert.deepEqual(
      service.gradlePropertiesValue('org.gradle.jvmargs=-Xmx2g\n# kafkaVersion=1.0\nkafkaVersion = 3.9.0\n', 'kafkaVersion'),
      { value: '3.9.0', line: 3 },
    );
    assert.deepEqual(service.gradlePropertiesValue('kafka.version:3.8.0\n', 'kafka.version'), { value: '3.8.0', line: 1 });
  });
});

describe('gradle/libs.versions.toml', () => {
  test('module + version.ref → [versions], with the line of the version', () => {
    const text =
      '[versions]\n# the broker is 3.9 too\nkafka = "3.9.0"\nspring = "3.4.1"\n\n[libraries]\nkafka-clients = { module = "org.apache.kafka:kafka-clients", version.ref = "kafka" }\n';
    assert.deepEqual(catalog(text), { version: '3.9.0', line: 3, via: 'version.ref kafka' });
  });

  test('group/name, a literal version, version = { ref }, strictly/require/prefer, the string shorthand', () => {
    assert.deepEqual(catalog('[libraries]\nkafka = { group = "org.apache.kafka", name = "kafka-clients", version = "3.7.1" }\n'), {
      version: '3.7.1',
      line: 2,
      via: undefined,
    });
    assert.equal(
      catalog('[versions]\nk = "3.6.0"\n[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients", version = { ref = "k" } }\n')
        ?.version,
      '3.6.0',
    );
    assert.equal(
      catalog(
        '[versions]\nk = { strictly = "3.5.0" }\n[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients", version.ref = "k" }\n',
      )?.version,
      '3.5.0',
    );
    assert.equal(
      catalog('[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients", version = { require = "3.4.0" } }\n')?.version,
      '3.4.0',
    );
    assert.deepEqual(catalog("[libraries]\n'kafka-clients' = 'org.apache.kafka:kafka-clients:3.3.0' # pinned\n"), {
      version: '3.3.0',
      line: 2,
      via: undefined,
    });
    assert.equal(catalog('[libraries.kafka-clients]\nmodule = "org.apache.kafka:kafka-clients"\nversion = "3.2.0"\n')?.version, '3.2.0');
  });

  test('no version, a missing ref, a range: reported, not guessed; other modules and tables are not kafka-clients', () => {
    const managed = catalog('[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients" }\n');
    assert.ok(managed && managed.version === undefined && managed.needs === 'kafka.version');
    const missing = catalog('[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients", version.ref = "kafka" }\n');
    assert.match(missing && 'reason' in missing ? missing.reason : '', /version\.ref 'kafka' is not in \[versions\]/);
    const range = catalog(
      '[versions]\nkafka = "[3.0,4.0["\n[libraries]\nkafka = { module = "org.apache.kafka:kafka-clients", version.ref = "kafka" }\n',
    );
    assert.equal(range?.version, undefined);
    assert.equal(
      catalog(
        '[versions]\nkafka = "3.9.0"\n[libraries]\nstreams = { module = "org.apache.kafka:kafka-streams", version.ref = "kafka" }\n[plugins]\nx = { id = "org.apache.kafka:kafka-clients", version = "1" }\n',
      ),
      undefined,
    );
    assert.equal(catalog('not toml at all = = [\n'), undefined);
  });
});

describe('describeBuildVersion and auto', () => {
  test('the hover text of a detected version', () => {
    assert.equal(service.describeBuildVersion('pom.xml', 42, '3.9.0'), 'pom.xml:42 (org.apache.kafka:kafka-clients 3.9.0)');
    assert.equal(
      service.describeBuildVersion('/p/pom.xml', 7, '3.9.0', '${kafka.version}'),
      '/p/pom.xml:7 (org.apache.kafka:kafka-clients 3.9.0 via ${kafka.version})',
    );
  });

  test('`auto` (the default) judges as the newest 4.x when nothing was detected, as `latest` does', () => {
    assert.equal(service.DEFAULT_SETTINGS.kafkaClientsVersion, 'auto');
    assert.deepEqual(service.parseVersion('auto'), service.parseVersion('latest'));
    const text = 'bootstrap.servers=x\nacks=1\n';
    const ids = (v: string) =>
      service
        .lint({ fileName: 'producer.properties', text }, { ...service.DEFAULT_SETTINGS, kafkaClientsVersion: v })
        .findings.map((f) => f.ruleId);
    assert.deepEqual(ids('auto'), ids('latest'));
    assert.deepEqual(ids('auto'), ['idempotence-implicit-downgrade']);
  });

  test('the hover says why no version was detected', () => {
    const text = 'bootstrap.servers=x\nacks=all\n';
    const settings = {
      ...service.DEFAULT_SETTINGS,
      kafkaClientsVersionNote: '/p/pom.xml:12: kafka-clients has no <version> here (managed by a parent or a BOM)',
    };
    const h = service.hover({ fileName: 'producer.properties', text }, settings, text.indexOf('acks'));
    assert.match(h?.markdown ?? '', /No version was detected: \/p\/pom\.xml:12: kafka-clients has no <version> here/);
  });
});

describe('hostile build files: nothing catastrophic or super-linear', () => {
  // work is counted (characters read by the scanners), never timed: see test/support/work.ts
  const LINEAR = 2.6;

  test('a pom property holding many CDATA sections and a close tag that does not match (was exponential)', () => {
    const make = (n: number) =>
      `<project><properties><kafka.version>${'<![CDATA[x]]>'.repeat(n)}</kafka.versio></properties><dependencies><dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-clients</artifactId><version>\${kafka.version}</version></dependency></dependencies></project>`;
    const d = pom(make(26));
    assert.equal(d?.version, undefined);
    assert.ok(d && 'reason' in d);
    const g = growth(make, (t) => pom(t), 2000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}× for twice the sections`);
  });

  test('a Gradle coordinate whose version is ${a} repeated and never closed by a quote (was exponential)', () => {
    const make = (n: number) => `dependencies { implementation "org.apache.kafka:kafka-clients:${'${a}'.repeat(n)} }\n`;
    assert.equal(gradle(make(22)), undefined);
    const closed = `ext.a = '3'\ndependencies { implementation "org.apache.kafka:kafka-clients:${'${a}'.repeat(22)}" }\n`;
    assert.match((gradle(closed) as { reason: string }).reason, /not a plain variable/);
    const g = growth(make, (t) => gradle(t), 4000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('a large build.gradle: 20,000 declarations (line numbers were counted from the start for each)', () => {
    const make = (n: number) => {
      const parts = ['dependencies {\n'];
      for (let i = 0; i < n; i++) {
        parts.push(
          i % 3 === 0
            ? `  implementation 'org.apache.kafka:kafka-clients:3.${i % 9}.0'\n`
            : i % 3 === 1
              ? `  implementation group: 'org.apache.kafka', name: 'kafka-clients', version: '3.${i % 7}.1'\n`
              : `  implementation "com.example:lib${i}:1.0.\${v${i}}"\n`,
        );
      }
      return `${parts.join('')}}\n`;
    };
    const big = make(20_000);
    assert.ok(big.length > 1_000_000);
    assert.deepEqual(gradle(big), { version: '3.6.1', line: 15, via: undefined });
    const g = growth(make, (t) => gradle(t), 2000);
    assert.ok(g.ratio < LINEAR, `work grew ${g.ratio.toFixed(2)}×`);
  });

  test('large poms, catalogs and gradle.properties grow linearly too', () => {
    const poms = (n: number) =>
      project(
        `  <properties>\n${Array.from({ length: n }, (_, i) => `    <p${i}>\${p${i + 1}}</p${i}>\n`).join('')}  </properties>\n  <dependencies>\n${Array.from({ length: n }, () => dep('${p0}')).join('')}  </dependencies>\n`,
      );
    const gp = growth(poms, (t) => pom(t), 500);
    assert.ok(gp.ratio < LINEAR, `pom: ${gp.ratio.toFixed(2)}×`);
    const catalogs = (n: number) =>
      `[versions]\n${Array.from({ length: n }, (_, i) => `v${i} = "3.${i % 9}.0"\n`).join('')}[libraries]\n${Array.from({ length: n }, (_, i) => `l${i} = { module = "com.example:l${i}", version.ref = "v${i}" }\n`).join('')}kafka = { module = "org.apache.kafka:kafka-clients", version.ref = "v3" }\n`;
    assert.equal(catalog(catalogs(10))?.version, '3.3.0');
    const gc = growth(catalogs, (t) => catalog(t), 2000);
    assert.ok(gc.ratio < LINEAR, `catalog: ${gc.ratio.toFixed(2)}×`);
    const props = (n: number) => Array.from({ length: n }, (_, i) => `key${i}=value${i}\n`).join('') + 'kafkaVersion=3.9.0\n';
    assert.deepEqual(service.gradlePropertiesValue(props(100), 'kafkaVersion'), { value: '3.9.0', line: 101 });
    const gg = growth(props, (t) => service.gradlePropertiesValue(t, 'kafkaVersion'), 5000);
    assert.ok(gg.ratio < LINEAR, `gradle.properties: ${gg.ratio.toFixed(2)}×`);
  });

  test('deep nesting and multiplying references stay bounded', () => {
    // 20,000 nested templates and 20,000 nested elements: no recursion to overflow
    const deepGradle = `dependencies { implementation "org.apache.kafka:kafka-clients:${'${"'.repeat(20_000)}" }\n`;
    assert.doesNotThrow(() => gradle(deepGradle));
    const deepPom = `<project>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}<dependencies>${dep('3.9.0')}</dependencies></project>`;
    assert.equal(pom(deepPom)?.version, '3.9.0');
    // each property names the next twice: resolved once per name, and too long a value is not a version
    const names = 40;
    const props =
      Array.from({ length: names }, (_, i) => `<p${i}>\${p${i + 1}}\${p${i + 1}}</p${i}>`).join('') + `<p${names}>3</p${names}>`;
    const d = pom(project(`<properties>${props}</properties><dependencies>${dep('${p0}')}</dependencies>`));
    assert.equal(d?.version, undefined);
    // an entity declared in the DTD is not expanded (no billion laughs)
    const laughs = `<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><project><dependencies>${dep('&b;')}</dependencies></project>`;
    const l = pom(laughs);
    assert.equal(l?.version, undefined);
    assert.match((l as { reason: string }).reason, /&b;/);
  });
});
