/**
 * Builds a kernel ELF: compiles C and assembly sources freestanding for
 * i686 with gcc, then links them behind kernel/arch/x86/boot.S with
 * kernel/arch/x86/linker.ld.
 *
 * There is no libgcc for -m32 on the build machines and none is linked, so
 * the sources must not need its helpers (64-bit division, for one:
 * __udivdi3 and friends come out as undefined symbols at link time).
 */

import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kernelSymbolTable } from "./ksyms.js";
import { ElfFile } from "../../compiler/src/elf.js";
import { BuildCache, toolchainId } from "../../compiler/src/buildcache.js";
import { URGENT, runTool } from "../../compiler/src/toolrunner.js";

/** The repository root (this file is tools/build/kernel-link.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Directory of the boot code and linker script. */
export const ARCH_DIR = path.join(REPO_ROOT, "kernel/arch/x86");

/** The multiboot entry, always linked first. */
export const BOOT_SOURCE = path.join(ARCH_DIR, "boot.S");

/** The higher-half linker script. */
export const LINKER_SCRIPT = path.join(ARCH_DIR, "linker.ld");

/** Flags every kernel C and assembly file is compiled with. */
export const KERNEL_CFLAGS: readonly string[] = [
  "-m32", "-march=i686", "-ffreestanding", "-nostdlib", "-fno-pic", "-fno-pie",
  "-fno-stack-protector", "-mgeneral-regs-only", "-fno-omit-frame-pointer",
  "-O2", "-g", "-fno-strict-aliasing", "-fwrapv", "-Wall",
];

/** What to build. Relative paths are relative to the repository root. */
export interface KernelLinkOptions {
  /** C (.c) and assembly (.S) sources; boot.S is added in front. */
  sources: readonly string[];
  /** The ELF to write; default build/kernel.elf. A .map file goes beside it. */
  output?: string;
  /** Where object files go; default build/obj. */
  objectDir?: string;
  /** Extra -I directories. */
  includeDirs?: readonly string[];
  /** Extra compiler flags, after KERNEL_CFLAGS. */
  extraCflags?: readonly string[];
  /**
   * Embed the kernel symbol table (tools/build/ksyms.ts) in the .ksyms section: link once,
   * build the table from that ELF, link again with it, and check that no code or data symbol
   * moved. The value is the directory of the ostc entry file (module names are relative to it).
   */
  symbolTableSourceRoot?: string;
  /**
   * Reuse objects and the linked kernel of earlier builds with the same inputs (a source, the
   * headers beside it and in includeDirs, the flags, the tools).
   */
  cache?: BuildCache;
}

/** What a build produced. */
export interface KernelLinkResult {
  /** Absolute path of the kernel ELF. */
  elf: string;
  /** Absolute path of the linker map. */
  map: string;
  /** Compiler and linker warnings, empty when there were none. */
  warnings: string;
}

/** A hash of every C header in the directories (they may be included by any source there). */
function headerFingerprint(dirs: readonly string[]): string {
  const files = [...new Set(dirs)].flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".h")).map((f) => path.join(d, f))).sort();
  return BuildCache.key(...files.flatMap((f) => [f, readFileSync(f)]));
}

/** Resolves a path against the repository root. */
function fromRoot(file: string): string {
  return path.resolve(REPO_ROOT, file);
}

/** The object file of a source: the source's repository path under objectDir. */
function objectPathFor(source: string, objectDir: string): string {
  const relative = path.relative(REPO_ROOT, source).split(path.sep).map((part) => (part === ".." ? "__up" : part));
  return path.join(objectDir, ...relative) + ".o";
}

/**
 * Runs a tool; on failure throws its output, on success returns stderr. The kernel's compiles and
 * links go first among waiting tools: they are a full build's critical path.
 */
async function runKernelTool(tool: string, args: readonly string[]): Promise<string> {
  try {
    const { stderr } = await runTool(tool, args, { priority: URGENT });
    return stderr;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`${tool} failed:\n${failure.stderr || failure.message}`);
  }
}

/** An object compiled from one source: its cache key, and gcc's warnings. */
interface Compiled { readonly i: number; readonly object: string; readonly key: string; readonly warnings: string }

/** Compiles of this process by object and key: a compile asked for early is not run again. */
const compiling = new Map<string, Promise<{ object: string; key: string; warnings: string }>>();

/** gcc's flags of a kernel build. */
function kernelCflags(options: KernelLinkOptions): string[] {
  return [...KERNEL_CFLAGS, ...(options.includeDirs ?? []).map((dir) => `-I${fromRoot(dir)}`), ...(options.extraCflags ?? [])];
}

/**
 * Compiles the sources into objectDir (from the cache when it has them). Every compile is asked
 * for at once, largest source first (the tool runner starts them as CPUs free up, so the longest
 * ones must not come last), synchronously up to the request: they run during the caller's next
 * synchronous work.
 */
function compileSources(sources: readonly string[], options: KernelLinkOptions): Promise<Compiled[]> {
  const objectDir = fromRoot(options.objectDir ?? "build/obj");
  const cflags = kernelCflags(options);
  const cache = options.cache;
  const headers = headerFingerprint([...(options.includeDirs ?? []).map(fromRoot), ...sources.map((s) => path.dirname(s))]);
  const bySize = sources.map((source, i) => ({ source, i, size: statSync(source).size })).sort((a, b) => b.size - a.size);
  return Promise.all(bySize.map(async ({ source, i }) => {
    if (!/\.(c|S)$/.test(source)) throw new Error(`not a .c or .S source: ${source}`);
    const object = objectPathFor(source, objectDir);
    const key = BuildCache.key("kernel-object", toolchainId(), ...cflags, source, headers, readFileSync(source));
    let done = compiling.get(`${object}\0${key}`);
    if (!done) {
      done = (async () => {
        mkdirSync(path.dirname(object), { recursive: true });
        if (cache?.fetch(key, object)) return { object, key, warnings: "" };
        const warnings = await runKernelTool("gcc", [...cflags, "-c", source, "-o", object]);
        cache?.store(key, object);
        return { object, key, warnings };
      })();
      compiling.set(`${object}\0${key}`, done);
      done.catch(() => compiling.delete(`${object}\0${key}`));
    }
    return { i, ...(await done) };
  })).then((done) => done.sort((a, b) => a.i - b.i));
}

/**
 * Starts compiling sources of a kernel that linkKernel will be given (with the same options): the
 * ones that do not come out of ostc's front end can compile while it runs.
 */
export function prepareKernelSources(sources: readonly string[], options: Omit<KernelLinkOptions, "sources">): void {
  compileSources(sources.map(fromRoot), { ...options, sources }).catch(() => {}); // linkKernel reports failures
}

/** Compiles the sources and links them into a multiboot kernel ELF. */
export async function linkKernel(options: KernelLinkOptions): Promise<KernelLinkResult> {
  const elf = fromRoot(options.output ?? "build/kernel.elf");
  const map = elf.replace(/\.elf$/, "") + ".map";
  const objectDir = fromRoot(options.objectDir ?? "build/obj");
  const sources = [BOOT_SOURCE, ...options.sources.map(fromRoot)];
  const cache = options.cache;
  const compiled = await compileSources(sources, options);

  await mkdir(path.dirname(elf), { recursive: true });
  const objects = compiled.map(({ object }) => object);
  const elfKey = cache && BuildCache.key("kernel-elf", toolchainId(), ...compiled.map((c) => c.key), await readFile(LINKER_SCRIPT), options.symbolTableSourceRoot ?? "", REPO_ROOT);
  if (elfKey && cache!.fetch(elfKey, elf) && cache!.fetch(`${elfKey}.map`, map)) {
    return { elf, map, warnings: compiled.map(({ warnings }) => warnings).join("") };
  }
  const link = (output: string, extraObjects: readonly string[]): Promise<string> =>
    runKernelTool("ld", ["-m", "elf_i386", "-T", LINKER_SCRIPT, "--build-id=none", "-Map", map, "-o", output, ...objects, ...extraObjects]);
  let linkWarnings: string;
  if (options.symbolTableSourceRoot === undefined) {
    linkWarnings = await link(elf, []);
  } else {
    const firstElf = path.join(objectDir, `${path.basename(elf, ".elf")}.nosyms.elf`);
    linkWarnings = await link(firstElf, []);
    const { table } = kernelSymbolTable(firstElf, REPO_ROOT, fromRoot(options.symbolTableSourceRoot));
    const tableObject = await assembleSymbolTable(table, objectDir);
    await link(elf, [tableObject]);
    verifySymbolsUnmoved(firstElf, elf);
  }
  await verifyMultibootHeader(elf);
  if (elfKey) { cache!.store(`${elfKey}.map`, map); cache!.store(elfKey, elf); }
  const warnings = [...compiled.map(({ warnings }) => warnings), linkWarnings].filter((text) => text !== "").join("");
  return { elf, map, warnings };
}

/** Writes the encoded symbol table and assembles it into an object with a .ksyms section. */
async function assembleSymbolTable(table: Uint8Array, objectDir: string): Promise<string> {
  const blob = path.join(objectDir, "ksyms.bin");
  const source = path.join(objectDir, "ksyms.S");
  const object = path.join(objectDir, "ksyms.o");
  await writeFile(blob, table);
  await writeFile(source, `/* Generated by tools/build/kernel-link.ts: the kernel symbol table. */\n.section .ksyms, "a"\n.balign 4\n.incbin ${JSON.stringify(blob)}\n`);
  await runKernelTool("gcc", ["-m32", "-c", source, "-o", object]);
  return object;
}

/** Symbols that the symbol table itself moves: its end and the end of the kernel image. */
const MOVED_BY_SYMBOL_TABLE = new Set(["__ksyms_end", "__kernel_end", "__kernel_physical_end"]);

/** Throws unless every symbol except the symbol table's own end has the same address in both ELFs. */
export function verifySymbolsUnmoved(first: string, second: string): void {
  const symbols = (file: string): string[] =>
    ElfFile.read(file).symbols().filter((s) => s.shndx !== 0 && !MOVED_BY_SYMBOL_TABLE.has(s.name)).map((s) => `${s.value.toString(16)} ${s.name}`).sort();
  const [a, b] = [symbols(first), symbols(second)];
  const inB = new Set(b);
  const moved = a.filter((line) => !inB.has(line));
  if (moved.length > 0 || a.length !== b.length) {
    throw new Error(`embedding the kernel symbol table moved symbols (the .ksyms section must come last in linker.ld):\n${moved.slice(0, 10).join("\n")}`);
  }
}

const MULTIBOOT_HEADER_MAGIC = 0x1badb002;
/** A multiboot v1 loader only looks this far into the file. */
const MULTIBOOT_SEARCH_BYTES = 8192;

/** Throws unless the file has a valid multiboot v1 header where loaders look. */
export async function verifyMultibootHeader(file: string): Promise<void> {
  const bytes = await readFile(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MULTIBOOT_SEARCH_BYTES));
  for (let offset = 0; offset + 12 <= view.byteLength; offset += 4) {
    if (view.getUint32(offset, true) !== MULTIBOOT_HEADER_MAGIC) continue;
    const sum = (MULTIBOOT_HEADER_MAGIC + view.getUint32(offset + 4, true) + view.getUint32(offset + 8, true)) >>> 0;
    if (sum === 0) return;
  }
  throw new Error(`${file}: no multiboot header in the first ${MULTIBOOT_SEARCH_BYTES} bytes`);
}
