/**
 * Builds the initramfs: every program in user/bin is compiled by ostc (target user) and packed,
 * with its directory entries, into a Linux "newc" cpio archive that the kernel receives as its
 * first multiboot module. The system-call benchmark programs (C, tools/bench/programs) go under
 * /bench, the raw-ABI test programs (C, test/abi) under /test.
 */
import fs from "node:fs";
import path from "node:path";
import { linkProgramSetAsync } from "../../compiler/src/driver.js";
import { BuildCache } from "../../compiler/src/buildcache.js";
import { compileProgramSet } from "./frontend.js";
import { defaultCache } from "./kernel.js";
import { REPO_ROOT } from "./kernel-link.js";
import { ABI_TEST_CFLAGS, ABI_TEST_PROGRAMS_DIR, type BenchProgram, buildBenchPrograms, buildStaticPrograms } from "./bench-programs.js";

/**
 * One archive member (a symbolic link's data is its target; a device node, mode 0o020000 or
 * 0o060000, carries its major and minor number in `rdev`).
 */
export interface CpioEntry { name: string; mode: number; data: Buffer; rdev?: { major: number; minor: number } }

function header(e: CpioEntry, ino: number): Buffer {
  const fields = [ino, e.mode, 0, 0, 1, 0, e.data.length, 0, 0, e.rdev?.major ?? 0, e.rdev?.minor ?? 0, e.name.length + 1, 0];
  return Buffer.from("070701" + fields.map((f) => f.toString(16).padStart(8, "0")).join(""), "latin1");
}

function pad4(n: number): Buffer {
  return Buffer.alloc((4 - (n % 4)) % 4);
}

/** Encodes entries as a newc cpio archive (with the TRAILER!!! entry). */
export function writeCpio(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  const all = [...entries, { name: "TRAILER!!!", mode: 0, data: Buffer.alloc(0) }];
  all.forEach((e, i) => {
    const h = Buffer.concat([header(e, i + 1), Buffer.from(e.name + "\0", "latin1")]);
    parts.push(h, pad4(h.length), e.data, pad4(e.data.length));
  });
  return Buffer.concat(parts);
}

/** The initramfs's C programs being built: the benchmark programs (/bench) and the ABI tests (/test). */
export interface CPrograms { readonly bench: Promise<BenchProgram[]>; readonly abiTests: Promise<BenchProgram[]> }

/**
 * Starts building the initramfs's C programs into workDir (buildInitramfs does unless it is given
 * them: buildOs starts them first, for the CPU that its front ends leave).
 */
export function buildCPrograms(workDir: string, cache?: BuildCache): CPrograms {
  const bench = buildBenchPrograms(path.join(workDir, "initramfs", "bench"), cache);
  bench.catch(() => {}); // awaited by buildInitramfs; a failure must not go unhandled meanwhile
  const abiTests = buildStaticPrograms(ABI_TEST_PROGRAMS_DIR, path.join(workDir, "initramfs", "test"), cache, ABI_TEST_CFLAGS);
  abiTests.catch(() => {});
  return { bench, abiTests };
}

/** C units of the user/bin program set, compiled in parallel (a fixed number: the C does not depend on the machine). */
const USER_SET_PARTS = 4;

/** Compiles user/bin/*.ts and the benchmark programs and writes build/initramfs.cpio; returns its path. */
export async function buildInitramfs(opts: { workDir?: string; release?: boolean; cache?: BuildCache | null; cPrograms?: CPrograms } = {}): Promise<string> {
  const work = opts.workDir ?? path.join(REPO_ROOT, "build");
  const cache = opts.cache === undefined ? defaultCache(work) : opts.cache ?? undefined;
  const binDir = path.join(work, "initramfs", "bin");
  fs.mkdirSync(binDir, { recursive: true });
  const sources = fs.readdirSync(path.join(REPO_ROOT, "user", "bin")).filter((f) => f.endsWith(".ts")).sort();
  const entries: CpioEntry[] = [{ name: "bin", mode: 0o040755, data: Buffer.alloc(0) }];
  const { bench, abiTests } = opts.cPrograms ?? buildCPrograms(work, cache);
  // The programs are one program set (user/lib is checked, lowered and compiled once); its
  // compiles are asked for before this function first waits, and the tool runner starts them as
  // CPUs free up, also while the caller goes on to other synchronous work (buildOs: the kernel's
  // front end).
  const set = compileProgramSet(sources.map((src) => path.join(REPO_ROOT, "user", "bin", src)), "user", !opts.release, USER_SET_PARTS, cache);
  const programs = sources.map((src) => path.join(binDir, src.replace(/\.ts$/, "")));
  await linkProgramSetAsync(set, programs, { release: !!opts.release, workDir: path.join(work, "initramfs", "obj"), cache });
  for (const exe of programs) entries.push({ name: `bin/${path.basename(exe)}`, mode: 0o100755, data: fs.readFileSync(exe) });
  entries.push({ name: "bench", mode: 0o040755, data: Buffer.alloc(0) });
  for (const p of await bench) entries.push({ name: `bench/${p.name}`, mode: 0o100755, data: fs.readFileSync(p.path) });
  entries.push({ name: "test", mode: 0o040755, data: Buffer.alloc(0) });
  for (const p of await abiTests) entries.push({ name: `test/${p.name}`, mode: 0o100755, data: fs.readFileSync(p.path) });
  const out = path.join(work, "initramfs.cpio");
  fs.writeFileSync(out, writeCpio(entries));
  return out;
}
