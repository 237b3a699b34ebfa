/**
 * ostc's front end (tsc and the lowering to C) for the OS build, with a cache: the C of an entry
 * (the kernel) or of a program set (user/bin) is kept with the SHA-256 of every source file it
 * was made from, and reused while none of them changed and the compiler is the same.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { COMPILER_DIR, lowerEntries, lowerProgramSet, type ProgramSetC } from "../../compiler/src/driver.js";
import { BuildCache } from "../../compiler/src/buildcache.js";
import type { Target } from "../../compiler/src/lower/program.js";
import { whileBusy } from "../../compiler/src/toolrunner.js";

/** A cached front-end result with the SHA-256 of every source file it was made from. */
interface Manifest<T> { readonly files: [string, string][]; readonly value: T }

let fingerprint: string | undefined;
/** The compiler's own identity: its sources, its prelude and the TypeScript release it runs on. */
function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith(".ts")) files.push(path.join(dir, e.name));
    }
  };
  walk(path.join(COMPILER_DIR, "src"));
  walk(path.join(COMPILER_DIR, "prelude"));
  const tsVersion = (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
  return fingerprint = BuildCache.key(tsVersion, ...files.flatMap((f) => [f, fs.readFileSync(f)]));
}

function fileHash(file: string): string | undefined {
  try {
    return BuildCache.key(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * A front-end result from the cache, while every source file it was made from is unchanged, or
 * `compile`d (as one synchronous step during which tools leave this thread a CPU) and stored.
 * `compile` returns the result and the files it depends on, or throws ostc's or tsc's messages.
 */
function cachedFrontEnd<T>(key: string, cache: BuildCache | undefined, compile: () => { value: T; files: string[] }): T {
  const text = cache?.readText(key);
  if (text) {
    const m = JSON.parse(text) as Manifest<T>;
    if (m.value !== undefined && m.files.every(([f, h]) => fileHash(f) === h)) return m.value;
  }
  const { value, files } = whileBusy(compile);
  cache?.writeText(key, JSON.stringify({ files: files.map((f) => [f, fileHash(f)!]), value } satisfies Manifest<T>));
  return value;
}

/** The key of a front-end result; trap locations in the C are relative to the working directory. */
function frontEndKey(kind: string, target: Target, checked: boolean, parts: number, entries: readonly string[]): string {
  return BuildCache.key(kind, compilerFingerprint(), target, String(checked), String(parts), process.cwd(), ...entries.map((e) => path.resolve(e)));
}

/** The C units of an entry (`parts` of them), from the cache or compiled; throws ostc's or tsc's messages. */
export function compileEntry(entry: string, target: Target, checked: boolean, parts: number, cache?: BuildCache): string[] {
  return cachedFrontEnd(frontEndKey("frontend", target, checked, parts, [entry]), cache, () => {
    const [r] = lowerEntries([entry], target, checked, parts);
    if (!r!.ok) throw new Error(r!.errors);
    return { value: r!.c, files: r!.files };
  });
}

/**
 * The C of a program set (driver.lowerProgramSet: the entries' shared modules lowered once, in
 * `parts` units), from the cache or compiled; throws ostc's or tsc's messages.
 */
export function compileProgramSet(entries: readonly string[], target: Target, checked: boolean, parts: number, cache?: BuildCache): ProgramSetC {
  return cachedFrontEnd(frontEndKey("program-set", target, checked, parts, entries), cache, () => {
    const r = lowerProgramSet(entries, target, checked, parts);
    if (!r.ok) throw new Error(r.errors);
    return { value: r.set, files: r.files };
  });
}
