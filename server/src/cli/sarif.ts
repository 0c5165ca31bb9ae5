/**
 * `--format sarif`: one SARIF 2.1.0 log with one run (OASIS SARIF 2.1.0 Errata 01; validated
 * against the official schema in test/cli/sarif.test.ts). What a code-scanning upload needs:
 *
 * - `tool.driver.rules`: the rules the results reference, in the order of ALL_RULES (`ruleIndex`
 *   points into this list), each with `shortDescription` (its headline), `fullDescription`,
 *   `helpUri` (the rule's page), `help` and `defaultConfiguration.level`. Only those: a log with one
 *   finding stays a few kilobytes (all rules would be about 80 KB).
 * - results: `ruleId`, `ruleIndex`, `level` (error → error, warning → warning, info and hint →
 *   note), `message.text`, one location, `relatedLocations`, `partialFingerprints` and `fixes`.
 * - Regions are 1-based lines and columns, columns in UTF-16 code units (`run.columnKind`),
 *   `endColumn` one past the last character, as SARIF defines it. The BOM is not counted.
 *   Fix regions use the same line/column form (a deletion region of length 0 is an insertion).
 * - URIs are relative to the working directory (`uriBaseId` `%SRCROOT%`, given in
 *   `originalUriBaseIds`); a file outside it gets an absolute `file:` URI.
 * - `partialFingerprints["kafkaIdempotenceFindingHash/v1"]`: SHA-256 of the rule id, the URI,
 *   the finding's line(s) with whitespace collapsed, and the occurrence index among findings of
 *   that rule on identical lines in the file. Moving the lines, or editing other lines, keeps it.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ALL_RULES, LineIndex, type Finding, type Rule, type Severity, type Span } from '../service';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const FINGERPRINT_KEY = 'kafkaIdempotenceFindingHash/v1';
const SRCROOT = '%SRCROOT%';

export interface SarifFile {
  /** Absolute path. */
  abs: string;
  /** The text the findings' offsets point into (without BOM). */
  text: string;
  findings: readonly Finding[];
}

export interface SarifOptions {
  cwd: string;
  toolVersion: string;
  informationUri: string;
  /** False when the run had usage or read errors (exit code 2). */
  executionSuccessful: boolean;
  /** Errors and warnings the CLI printed on stderr. */
  notifications: Array<{ level: 'error' | 'warning'; text: string }>;
}

export const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function artifactUri(abs: string, cwd: string): Sarif.ArtifactLocation {
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(lines: LineIndex, span: Span): Sarif.Region {
  const start = lines.position(span.start);
  const end = lines.position(Math.max(span.start, span.end));
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** The finding's line(s), whitespace collapsed: what identifies it when lines move. */
function lineText(lines: LineIndex, span: Span): string {
  const first = lines.lineOf(span.start);
  const last = lines.lineOf(Math.max(span.start, span.end));
  const out: string[] = [];
  for (let l = first; l <= last; l++) {
    out.push(lines.text.slice(lines.starts[l], lines.lineEnd(l)).trim().replace(/\s+/g, ' '));
  }
  return out.join('\n');
}

export function fingerprint(ruleId: string, uri: string, normalizedLines: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\u0000${uri}\u0000${normalizedLines}\u0000${occurrence}`).digest('hex');
}

function ruleDescriptor(r: Rule): Sarif.ReportingDescriptor {
  return {
    id: r.meta.id,
    shortDescription: { text: r.meta.headline },
    fullDescription: { text: r.meta.description },
    helpUri: r.meta.docsUrl,
    help: {
      text: `${r.meta.description} See ${r.meta.docsUrl}`,
      markdown: `${r.meta.description}\n\n[Rule documentation](${r.meta.docsUrl})`,
    },
    defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
    properties: {
      tags: ['kafka', 'idempotence'],
      fixable: r.meta.fixable,
      ...(r.meta.catalogue ? { catalogue: r.meta.catalogue } : {}),
    },
  };
}

/** One file's results, in the order of its findings. */
function fileResults(file: SarifFile, cwd: string, ruleIndex: ReadonlyMap<string, number>): Sarif.Result[] {
  const results: Sarif.Result[] = [];
  const lines = new LineIndex(file.text);
  const artifactLocation = artifactUri(file.abs, cwd);
  const occurrences = new Map<string, number>();
  for (const f of file.findings) {
    const normalized = lineText(lines, f.span);
    const occKey = `${f.ruleId}\u0000${normalized}`;
    const occurrence = occurrences.get(occKey) ?? 0;
    occurrences.set(occKey, occurrence + 1);
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(lines, f.span) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.ruleId, artifactLocation.uri!, normalized, occurrence) },
    };
    if (f.related.length > 0) {
      result.relatedLocations = f.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: { artifactLocation, region: region(lines, r.span) },
        message: { text: r.message },
      }));
    }
    const fixes = sarifFixes(f, artifactLocation, lines);
    if (fixes.length > 0) result.fixes = fixes;
    results.push(result);
  }
  return results;
}

/** A finding's fixes as SARIF fixes; one that repeats an earlier one (same description and edits) is left out. */
function sarifFixes(f: Finding, artifactLocation: Sarif.ArtifactLocation, lines: LineIndex): Sarif.Fix[] {
  const seen = new Set<string>();
  const fixes: Sarif.Fix[] = [];
  for (const fix of f.fixes) {
    const sarifFix: Sarif.Fix = {
      description: { text: fix.isPreferred ? `${fix.title} (preferred)` : fix.title },
      artifactChanges: [
        {
          artifactLocation,
          replacements: [...fix.edits]
            .sort((a, b) => a.span.start - b.span.start)
            .map((e) => ({ deletedRegion: region(lines, e.span), insertedContent: { text: e.newText } })),
        },
      ],
    };
    const key = JSON.stringify(sarifFix);
    if (seen.has(key)) continue;
    seen.add(key);
    fixes.push(sarifFix);
  }
  return fixes;
}

export function toSarif(files: readonly SarifFile[], o: SarifOptions): Sarif.Log {
  const referenced = new Set(files.flatMap((f) => f.findings.map((x) => x.ruleId)));
  const used = ALL_RULES.filter((r) => referenced.has(r.meta.id));
  const ruleIndex = new Map(used.map((r, i) => [r.meta.id, i]));
  const rules = used.map(ruleDescriptor);
  const results = files.flatMap((file) => fileResults(file, o.cwd, ruleIndex));

  const invocation: Sarif.Invocation = { executionSuccessful: o.executionSuccessful };
  if (o.notifications.length > 0) {
    invocation.toolExecutionNotifications = o.notifications.map((n) => ({ level: n.level, message: { text: n.text } }));
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kafka-idempotence-lint',
            version: o.toolVersion,
            ...(/^\d+\.\d+\.\d+/.test(o.toolVersion) ? { semanticVersion: o.toolVersion } : {}),
            informationUri: o.informationUri,
            rules,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(o.cwd.endsWith(path.sep) ? o.cwd : o.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly SarifFile[], o: SarifOptions): string {
  return JSON.stringify(toSarif(files, o), null, 2) + '\n';
}
