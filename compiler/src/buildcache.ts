/**
 * A content-addressed store of build outputs (objects, executables, generated C): an entry is
 * named by the SHA-256 of everything that determines it (the tool and its version, the flags,
 * the input text), so a hit is always the output the build would have produced. Rebuilding an
 * unchanged tree then runs no gcc at all. Entries are written to a temporary name and renamed,
 * so concurrent builds never read half an entry; a hit refreshes the entry's time, and prune()
 * drops what no build used for a while.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";

export class BuildCache {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** The key of an output: a hash of its parts, in order. */
  static key(...parts: readonly (string | Uint8Array)[]): string {
    const h = createHash("sha256");
    for (const p of parts) { h.update(typeof p === "string" ? `${p.length}:` : `b${p.length}:`); h.update(p); }
    return h.digest("hex");
  }

  /** Copies the entry to `dest` (keeping its mode); false when there is none. */
  fetch(key: string, dest: string): boolean {
    const entry = path.join(this.dir, key);
    try {
      fs.copyFileSync(entry, dest);
    } catch {
      return false;
    }
    this.touch(entry);
    return true;
  }

  /** Stores a copy of `src` under `key`. */
  store(key: string, src: string): void {
    const tmp = path.join(this.dir, `.${key}.${process.pid}.${randomUUID()}.tmp`);
    fs.copyFileSync(src, tmp);
    fs.renameSync(tmp, path.join(this.dir, key));
  }

  /** The text stored under `key`, or undefined. */
  readText(key: string): string | undefined {
    const entry = path.join(this.dir, key);
    try {
      const text = fs.readFileSync(entry, "utf8");
      this.touch(entry);
      return text;
    } catch {
      return undefined;
    }
  }

  writeText(key: string, text: string): void {
    const tmp = path.join(this.dir, `.${key}.${process.pid}.${randomUUID()}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(this.dir, key));
  }

  /** Removes entries (and stale temporaries) that no build has used for `maxAgeMs`. */
  prune(maxAgeMs: number): void {
    const before = Date.now() - maxAgeMs;
    for (const f of fs.readdirSync(this.dir)) {
      const p = path.join(this.dir, f);
      try {
        if (fs.statSync(p).mtimeMs < before) fs.rmSync(p, { force: true });
      } catch { /* removed meanwhile */ }
    }
  }

  private touch(entry: string): void {
    const now = new Date();
    try { fs.utimesSync(entry, now, now); } catch { /* pruned meanwhile: the copy is still good */ }
  }
}

let toolchain: string | undefined;
/** Identifies the gcc and binutils in use: part of every key of their outputs. */
export function toolchainId(): string {
  return toolchain ??= BuildCache.key(execFileSync("gcc", ["--version"], { encoding: "utf8" }), execFileSync("ld", ["--version"], { encoding: "utf8" }));
}
