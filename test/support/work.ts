/**
 * Counts the work a function does on text, without a clock: the characters it reads through
 * `String.prototype.charCodeAt` / `codePointAt` (how the linter's scanners read), plus one per call
 * of the native scanners (`indexOf`, `lastIndexOf`, `startsWith`, `slice`...). A linear function's
 * count doubles when its input doubles; a quadratic one's quadruples. Tests compare counts at two
 * sizes (`growth`), never timings.
 */
const COUNTED = [
  'charCodeAt',
  'codePointAt',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'slice',
  'substring',
  'includes',
  'trim',
  'trimStart',
  'trimEnd',
] as const;

export function countWork(fn: () => void): number {
  const proto = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = COUNTED.map((name) => [name, proto[name]] as const);
  let count = 0;
  for (const [name, original] of saved) {
    proto[name] = function (this: string, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  try {
    fn();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return count;
}

/** work(make(2n)) / work(make(n)): about 2 for a linear function. */
export function growth(
  make: (n: number) => string,
  run: (text: string) => void,
  n: number,
): { ratio: number; small: number; large: number } {
  const a = make(n);
  const b = make(2 * n);
  const small = countWork(() => run(a));
  const large = countWork(() => run(b));
  return { ratio: large / small, small, large };
}
