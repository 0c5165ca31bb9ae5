/**
 * Trigger words: a necessary condition, checked on the raw text, for a detector to find a
 * producer configuration in a file. A YAML file that matches no trigger of any detector is
 * not parsed at all (lint.ts): most YAML files (Kubernetes manifests, CI pipelines...) have
 * nothing to do with Kafka, and parsing and composing them costs a hundred times reading them.
 *
 * A trigger matches when every one of its words occurs in the text:
 * - exact (`relaxed` unset): case-sensitive, as a whole word (not preceded or followed by a
 *   letter, digit or `_`), as a key segment of a raw producer key (`linger` and `ms` of
 *   `linger.ms`, whether written flat or nested) must;
 * - `relaxed`: case-insensitively (Unicode simple case folding, so the Kelvin sign that
 *   `toLowerCase` turns into `k` counts too), with any `-`/`_` between the letters and no
 *   word boundary, as Spring's relaxed binding reads a name (`spring.Ka-fka`).
 * A double-quoted YAML key can spell a word with escapes (`"\x61cks"`, `"\u0061cks"`, an
 * escaped line break): a text with such an escape always matches.
 */
export interface Trigger {
  words: readonly string[];
  relaxed?: boolean;
}

/** Escapes that can produce a letter, digit, `.` or join two lines in a double-quoted YAML scalar. */
const SPELLING_ESCAPE = /\\[xuU\r\n]/;

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

function hasWholeWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const end = i + word.length;
    if ((i === 0 || !isWordChar(text.charCodeAt(i - 1))) && (end >= text.length || !isWordChar(text.charCodeAt(end)))) return true;
  }
  return false;
}

const escapeRe = (w: string) => w.replace(/[^A-Za-z0-9]/g, '\\$&');

/**
 * A set of triggers compiled into few native scans: one regex finds which exact "anchor"
 * words occur (an anchor is a word of each trigger, shared between triggers where it can be,
 * so that the alternation stays short); only the triggers whose anchor occurs have their
 * other words looked up. Each relaxed word is one case-insensitive regex.
 */
export class TriggerMatcher {
  private readonly anchors: RegExp | undefined;
  private readonly anchorOf: string[] = [];
  private readonly relaxed = new Map<string, RegExp>();

  constructor(private readonly triggers: readonly Trigger[]) {
    const exact = triggers.filter((t) => !t.relaxed);
    // greedy: the word (of at least 4 letters where there is one) shared by most triggers, then the longest
    const chosen = new Set<string>();
    const anchorOf = new Map<Trigger, string>();
    let rest = exact.filter((t) => t.words.length > 0);
    while (rest.length > 0) {
      const count = new Map<string, number>();
      for (const t of rest) for (const w of new Set(t.words)) count.set(w, (count.get(w) ?? 0) + 1);
      const score = (w: string) => (w.length >= 4 ? 1000 : 0) + (count.get(w) ?? 0) * 100 + Math.min(w.length, 99);
      const best = [...count.keys()].sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1))[0];
      chosen.add(best);
      for (const t of rest) if (t.words.includes(best)) anchorOf.set(t, best);
      rest = rest.filter((t) => !t.words.includes(best));
    }
    this.anchorOf = triggers.map((t) => anchorOf.get(t) ?? '');
    this.anchors =
      chosen.size > 0
        ? new RegExp(
            `\\b(?:${[...chosen]
              .sort((a, b) => b.length - a.length)
              .map(escapeRe)
              .join('|')})\\b`,
            'g',
          )
        : undefined;
    for (const t of triggers) {
      if (!t.relaxed) continue;
      for (const w of t.words) {
        const word = w.toLowerCase();
        if (!this.relaxed.has(word)) this.relaxed.set(word, new RegExp([...word].map(escapeRe).join('[-_]*'), 'iu'));
      }
    }
  }

  /** True when one of the triggers matches the text (always, for a text with spelling escapes). */
  test(text: string): boolean {
    if (text.includes('\\') && SPELLING_ESCAPE.test(text)) return true;
    const relaxedHit = new Map<string, boolean>();
    const relaxed = (w: string) => {
      const word = w.toLowerCase();
      let hit = relaxedHit.get(word);
      if (hit === undefined) relaxedHit.set(word, (hit = this.relaxed.get(word)!.test(text)));
      return hit;
    };
    // the anchor words present, found in one scan on the first exact trigger (a relaxed one often decides first)
    let present: Set<string> | undefined;
    const anchorPresent = (anchor: string) => {
      if (!present) {
        present = new Set<string>();
        if (this.anchors) {
          this.anchors.lastIndex = 0;
          for (let m = this.anchors.exec(text); m; m = this.anchors.exec(text)) present.add(m[0]);
        }
      }
      return present.has(anchor);
    };
    const exactHit = new Map<string, boolean>();
    const exact = (w: string) => {
      let hit = exactHit.get(w);
      if (hit === undefined) exactHit.set(w, (hit = hasWholeWord(text, w)));
      return hit;
    };
    // relaxed triggers first: the answer is the same in any order
    return (
      this.triggers.some((t) => t.relaxed && t.words.every(relaxed)) ||
      this.triggers.some((t, i) => {
        if (t.relaxed) return false;
        const anchor = this.anchorOf[i];
        return anchor !== '' && anchorPresent(anchor) && t.words.every((w) => w === anchor || exact(w));
      })
    );
  }
}

/** One trigger per raw producer key: its dot-separated segments, exact. */
export const keyTriggers = (keys: Iterable<string>): Trigger[] =>
  [...new Set(keys)].map((k) => ({ words: k.split('.').filter((w) => w.length > 0) }));
