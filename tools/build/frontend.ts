/**
 * ostc's front end (tsc and the lowering to C) for the OS build, with a cache: an entry's C is
 * kept with the SHA-256 of every source file it was made from, and reused while none of them
 * changed and the compiler is the same. Entries that miss are compiled together, as one tsc
 * program (their shared modules are parsed and checked once).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { COMPILER_DIR, lowerEntries, lowerProgramSet, type ProgramSetC } from "../../compiler/src/driver.js";
import { BuildCache } from "../../compiler/src/buildcache.js";
import type { Target } from "../../compiler/src/lower/program.js";
import { whileBusy } from "../../compiler/src/toolrunner.js";

interface Manifest { readonly files: [string, string][]; readonly c: string[] }
interface SetManifest { readonly files: [string, string][]; readonly set: ProgramSetC }

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
 * The C units of each entry (`parts` per entry), from the cache or compiled; throws ostc's or
 * tsc's messages. Without a cache every entry is compiled.
 */
export function compileEntries(entries: readonly string[], target: Target, checked: boolean, parts: number, cache?: BuildCache): string[][] {
  // Trap locations in the C are relative to the working directory.
  const keys = entries.map((e) => BuildCache.key("frontend", compilerFingerprint(), target, String(checked), String(parts), process.cwd(), path.resolve(e)));
  const out: (string[] | undefined)[] = entries.map((_, i) => {
    const text = cache?.readText(keys[i]!);
    if (!text) return undefined;
    const m = JSON.parse(text) as Manifest;
    return m.files.every(([f, h]) => fileHash(f) === h) ? m.c : undefined;
  });
  const missing = entries.filter((_, i) => !out[i]);
  if (missing.length) {
    const results = whileBusy(() => lowerEntries(missing, target, checked, parts));
    for (const [j, r] of results.entries()) {
      if (!r.ok) throw new Error(r.errors);
      const i = entries.indexOf(missing[j]!);
      out[i] = r.c;
      if (cache) {
        const manifest: Manifest = { files: r.files.map((f) => [f, fileHash(f)!]), c: r.c };
        cache.writeText(keys[i]!, JSON.stringify(manifest));
      }
    }
  }
  return out as string[][];
}

/**
 * The C of a program set (driver.lowerProgramSet: the entries' shared modules lowered once, in
 * `parts` units), from the cache or compiled; throws ostc's or tsc's messages.
 */
export function compileProgramSet(entries: readonly string[], target: Target, checked: boolean, parts: number, cache?: BuildCache): ProgramSetC {
  const key = BuildCache.key("program-set", compilerFingerprint(), target, String(checked), String(parts), process.cwd(), ...entries.map((e) => path.resolve(e)));
  const text = cache?.readText(key);
  if (text) {
    const m = JSON.parse(text) as SetManifest;
    if (m.files.every(([f, h]) => fileHash(f) === h)) return m.set;
  }
  const r = whileBusy(() => lowerProgramSet(entries, target, checked, parts));
  if (!r.ok) throw new Error(r.errors);
  if (cache) cache.writeText(key, JSON.stringify({ files: r.files.map((f) => [f, fileHash(f)!]), set: r.set } satisfies SetManifest));
  return r.set;
}
