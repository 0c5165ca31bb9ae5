/**
 * Framework platforms and the versions they bring (pure data, sources in docs/versions.md): which
 * kafka-clients version a Spring Boot, Quarkus or Micronaut platform manages, and which Spring
 * Cloud Stream (Kafka binder) version a Spring Cloud release train manages. And how a build model
 * declares a platform: a Maven `<parent>`, an imported BOM, a Gradle plugin, a version catalog
 * entry, a property.
 *
 * Each row covers a run of released versions of one line (`from`–`to`, inclusive, every release in
 * between managing the same version). A version outside the rows is not guessed: a later patch may
 * have moved (the hover then says that the platform version is not in the table).
 */
import type { BuildModel, Written } from './model';

export type Platform = 'spring-boot' | 'spring-cloud' | 'quarkus' | 'micronaut';

export const PLATFORM_NAMES: Record<Platform, string> = {
  'spring-boot': 'Spring Boot',
  'spring-cloud': 'Spring Cloud',
  quarkus: 'Quarkus',
  micronaut: 'Micronaut',
};

/** [from, to, managed version]: the releases from `from` to `to` (same major.minor line) manage that version. */
type Row = readonly [string, string, string];

/**
 * spring-boot-dependencies: the `kafka.version` property (Boot 2.0.2+, when it started managing Kafka). Before
 * that (1.5.x, 2.0.0, 2.0.1) Boot managed only `spring-kafka`, and the project gets the kafka-clients that this
 * spring-kafka release depends on (its published pom): 1.1.2–1.1.8 → 0.10.1.1, 2.1.4 → 1.0.0, 2.1.5 → 1.0.1.
 */
const SPRING_BOOT_KAFKA: readonly Row[] = [
  ['1.5.0', '1.5.22', '0.10.1.1'],
  ['2.0.0', '2.0.0', '1.0.0'],
  ['2.0.1', '2.0.1', '1.0.1'],
  ['2.0.2', '2.0.3', '1.0.1'],
  ['2.0.4', '2.0.9', '1.0.2'],
  ['2.1.0', '2.1.0', '2.0.0'],
  ['2.1.1', '2.1.18', '2.0.1'],
  ['2.2.0', '2.2.0', '2.3.0'],
  ['2.2.1', '2.2.13', '2.3.1'],
  ['2.3.0', '2.3.2', '2.5.0'],
  ['2.3.3', '2.3.12', '2.5.1'],
  ['2.4.0', '2.4.5', '2.6.0'],
  ['2.4.6', '2.4.12', '2.6.2'],
  ['2.4.13', '2.4.13', '2.6.3'],
  ['2.5.0', '2.5.6', '2.7.1'],
  ['2.5.7', '2.5.15', '2.7.2'],
  ['2.6.0', '2.6.4', '3.0.0'],
  ['2.6.5', '2.6.11', '3.0.1'],
  ['2.6.12', '2.6.15', '3.0.2'],
  ['2.7.0', '2.7.3', '3.1.1'],
  ['2.7.4', '2.7.18', '3.1.2'],
  ['3.0.0', '3.0.1', '3.3.1'],
  ['3.0.2', '3.0.13', '3.3.2'],
  ['3.1.0', '3.1.0', '3.4.0'],
  ['3.1.1', '3.1.12', '3.4.1'],
  ['3.2.0', '3.2.0', '3.6.0'],
  ['3.2.1', '3.2.4', '3.6.1'],
  ['3.2.5', '3.2.12', '3.6.2'],
  ['3.3.0', '3.3.1', '3.7.0'],
  ['3.3.2', '3.3.6', '3.7.1'],
  ['3.3.7', '3.3.13', '3.7.2'],
  ['3.4.0', '3.4.13', '3.8.1'],
  ['3.5.0', '3.5.11', '3.9.1'],
  ['3.5.12', '3.5.16', '3.9.2'],
  ['4.0.0', '4.0.3', '4.1.1'],
  ['4.0.4', '4.0.9', '4.1.2'],
  ['4.1.0', '4.1.1', '4.2.1'],
  ['4.1.2', '4.1.3', '4.2.2'],
  ['4.2.0', '4.2.0', '4.4.0'],
];

/**
 * spring-cloud-dependencies: `spring-cloud-stream.version` (from 2020.0 the Kafka binder has the same version).
 * The named trains (Dalston – Hoxton) import a named spring-cloud-stream-dependencies release (Chelsea,
 * Ditmars, Elmhurst, Fishtown, Horsham), which manages `spring-cloud-stream-binder-kafka` at the version given
 * here.
 */
const SPRING_CLOUD_STREAM: readonly Row[] = [
  ['Dalston.RELEASE', 'Dalston.RELEASE', '1.2.0'],
  ['Dalston.SR1', 'Dalston.SR5', '1.2.1'],
  ['Edgware.RELEASE', 'Edgware.RELEASE', '1.3.0'],
  ['Edgware.SR1', 'Edgware.SR3', '1.3.2'],
  ['Edgware.SR4', 'Edgware.SR5', '1.3.3'],
  ['Edgware.SR6', 'Edgware.SR6', '1.3.4'],
  ['Finchley.RELEASE', 'Finchley.RELEASE', '2.0.0'],
  ['Finchley.SR1', 'Finchley.SR2', '2.0.1'],
  ['Finchley.SR3', 'Finchley.SR3', '2.0.2'],
  ['Finchley.SR4', 'Finchley.SR4', '2.0.3'],
  ['Greenwich.RELEASE', 'Greenwich.RELEASE', '2.1.0'],
  ['Greenwich.SR1', 'Greenwich.SR1', '2.1.2'],
  ['Greenwich.SR2', 'Greenwich.SR2', '2.1.3'],
  ['Greenwich.SR3', 'Greenwich.SR6', '2.1.4'],
  ['Hoxton.RELEASE', 'Hoxton.RELEASE', '3.0.0'],
  ['Hoxton.SR1', 'Hoxton.SR1', '3.0.1'],
  ['Hoxton.SR2', 'Hoxton.SR2', '3.0.2'],
  ['Hoxton.SR3', 'Hoxton.SR3', '3.0.3'],
  ['Hoxton.SR4', 'Hoxton.SR4', '3.0.4'],
  ['Hoxton.SR5', 'Hoxton.SR5', '3.0.5'],
  ['Hoxton.SR6', 'Hoxton.SR6', '3.0.6'],
  ['Hoxton.SR7', 'Hoxton.SR7', '3.0.7'],
  ['Hoxton.SR8', 'Hoxton.SR8', '3.0.8'],
  ['Hoxton.SR9', 'Hoxton.SR9', '3.0.9'],
  ['Hoxton.SR10', 'Hoxton.SR10', '3.0.11'],
  ['Hoxton.SR11', 'Hoxton.SR11', '3.0.12'],
  ['Hoxton.SR12', 'Hoxton.SR12', '3.0.13'],
  ['2020.0.0', '2020.0.0', '3.1.0'],
  ['2020.0.1', '2020.0.1', '3.1.1'],
  ['2020.0.2', '2020.0.2', '3.1.2'],
  ['2020.0.3', '2020.0.3', '3.1.3'],
  ['2020.0.4', '2020.0.4', '3.1.4'],
  ['2020.0.5', '2020.0.6', '3.1.6'],
  ['2021.0.0', '2021.0.0', '3.2.1'],
  ['2021.0.1', '2021.0.1', '3.2.2'],
  ['2021.0.2', '2021.0.2', '3.2.3'],
  ['2021.0.3', '2021.0.3', '3.2.4'],
  ['2021.0.4', '2021.0.4', '3.2.5'],
  ['2021.0.5', '2021.0.5', '3.2.6'],
  ['2021.0.6', '2021.0.6', '3.2.7'],
  ['2021.0.7', '2021.0.7', '3.2.8'],
  ['2021.0.8', '2021.0.8', '3.2.9'],
  ['2021.0.9', '2021.0.9', '3.2.10'],
  ['2022.0.0', '2022.0.0', '4.0.0'],
  ['2022.0.1', '2022.0.1', '4.0.1'],
  ['2022.0.2', '2022.0.2', '4.0.2'],
  ['2022.0.3', '2022.0.3', '4.0.3'],
  ['2022.0.4', '2022.0.4', '4.0.4'],
  ['2022.0.5', '2022.0.5', '4.0.5'],
  ['2023.0.0', '2023.0.0', '4.1.0'],
  ['2023.0.1', '2023.0.1', '4.1.1'],
  ['2023.0.2', '2023.0.2', '4.1.2'],
  ['2023.0.3', '2023.0.3', '4.1.3'],
  ['2023.0.4', '2023.0.4', '4.1.4'],
  ['2023.0.5', '2023.0.5', '4.1.5'],
  ['2023.0.6', '2023.0.6', '4.1.6'],
  ['2024.0.0', '2024.0.0', '4.2.0'],
  ['2024.0.1', '2024.0.1', '4.2.1'],
  ['2024.0.2', '2024.0.2', '4.2.2'],
  ['2024.0.3', '2024.0.3', '4.2.3'],
  ['2025.0.0', '2025.0.0', '4.3.0'],
  ['2025.0.1', '2025.0.1', '4.3.1'],
  ['2025.0.2', '2025.0.2', '4.3.2'],
  ['2025.0.3', '2025.0.3', '4.3.3'],
  ['2025.1.0', '2025.1.0', '5.0.0'],
  ['2025.1.1', '2025.1.1', '5.0.1'],
  ['2025.1.2', '2025.1.2', '5.0.2'],
  ['2025.1.3', '2025.1.3', '5.0.3'],
  ['2025.1.4', '2025.1.4', '5.0.4'],
  ['2026.0.0', '2026.0.0', '5.1.0'],
];

/**
 * The Quarkus platform BOM: kafka-clients. 2.x and later: io.quarkus.platform:quarkus-bom, and io.quarkus:quarkus-bom
 * (the core BOM) of the same version manages the same (core-only releases such as 3.8.0 read from their own pom).
 * 1.x: io.quarkus:quarkus-bom (`kafka2.version`), and io.quarkus:quarkus-universe-bom, the 1.x platform BOM,
 * which manages the core's kafka-clients at every 1.x release.
 */
const QUARKUS_KAFKA: readonly Row[] = [
  ['1.0.0', '1.0.1', '2.2.1'],
  ['1.1.0', '1.1.1', '2.2.1'],
  ['1.2.0', '1.2.1', '2.3.1'],
  ['1.3.0', '1.3.4', '2.4.0'],
  ['1.4.0', '1.4.2', '2.4.1'],
  ['1.5.0', '1.5.2', '2.5.0'],
  ['1.6.0', '1.6.1', '2.5.0'],
  ['1.7.0', '1.7.6', '2.5.0'],
  ['1.8.0', '1.8.3', '2.5.0'],
  ['1.9.0', '1.9.2', '2.5.0'],
  ['1.10.0', '1.10.5', '2.5.0'],
  ['1.11.0', '1.11.6', '2.5.0'],
  ['1.11.7', '1.11.7', '2.7.0'],
  ['1.12.0', '1.12.2', '2.5.0'],
  ['1.13.0', '1.13.7', '2.7.0'],
  ['2.0.0', '2.0.3', '2.8.0'],
  ['2.1.0', '2.1.4', '2.8.0'],
  ['2.2.1', '2.2.3', '2.8.0'],
  ['2.2.4', '2.2.5', '2.8.1'],
  ['2.3.0', '2.3.1', '2.8.1'],
  ['2.4.0', '2.4.2', '2.8.1'],
  ['2.5.0', '2.5.4', '2.8.1'],
  ['2.6.0', '2.6.3', '3.0.0'],
  ['2.7.0', '2.7.7', '3.1.0'],
  ['2.8.0', '2.8.3', '3.1.0'],
  ['2.9.0', '2.9.2', '3.1.0'],
  ['2.10.0', '2.10.4', '3.1.0'],
  ['2.11.0', '2.11.3', '3.1.0'],
  ['2.12.0', '2.12.3', '3.2.1'],
  ['2.13.0', '2.13.0', '3.2.1'],
  ['2.13.1', '2.13.9', '3.2.3'],
  ['2.14.0', '2.14.3', '3.3.1'],
  ['2.15.0', '2.15.3', '3.3.1'],
  ['2.16.0', '2.16.0', '3.3.1'],
  ['2.16.1', '2.16.12', '3.3.2'],
  ['3.0.0', '3.0.4', '3.4.0'],
  ['3.1.0', '3.1.3', '3.4.0'],
  ['3.2.0', '3.2.12', '3.4.0'],
  ['3.3.0', '3.3.3', '3.5.0'],
  ['3.4.0', '3.4.3', '3.5.1'],
  ['3.5.0', '3.5.3', '3.5.1'],
  ['3.6.0', '3.6.1', '3.6.0'],
  ['3.6.2', '3.6.9', '3.6.1'],
  ['3.7.0', '3.7.4', '3.6.1'],
  ['3.8.0', '3.8.5', '3.6.1'],
  ['3.8.6', '3.8.6.1', '3.7.0'],
  ['3.9.0', '3.9.5', '3.7.0'],
  ['3.10.0', '3.10.2', '3.7.0'],
  ['3.11.0', '3.11.3', '3.7.0'],
  ['3.12.0', '3.12.3', '3.7.0'],
  ['3.13.0', '3.13.3', '3.7.1'],
  ['3.14.0', '3.14.4', '3.7.1'],
  ['3.15.0', '3.15.3.1', '3.7.1'],
  ['3.15.4', '3.15.7', '3.7.2'],
  ['3.16.0', '3.16.4', '3.7.1'],
  ['3.17.0', '3.17.8', '3.7.1'],
  ['3.18.0', '3.18.4', '3.7.2'],
  ['3.19.0', '3.19.4', '3.9.0'],
  ['3.20.0', '3.20.2.2', '3.9.0'],
  ['3.20.3', '3.20.6.2', '3.9.1'],
  ['3.21.0', '3.21.4', '3.9.0'],
  ['3.22.0', '3.22.3', '3.9.0'],
  ['3.23.0', '3.23.4', '3.9.0'],
  ['3.24.0', '3.24.5', '4.0.0'],
  ['3.25.0', '3.25.4', '4.0.0'],
  ['3.26.0', '3.26.4', '4.0.0'],
  ['3.27.0', '3.27.3', '4.0.0'],
  ['3.27.3.1', '3.27.6.1', '4.0.2'],
  ['3.28.0', '3.28.5', '4.0.0'],
  ['3.29.0', '3.29.4', '4.0.0'],
  ['3.30.0', '3.30.2', '4.0.1'],
  ['3.30.3', '3.30.8', '4.1.1'],
  ['3.31.0', '3.31.4', '4.1.1'],
  ['3.32.0', '3.32.4', '4.1.1'],
  ['3.33.0', '3.33.1', '4.1.1'],
  ['3.33.1.1', '3.33.4.2', '4.1.2'],
  ['3.34.0', '3.34.3', '4.1.1'],
  ['3.34.5', '3.34.7', '4.1.2'],
  ['3.35.0', '3.35.4', '4.2.0'],
  ['3.36.0', '3.36.1', '4.2.0'],
  ['3.36.2', '3.36.3', '4.2.1'],
  ['3.37.0', '3.37.4', '4.2.1'],
  ['3.38.0', '3.38.3', '4.2.1'],
  ['3.39.1', '3.39.5', '4.2.1'],
  ['3.40.1', '3.40.1.2', '4.2.1'],
];

/**
 * Micronaut: kafka-clients. 1.x – 3.x: io.micronaut:micronaut-bom (the parent of io.micronaut:micronaut-parent),
 * which manages kafka-clients itself up to 3.4.4 and from 3.5.0 through the micronaut-kafka BOM it imports (that
 * BOM's own `kafka.version`). 4.x and later: the Micronaut platform (micronaut-platform / micronaut-parent),
 * through the micronaut-kafka BOM it imports.
 */
const MICRONAUT_KAFKA: readonly Row[] = [
  ['1.0.0', '1.0.3', '2.0.0'],
  ['1.0.4', '1.0.5', '2.0.1'],
  ['1.1.0', '1.1.4', '2.1.1'],
  ['1.2.0', '1.2.10', '2.3.0'],
  ['1.3.0', '1.3.7', '2.4.0'],
  ['2.0.0', '2.0.3', '2.5.0'],
  ['2.1.0', '2.1.4', '2.5.0'],
  ['2.2.0', '2.2.2', '2.6.0'],
  ['2.3.0', '2.3.4', '2.6.0'],
  ['2.4.0', '2.4.4', '2.7.0'],
  ['2.5.0', '2.5.13', '2.8.0'],
  ['3.0.0', '3.0.3', '2.8.0'],
  ['3.1.0', '3.1.3', '2.8.0'],
  ['3.2.0', '3.2.7', '2.8.0'],
  ['3.3.0', '3.3.4', '2.8.0'],
  ['3.4.0', '3.4.3', '2.8.0'],
  ['3.4.4', '3.4.4', '2.8.1'],
  ['3.5.0', '3.5.2', '2.8.0'],
  ['3.5.3', '3.5.4', '2.8.1'],
  ['3.6.0', '3.6.3', '2.8.1'],
  ['3.7.0', '3.7.7', '2.8.1'],
  ['3.8.0', '3.8.9', '2.8.2'],
  ['3.9.0', '3.9.7', '2.8.2'],
  ['3.10.0', '3.10.17', '2.8.2'],
  ['4.0.0', '4.0.5', '3.5.0'],
  ['4.0.6', '4.0.7', '3.5.1'],
  ['4.1.0', '4.1.6', '3.5.1'],
  ['4.2.0', '4.2.4', '3.6.0'],
  ['4.3.0', '4.3.8', '3.6.1'],
  ['4.4.0', '4.4.3', '3.7.0'],
  ['4.5.0', '4.5.1', '3.7.0'],
  ['4.6.0', '4.6.3', '3.7.0'],
  ['4.7.0', '4.7.4', '3.8.0'],
  ['4.7.5', '4.7.6', '3.8.1'],
  ['4.8.0', '4.8.3', '3.9.0'],
  ['4.9.0', '4.9.4', '3.9.1'],
  ['4.10.0', '4.10.17', '3.9.1'],
  ['5.0.0', '5.0.3', '4.2.0'],
];

const TABLES: Record<Platform, readonly Row[]> = {
  'spring-boot': SPRING_BOOT_KAFKA,
  'spring-cloud': SPRING_CLOUD_STREAM,
  quarkus: QUARKUS_KAFKA,
  micronaut: MICRONAUT_KAFKA,
};

/** The Spring Cloud release trains named after London stations, in order (those that manage the Kafka binder). */
const TRAINS = ['Dalston', 'Edgware', 'Finchley', 'Greenwich', 'Hoxton'];

/**
 * The numeric parts of a release version (`3.15.3.1`, `2.7.18`, `2.3.5.RELEASE` → 2.3.5), or undefined. A named
 * Spring Cloud release train (`Hoxton.SR8`, `Greenwich.RELEASE`) is [0, its place in TRAINS, its service release].
 */
export function releaseParts(v: string): number[] | undefined {
  const named = /^([A-Z][a-z]+)\.(?:RELEASE|SR(\d+))$/.exec(v.trim());
  if (named) {
    const train = TRAINS.indexOf(named[1]);
    return train < 0 ? undefined : [0, train, named[2] === undefined ? 0 : Number(named[2])];
  }
  const t = v.trim().replace(/\.(RELEASE|Final)$/, '');
  if (!/^\d+(\.\d+){1,3}$/.test(t)) return undefined;
  return t.split('.').map(Number);
}

export function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The version a platform release manages (kafka-clients; for Spring Cloud, the Stream binder), or
 * undefined when that release is not in the table.
 */
export function managedVersion(platform: Platform, version: string): string | undefined {
  const v = releaseParts(version);
  if (!v) return undefined;
  for (const [from, to, managed] of TABLES[platform]) {
    const f = releaseParts(from)!;
    if (f[0] !== v[0] || f[1] !== v[1]) continue;
    if (compareParts(v, f) >= 0 && compareParts(v, releaseParts(to)!) <= 0) return managed;
  }
  return undefined;
}

/** Every row, for the docs test: platform, first and last release of the run, managed version. */
export function platformRows(): Array<{ platform: Platform; from: string; to: string; managed: string }> {
  return (Object.keys(TABLES) as Platform[]).flatMap((platform) =>
    TABLES[platform].map(([from, to, managed]) => ({ platform, from, to, managed })),
  );
}

// ---------------------------------------------------------------------------------------------
// how a build declares a platform

/** A platform a build file declares, its version as written (unresolved). */
export interface PlatformDecl {
  platform: Platform;
  version?: Written;
  line: number;
  /** How it is declared: `parent spring-boot-starter-parent`, `BOM spring-boot-dependencies`, `plugin org.springframework.boot`… */
  how: string;
  /**
   * Gradle: the Spring Boot plugin manages versions only with Spring's dependency-management
   * plugin (or with its BOM as a platform); false when neither was seen in this file.
   */
  needsDependencyManagement?: boolean;
  /** Gradle: the version is in a project property of this name (`micronautVersion` in gradle.properties). */
  needs?: string;
  /** Gradle: a plugin applied without a version here; the version is where the plugin is declared (the root project, settings, the catalog). */
  pluginWithoutVersion?: string;
  /** The table holds this declaration's releases only up to this major line (the Quarkus universe BOM: read for 1.x and 2.x). */
  upToMajor?: number;
}

/** A catalog plugin entry resolved for a Gradle `alias(libs.plugins.…)`. */
export interface CatalogPlugin {
  id: string;
  version?: Written;
  file?: string;
}

/** The accessor Gradle generates for a catalog alias: `spring-boot` and `spring_boot` → `spring.boot`. */
export const catalogAccessor = (alias: string) => alias.replace(/[-_]/g, '.');

const BOOT_BOMS = new Set(['org.springframework.boot:spring-boot-dependencies']);
const BOOT_PARENTS = new Set(['org.springframework.boot:spring-boot-starter-parent', 'org.springframework.boot:spring-boot-dependencies']);
const CLOUD_BOMS = new Set(['org.springframework.cloud:spring-cloud-dependencies']);
const CLOUD_PARENTS = new Set(['org.springframework.cloud:spring-cloud-starter-parent']);
/** The 1.x platform BOM (published until 3.x; its kafka-clients read for every 1.x and 2.x release). */
const QUARKUS_UNIVERSE = 'io.quarkus:quarkus-universe-bom';
const QUARKUS_BOMS = new Set(['io.quarkus.platform:quarkus-bom', 'io.quarkus:quarkus-bom', QUARKUS_UNIVERSE]);
const MICRONAUT_BOMS = new Set(['io.micronaut.platform:micronaut-platform', 'io.micronaut:micronaut-bom']);
const MICRONAUT_PARENTS = new Set(['io.micronaut.platform:micronaut-parent', 'io.micronaut:micronaut-parent']);
export const BOOT_PLUGIN = 'org.springframework.boot';
export const DEPENDENCY_MANAGEMENT_PLUGIN = 'io.spring.dependency-management';
const BOOT_GRADLE_PLUGIN_ARTIFACT = 'org.springframework.boot:spring-boot-gradle-plugin';

/** The platform whose BOM has these coordinates (`group:artifact`). */
function bomPlatform(c: string): Platform | undefined {
  return BOOT_BOMS.has(c)
    ? 'spring-boot'
    : CLOUD_BOMS.has(c)
      ? 'spring-cloud'
      : QUARKUS_BOMS.has(c)
        ? 'quarkus'
        : MICRONAUT_BOMS.has(c)
          ? 'micronaut'
          : undefined;
}

/** The platform whose parent POM has these coordinates. */
function parentPlatform(c: string): Platform | undefined {
  return BOOT_PARENTS.has(c) ? 'spring-boot' : CLOUD_PARENTS.has(c) ? 'spring-cloud' : MICRONAUT_PARENTS.has(c) ? 'micronaut' : undefined;
}

type Coordinates = (g: Written, a: Written) => string;

/** Version catalogs: a BOM library or the Boot plugin's entry. */
function catalogPlatforms(model: BuildModel, coord: Coordinates): PlatformDecl[] {
  const out: PlatformDecl[] = [];
  for (const d of model.dependencies) {
    const c = coord(d.group, d.artifact);
    const platform = bomPlatform(c);
    if (!platform) continue;
    const version = d.versionRef ? catalogVersion(model, d.versionRef) : d.version;
    out.push({
      platform,
      version,
      line: d.line,
      how: `catalog library ${d.alias ?? d.artifact.raw}`,
      ...(c === QUARKUS_UNIVERSE ? { upToMajor: 2 } : {}),
    });
  }
  for (const p of model.plugins) {
    if (p.id !== BOOT_PLUGIN) continue;
    const version = p.versionRef ? catalogVersion(model, p.versionRef) : p.version;
    out.push({ platform: 'spring-boot', version, line: p.line, how: `catalog plugin ${p.catalogAlias ?? p.id}` });
  }
  return out;
}

/** Gradle: the Spring Boot plugin (in `plugins {}`, from the catalog, or on the buildscript classpath) and Micronaut's plugins. */
function gradlePluginPlatforms(
  model: BuildModel,
  catalogPlugin: (accessor: string) => CatalogPlugin | undefined,
  applied: Set<string>,
  dependencyManagement: boolean,
): PlatformDecl[] {
  const out: PlatformDecl[] = [];
  for (const p of model.plugins) {
    if (p.how === 'classpath' && p.id === BOOT_GRADLE_PLUGIN_ARTIFACT) {
      // buildscript { dependencies { classpath "…:spring-boot-gradle-plugin:2.7.18" } }: applied with apply plugin
      if (applied.has(BOOT_PLUGIN) || applied.has('spring-boot')) {
        out.push({
          platform: 'spring-boot',
          version: p.version,
          line: p.line,
          how: 'buildscript classpath spring-boot-gradle-plugin',
          needsDependencyManagement: !dependencyManagement,
        });
      }
    } else if (p.how === 'plugins') {
      const fromCatalog = p.catalogAlias !== undefined ? catalogPlugin(p.catalogAlias) : undefined;
      const id = fromCatalog?.id ?? p.id;
      const version = p.version ?? fromCatalog?.version;
      if (id === BOOT_PLUGIN) {
        out.push({
          platform: 'spring-boot',
          version,
          line: p.line,
          how: p.catalogAlias !== undefined ? `plugin libs.plugins.${p.catalogAlias}` : `plugin ${id}`,
          needsDependencyManagement: p.applied ? !dependencyManagement : undefined,
          ...(version ? {} : { pluginWithoutVersion: BOOT_PLUGIN }),
        });
      } else if (id.startsWith('io.micronaut.') && p.applied) {
        const v = model.micronautVersion;
        out.push({
          platform: 'micronaut',
          version: v,
          line: v?.line ?? p.line,
          how: v ? 'micronaut { version }' : `plugin ${id}, property micronautVersion`,
          ...(v ? {} : { needs: 'micronautVersion' }),
        });
      }
    }
  }
  return out;
}

/**
 * The platforms a model declares, with coordinates resolved by `resolve` (properties and
 * variables: `${quarkus.platform.group-id}`). Maven: the parent first, then imported BOMs in order.
 */
export function platformsOf(
  model: BuildModel,
  resolve: (raw: string) => string = (r) => r,
  catalogPlugin: (accessor: string) => CatalogPlugin | undefined = () => undefined,
): PlatformDecl[] {
  const out: PlatformDecl[] = [];
  const coord: Coordinates = (g, a) => `${resolve(g.raw)}:${resolve(a.raw)}`;
  for (const p of model.parents) {
    const platform = parentPlatform(coord(p.group, p.artifact));
    if (platform) out.push({ platform, version: p.version, line: p.line, how: `parent ${p.artifact.raw}` });
  }
  const applied = new Set(model.plugins.filter((p) => p.how !== 'catalog' && p.applied).map((p) => p.id));
  const dependencyManagement = applied.has(DEPENDENCY_MANAGEMENT_PLUGIN) || model.boms.some((b) => b.bootPluginBom);
  for (const b of model.boms) {
    if (b.bootPluginBom) continue; // the Boot plugin's own BOM: counted with the plugin
    const c = coord(b.group, b.artifact);
    const platform = bomPlatform(c);
    if (platform) {
      out.push({
        platform,
        version: b.version,
        line: b.line,
        how: `${b.how === 'import' ? 'BOM' : b.how} ${resolve(b.artifact.raw)}`,
        ...(c === QUARKUS_UNIVERSE ? { upToMajor: 2 } : {}),
      });
    }
  }
  if (model.format === 'catalog') out.push(...catalogPlatforms(model, coord));
  if (model.format === 'gradle') out.push(...gradlePluginPlatforms(model, catalogPlugin, applied, dependencyManagement));
  return out;
}

function catalogVersion(model: BuildModel, ref: Written): Written | undefined {
  const def = model.properties.get(ref.raw);
  return def && { raw: def.value, line: def.line, offset: def.offset };
}
