/**
 * A deliberately small glob matcher (Node 20 has no fs.glob): `*` and `?` match
 * within one path segment, `**` as a whole segment matches any number of segments
 * (zero included). As in a shell, a wildcard does not match a leading `.` unless
 * the pattern segment itself starts with `.`. No braces, no character classes, no
 * negation: anything beyond that is better done by the shell.
 */

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** Drops the slashes at the end, keeping the first character (a lone '/' stays). */
function trimTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47 /* / */) end--;
  return p.slice(0, end);
}

/** Splits a pattern into its literal base directory and the glob segments after it. */
export function splitGlob(pattern: string): { base: string; segments: string[] } {
  const normalized = trimTrailingSlashes(pattern.replace(/\\/g, '/'));
  const parts = normalized.split('/');
  const baseParts: string[] = [];
  let i = 0;
  for (; i < parts.length - 1; i++) {
    if (isGlob(parts[i])) break;
    baseParts.push(parts[i]);
  }
  const segments = parts.slice(i).filter((s) => s !== '' && s !== '.');
  let base = baseParts.join('/');
  if (base === '' && normalized.startsWith('/')) base = '/';
  return { base: base === '' ? '.' : base, segments: collapseStars(segments) };
}

function collapseStars(segments: string[]): string[] {
  const out: string[] = [];
  for (const s of segments) if (!(s === '**' && out[out.length - 1] === '**')) out.push(s);
  return out;
}

/**
 * Does one path segment match one glob segment (`*` any run, `?` one character, both within the
 * segment; code points, as the `u` flag would)? The classic greedy wildcard match with one
 * backtrack point: no regular expression, no exponential or cubic case.
 */
function segmentMatches(segment: string, name: string): boolean {
  if (!segment.startsWith('.') && name.startsWith('.')) return false;
  const p = Array.from(segment);
  const s = Array.from(name);
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Does the relative path (segments below the base) match the glob segments? */
export function matchSegments(glob: readonly string[], path: readonly string[], gi = 0, pi = 0): boolean {
  while (gi < glob.length) {
    const g = glob[gi];
    if (g === '**') {
      if (gi === glob.length - 1) return path.slice(pi).every((p) => !p.startsWith('.'));
      for (let k = pi; k <= path.length; k++) {
        if (matchSegments(glob, path, gi + 1, k)) return true;
        if (k < path.length && path[k].startsWith('.')) return false;
      }
      return false;
    }
    if (pi >= path.length || !segmentMatches(g, path[pi])) return false;
    gi++;
    pi++;
  }
  return pi === path.length;
}

/**
 * Can a path below `prefix` (a directory's segments) still match? Used to prune the walk.
 * Conservative: true whenever unsure.
 */
export function couldMatchBelow(glob: readonly string[], prefix: readonly string[]): boolean {
  for (let i = 0; i < prefix.length; i++) {
    if (i >= glob.length) return false;
    if (glob[i] === '**') return true;
    if (!segmentMatches(glob[i], prefix[i])) return false;
  }
  return true;
}
