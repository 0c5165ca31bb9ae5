/**
 * `npm run oracles` (scripts/oracles.mjs builds, provisions Java and Maven, then runs this):
 *   node test/out/oracles/run.js                      every oracle at full size; writes .cache/oracles/summary.json
 *   node test/out/oracles/run.js --oracle 'kafka-clients 4.4.0' --seed 7 --count 200
 *   node test/out/oracles/run.js --list
 *   node test/out/oracles/run.js --boms               only the platform tables against the BOMs Maven serves
 * --oracle takes a name or a prefix (`kafka-clients` runs the five); --parallel N JVMs at a time (default 2).
 * Exit code 1 when any case disagrees; the first disagreements of each oracle are printed minimised.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORACLES } from './registry';
import { runAll, summaryLine, type OracleRun } from './common';
import { CACHE } from './java';
import { bomDisagreements, bomReleases, bomSummary, checkBoms } from './boms';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (process.argv.includes('--list')) {
    for (const o of ORACLES) console.log(`${o.name}\t${o.implementation}\t${o.fullCount} cases\tseed ${o.seed}`);
    return 0;
  }
  // --boms: only the platform tables against the BOMs (every row's first and last release)
  if (process.argv.includes('--boms')) {
    const checks = checkBoms(bomReleases());
    console.log(bomSummary(checks));
    return bomDisagreements(checks).length ? 1 : 0;
  }
  const which = arg('oracle');
  const selected = which ? ORACLES.filter((o) => o.name === which || o.name.startsWith(which)) : ORACLES;
  if (selected.length === 0) {
    console.error(`no oracle named ${which}; --list shows them`);
    return 2;
  }
  const seed = arg('seed') !== undefined ? Number(arg('seed')) : undefined;
  const count = arg('count') !== undefined ? Number(arg('count')) : undefined;
  const parallel = Number(arg('parallel') ?? 2);
  const runs: OracleRun[] = await runAll(
    selected,
    () => ({ seed, count }),
    parallel,
    (r) => {
      console.log(summaryLine(r));
      if (r.disagreements.length) {
        const kinds = new Map<string, number>();
        for (const d of r.disagreements) for (const x of d.diffs) kinds.set(x.slice(0, 60), (kinds.get(x.slice(0, 60)) ?? 0) + 1);
        console.log(
          `  differences: ${[...kinds]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 12)
            .map(([k, n]) => `${n}× ${k}`)
            .join('\n               ')}`,
        );
      }
      for (const d of r.disagreements.filter((x) => x.minimal)) console.log(d.minimal);
    },
  );
  // the summary describes a full run of every oracle only
  if (!which && seed === undefined && count === undefined) {
    mkdirSync(join(CACHE, 'oracles'), { recursive: true });
    const summary = {
      oracles: runs.map((r) => ({
        name: r.name,
        implementation: r.implementation,
        cases: r.cases,
        agree: r.agree,
        seconds: Math.round(r.seconds * 10) / 10,
      })),
    };
    writeFileSync(join(CACHE, 'oracles', 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    console.log(`wrote ${join(CACHE, 'oracles', 'summary.json')}`);
  }
  // a full run also checks the platform tables against every row's first and last release
  let bomsOk = true;
  if (!which && seed === undefined && count === undefined) {
    const checks = checkBoms(bomReleases());
    console.log(bomSummary(checks));
    bomsOk = bomDisagreements(checks).length === 0;
  }
  return runs.every((r) => r.agree === r.cases) && bomsOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
