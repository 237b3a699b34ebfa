/** Text helpers: padded numbers, decimal parsing, fixed-point formatting, command-line flags. */

/** `n` right-aligned in `width` columns. */
export function padLeft(s: string, width: i32): string {
  return s.padStart(width, " ");
}

/** `s` left-aligned in `width` columns. */
export function padRight(s: string, width: i32): string {
  return s.padEnd(width, " ");
}

/** A number right-aligned in `width` columns. */
export function formatNumber(n: i64, width: i32): string {
  return padLeft(`${n}`, width);
}

/** A number with leading zeros to `width` digits. */
export function zeroPad(n: i32, width: i32): string {
  return `${n}`.padStart(width, "0");
}

/** `value / 2^shift` with two decimals (load averages). */
export function fixedPoint2(value: u32, shift: u32): string {
  const whole = value >>> shift;
  const frac = value - (whole << shift >>> 0);
  const hundredths = Math.floor((frac * 100 + (1 << (shift - 1))) / (1 << shift));
  return hundredths >= 100 ? `${whole + 1}.00` : `${whole}.${zeroPad(hundredths, 2)}`;
}

/** A parsed non-negative decimal integer, or -1 if `s` is not one (or exceeds 2^31-1). */
export function parseUint(s: string): i32 {
  if (s.length === 0 || s.length > 10) return -1;
  let n: i64 = 0n;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    n = n * 10n + BigInt(c - 48);
  }
  return n > 2147483647n ? -1 : Number(n);
}

/** Parsed command-line flags: single-letter options in any grouping (`-la`), then operands. `--` ends options. */
export class Flags {
  readonly letters: string[] = [];
  readonly operands: string[] = [];
  /** The first letter not in the allowed set, or "" when all were accepted. */
  bad: string = "";

  constructor(args: string[], allowed: string) {
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === "--") { i++; break; }
      if (a.length < 2 || a[0] !== "-") break;
      for (let j = 1; j < a.length; j++) {
        if (!allowed.includes(a[j]) && this.bad === "") this.bad = a[j];
        this.letters.push(a[j]);
      }
    }
    for (; i < args.length; i++) this.operands.push(args[i]);
  }

  /** Whether option `c` was given. */
  has(c: string): boolean {
    return this.letters.includes(c);
  }
}

/** The program's arguments after its name (process.argv without Node's first two entries). */
export function programArgs(): string[] {
  return process.argv.slice(2);
}
