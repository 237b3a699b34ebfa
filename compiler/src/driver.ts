/**
 * The ostc pipeline: TypeScript program → tsc diagnostics → ostc lowering → C → gcc/ld.
 */
import ts from "./typescript.cjs";
import fs from "node:fs";
import os from "node:os";
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { OstcError, formatError, formatTsDiagnostics } from "./diag.js";
import { ProgramLowerer, type Target } from "./lower/program.js";
import { buildRanges, parseBacktraceNames, symtabObject } from "./symtab.js";
import { ElfFile, codeSymbols, lineTable } from "./elf.js";
import { BuildCache, toolchainId } from "./buildcache.js";
import { runTool } from "./toolrunner.js";
import { traceSpan } from "./buildtrace.js";


const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The compiler's own directory (holding prelude/ and runtime/). */
export const COMPILER_DIR = path.resolve(HERE, "..");
export const PRELUDE = path.join(COMPILER_DIR, "prelude", "ostc.d.ts");
export const RUNTIME_DIR = path.join(COMPILER_DIR, "runtime");

/** tsc settings every ostc program is checked with. */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  noEmit: true,
  allowImportingTsExtensions: true,
  noImplicitOverride: false,
  skipLibCheck: true,
  // Every file is a module, as it is for Node (package.json "type": "module") and for ostc, which
  // prefixes each file's names: programs without imports can then be checked together.
  moduleDetection: ts.ModuleDetectionKind.Force,
};

let host: ts.CompilerHost | undefined;
const libCache = new Map<string, ts.SourceFile>();
/**
 * A compiler host that parses TypeScript's lib files and the prelude once per process:
 * the test suites compile hundreds of programs, and the libs dominate parsing time.
 */
function cachingHost(): ts.CompilerHost {
  if (host) return host;
  const base = ts.createCompilerHost(COMPILER_OPTIONS);
  const libDir = path.dirname(ts.getDefaultLibFilePath(COMPILER_OPTIONS));
  host = {
    ...base,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const cacheable = fileName.startsWith(libDir) || fileName === PRELUDE;
      if (cacheable) {
        const hit = libCache.get(fileName);
        if (hit) return hit;
      }
      const sf = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf && cacheable) libCache.set(fileName, sf);
      return sf;
    },
  };
  return host;
}

/** Result of compiling to C: the C text, or the formatted errors. */
export type EmitResult = { ok: true; c: string } | { ok: false; errors: string };

/** Type-checks files with tsc; returns formatted diagnostics or "" when clean. */
export function typeCheck(files: readonly string[]): { program: ts.Program; errors: string } {
  const program = ts.createProgram({ rootNames: [...files.map((f) => path.resolve(f)), PRELUDE], options: COMPILER_OPTIONS, host: cachingHost() });
  const diags = ts.getPreEmitDiagnostics(program);
  return { program, errors: diags.length ? formatTsDiagnostics(diags) : "" };
}

/** How a build trace names a front end's entries. */
function displayEntries(entries: readonly string[]): string {
  return entries.length === 1 ? path.relative(process.cwd(), entries[0]!) : `${entries.length} entries`;
}

/** typeCheck, recorded in the build trace (compiler/src/buildtrace.ts). */
function tracedTypeCheck(entries: readonly string[]): { program: ts.Program; errors: string } {
  const started = Date.now();
  const r = typeCheck(entries);
  traceSpan(`tsc ${displayEntries(entries)}`, started);
  return r;
}

/** Compiles an entry module and everything it imports to one C translation unit. */
export function emitC(entry: string, target: Target, checked: boolean): EmitResult {
  const [r] = emitCAll([entry], target, checked);
  return r!;
}

/**
 * Compiles an entry module to `parts` C translation units that gcc can compile in parallel
 * (compiler/src/lower/split.ts); one part is emitC's single unit. `spread` splits function by
 * function rather than by module, so that nearly every call crosses units (tests use it).
 */
export function emitCParts(entry: string, target: Target, checked: boolean, parts: number, spread = false): { ok: true; c: string[] } | { ok: false; errors: string } {
  const [r] = lowerEntries([entry], target, checked, parts, spread);
  return r!.ok ? { ok: true, c: r!.c } : r!;
}

/**
 * Compiles several entry modules, each to its own C translation unit, from one tsc program: the
 * modules they share are parsed and checked once. A tsc diagnostic anywhere fails every entry.
 */
export function emitCAll(entries: readonly string[], target: Target, checked: boolean): EmitResult[] {
  return lowerEntries(entries, target, checked, 1).map((r) => (r.ok ? { ok: true, c: r.c[0]! } : r));
}

/** An entry's C units and the source files (not TypeScript's own libraries) its C depends on. */
export type LowerResult = { ok: true; c: string[]; files: string[] } | { ok: false; errors: string };

/** The declaration files of a program that are not TypeScript's own libraries (the prelude, …). */
function declarationFiles(program: ts.Program): string[] {
  const libDir = path.dirname(ts.getDefaultLibFilePath(COMPILER_OPTIONS));
  return program.getSourceFiles().filter((f) => f.isDeclarationFile && !f.fileName.startsWith(libDir)).map((f) => f.fileName);
}

/** The common core of emitC, emitCParts and emitCAll: one tsc program, each entry lowered on its own. */
export function lowerEntries(entries: readonly string[], target: Target, checked: boolean, parts: number, spread = false): LowerResult[] {
  const { program, errors } = tracedTypeCheck(entries);
  if (errors) return entries.map(() => ({ ok: false, errors }));
  const lowering = Date.now();
  const declarations = declarationFiles(program);
  return entries.map((entry): LowerResult => {
    const sf = program.getSourceFile(path.resolve(entry));
    if (!sf) return { ok: false, errors: `ostc: error: cannot read ${entry}` };
    try {
      const lowerer = new ProgramLowerer(program, sf, { target, checked });
      const c = lowerer.lowerParts(parts, spread);
      if (entry === entries[entries.length - 1]) traceSpan(`lower ${displayEntries(entries)}`, lowering);
      return { ok: true, c, files: [...lowerer.files.map((f) => f.fileName), ...declarations] };
    } catch (err) {
      if (err instanceof OstcError) return { ok: false, errors: formatError(err) };
      throw err;
    }
  });
}

/**
 * A program set's C (ProgramLowerer.lowerSet): units that every program of the set links, and
 * the name of each program's top-level function.
 */
export interface ProgramSetC { readonly c: readonly string[]; readonly inits: readonly string[] }

/** A program set's C and the source files it depends on, or the errors. */
export type LowerSetResult = { ok: true; set: ProgramSetC; files: string[] } | { ok: false; errors: string };

/**
 * Compiles several entry modules as one program set: their shared modules are lowered once, into
 * `parts` C units that every program links (linkProgramSetAsync); each program keeps its own
 * top-level code and import order.
 */
export function lowerProgramSet(entries: readonly string[], target: Target, checked: boolean, parts: number): LowerSetResult {
  const { program, errors } = tracedTypeCheck(entries);
  if (errors) return { ok: false, errors };
  const lowering = Date.now();
  const sfs: ts.SourceFile[] = [];
  for (const e of entries) {
    const sf = program.getSourceFile(path.resolve(e));
    if (!sf) return { ok: false, errors: `ostc: error: cannot read ${e}` };
    sfs.push(sf);
  }
  try {
    const lowerer = new ProgramLowerer(program, sfs, { target, checked });
    const set = lowerer.lowerSet(parts);
    traceSpan(`lower ${displayEntries(entries)}`, lowering);
    return { ok: true, set, files: [...lowerer.files.map((f) => f.fileName), ...declarationFiles(program)] };
  } catch (err) {
    if (err instanceof OstcError) return { ok: false, errors: formatError(err) };
    throw err;
  }
}

/** gcc flags shared by every target. */
export const CFLAGS_COMMON = [
  "-m32", "-march=i686", "-std=gnu11", "-ffreestanding", "-fno-builtin", "-nostdlib", "-fno-pic", "-fno-pie",
  "-fno-stack-protector", "-fwrapv", "-fno-strict-aliasing", "-fno-omit-frame-pointer", "-g",
  "-Wall", "-Wno-unused-variable", "-Wno-unused-function", "-Wno-unused-label", "-Wno-unused-but-set-variable",
  "-Wno-address-of-packed-member", "-Wno-unused-value", "-Wno-parentheses-equality",
];

/** gcc flags of a program build (the program's C and the runtime are compiled alike). */
function programCflags(release: boolean): string[] {
  // DWARF 4: binutils 2.40 names the first #line file of a DWARF 5 line table after the .c file.
  // Checked builds at -Og, as checked kernels. Every function and variable in a section of its
  // own: the link keeps only what the program reaches. No variable-tracking assignments (as for
  // checked kernels): they would cost a third of gcc's time on ostc's C, for more exact locations
  // of local variables in gdb.
  return [...CFLAGS_COMMON, "-gdwarf-4", release ? "-O2" : "-Og", "-fno-var-tracking-assignments", "-ffunction-sections", "-fdata-sections", "-I", RUNTIME_DIR];
}

/** The runtime every target links (the kernel too): arrays, strings, case mapping, formatting. */
export const CORE_RUNTIME_SOURCES = ["ostc_rt.c", "ostc_str.c", "ostc_case.c", "ostc_unicode.c"];
/** The runtime of programs: the core and ostc_user.c (start-up, heap, system calls, traps). */
const RUNTIME_SOURCES = [...CORE_RUNTIME_SOURCES, "ostc_user.c"];

/**
 * The program runtime compiled to objects, cached under the temp directory by a hash of its
 * sources and flags: the runtime is most of gcc's work for a small program, and the test suites
 * build hundreds. `compile` lists the gcc runs still needed; each writes a private temporary
 * that `commit` renames into place, so concurrent builds never see a half-written object.
 */
function runtimeObjects(release: boolean): { objs: string[]; compile: string[][]; commit: () => void } {
  const flags = programCflags(release);
  const hash = createHash("sha256").update(flags.join("\0"));
  const headers = fs.readdirSync(RUNTIME_DIR).filter((f) => f.endsWith(".h")).sort();
  for (const f of [...headers, ...RUNTIME_SOURCES]) hash.update(fs.readFileSync(path.join(RUNTIME_DIR, f)));
  const dir = path.join(os.tmpdir(), `ostc-runtime-${hash.digest("hex").slice(0, 16)}`);
  fs.mkdirSync(dir, { recursive: true });
  const objs = RUNTIME_SOURCES.map((src) => path.join(dir, src.replace(/\.c$/, ".o")));
  const pending = objs.map((obj, i) => ({ obj, src: RUNTIME_SOURCES[i], tmp: `${obj}.${process.pid}.${randomUUID()}.tmp` })).filter((p) => !fs.existsSync(p.obj));
  return {
    objs,
    compile: pending.map((p) => [...flags, "-c", path.join(RUNTIME_DIR, p.src), "-o", p.tmp]),
    commit: () => { for (const p of pending) fs.renameSync(p.tmp, p.obj); },
  };
}

/** One external command of a program build; the build receives its standard output. */
interface Step { readonly cmd: string; readonly args: readonly string[] }

/**
 * The commands that build a program, shared by linkProgram and linkProgramAsync: `compiles`, one
 * per C unit, need nothing but the C; `link` (programLinkSteps) links the objects.
 */
function programSteps(cText: ProgramC, out: string, opts: LinkOptions, runtime: readonly string[]): { compiles: Step[]; link: () => Generator<Step, void, string> } {
  fs.mkdirSync(opts.workDir, { recursive: true });
  const base = path.join(opts.workDir, path.basename(out));
  const units = typeof cText === "string" ? [cText] : cText;
  const names = units.map((_, i) => (units.length === 1 ? base : `${base}-${i}`));
  const cflags = programCflags(opts.release);
  const objects = names.map((n) => `${n}.o`);
  const compiles = names.map((n, i): Step => {
    fs.writeFileSync(`${n}.c`, units[i]!);
    return { cmd: "gcc", args: [...cflags, "-c", `${n}.c`, "-o", `${n}.o`] };
  });
  return { compiles, link: () => programLinkSteps([...objects, ...runtime], out, opts, parseBacktraceNames(units.join("\n")), []) };
}

/**
 * Links a program from its objects (a generator of the steps, receiving each one's output):
 * links, reads the function symbols and line table of the result (in this process:
 * compiler/src/elf.ts), links again with the backtrace table (compiler/src/symtab.ts) and without
 * the DWARF, and checks that no code moved. Only the code the entry reaches is kept (`--gc-sections`: the
 * objects of a program set hold every program's code). `names` are the backtrace names of the C
 * the objects came from (symtab.parseBacktraceNames); `linkArgs` go to both links.
 */
function* programLinkSteps(objects: readonly string[], out: string, opts: LinkOptions, names: ReadonlyMap<string, string>, linkArgs: readonly string[]): Generator<Step, void, string> {
  const base = path.join(opts.workDir, path.basename(out));
  const cflags = programCflags(opts.release);
  const link = (objs: readonly string[], to: string, extra: readonly string[]): Step => ({ cmd: "gcc", args: [...cflags, "-static", "-no-pie", "-Wl,--build-id=none", "-Wl,-z,noexecstack", "-Wl,--gc-sections", ...linkArgs, ...extra, ...objs, "-o", to] });
  // The first link keeps its DWARF (`<workDir>/<program>.debug`, for gdb: the same addresses as
  // the program); the program itself carries the backtrace table instead.
  const debug = `${base}.debug`;
  yield link(objects, debug, []);
  const first = ElfFile.read(debug);
  const { functions, end: textEnd } = codeSymbols(first.symbols());
  // Line rows of code that --gc-sections dropped sit at their section offsets, below the text.
  const textStart = functions.length ? functions[0]!.address : 0;
  const rows = lineTable(first.lineRows((address) => address >= textStart && address < textEnd), process.cwd()).starts;
  const ranges = buildRanges(functions, rows);
  fs.writeFileSync(`${base}.symtab.o`, symtabObject(ranges, textEnd, names));
  yield link([...objects, `${base}.symtab.o`], out, ["-Wl,--strip-debug"]);
  const after = codeSymbols(ElfFile.read(out).symbols()).functions;
  if (after.length !== functions.length || after.some((f, i) => f.address !== functions[i]!.address || f.name !== functions[i]!.name)) {
    throw new Error(`ostc: internal error: linking the backtrace table moved code in ${out}`);
  }
}

const EXEC_OPTIONS = { encoding: "utf8" as const, maxBuffer: 256 << 20 };

/** A program's C: one translation unit, or the units of lowerParts (compiled one by one). */
export type ProgramC = string | readonly string[];

/** Options of a program build. */
export interface LinkOptions {
  readonly release: boolean;
  /** Where the C, the objects and the backtrace table go. */
  readonly workDir: string;
  /** Reuse the executable of an earlier build of the same C with the same runtime and tools. */
  readonly cache?: BuildCache;
}

/** The cache key of a program: everything its executable depends on. */
function programKey(cText: ProgramC, opts: LinkOptions, runtime: readonly string[]): string {
  // The backtrace table names files relative to the working directory.
  return BuildCache.key("program", toolchainId(), ...programCflags(opts.release), ...runtime, process.cwd(), ...(typeof cText === "string" ? [cText] : cText));
}

/** Builds a static i386 executable (targets user and host) from C text. */
export function linkProgram(cText: ProgramC, out: string, opts: LinkOptions): void {
  const rt = runtimeObjects(opts.release);
  for (const args of rt.compile) execFileSync("gcc", args, { stdio: ["ignore", "inherit", "inherit"] });
  rt.commit();
  const key = opts.cache && programKey(cText, opts, rt.objs);
  if (key && opts.cache!.fetch(key, out)) return;
  const build = programSteps(cText, out, opts, rt.objs);
  const exec = (step: Step): string => execFileSync(step.cmd, step.args, { ...EXEC_OPTIONS, stdio: ["ignore", "pipe", "inherit"] });
  build.compiles.forEach(exec);
  const steps = build.link();
  for (let r = steps.next(); !r.done; r = steps.next(exec(r.value))) { /* run each step */ }
  if (key) opts.cache!.store(key, out);
}

const runtimeBuilds = new Map<string, Promise<void>>();
/**
 * runtimeObjects for linkProgramAsync: the objects' paths at once, and when they are there (the
 * programs of one build share one compile of the runtime).
 */
function runtimeObjectsAsync(release: boolean): { objs: string[]; ready: Promise<void> } {
  const rt = runtimeObjects(release);
  if (rt.compile.length === 0) return { objs: rt.objs, ready: Promise.resolve() };
  const id = rt.objs.join("\0");
  let ready = runtimeBuilds.get(id);
  if (!ready) {
    ready = Promise.all(rt.compile.map((args) => runTool("gcc", args))).then(() => rt.commit());
    runtimeBuilds.set(id, ready);
    ready.then(() => runtimeBuilds.delete(id), () => runtimeBuilds.delete(id));
  }
  return { objs: rt.objs, ready };
}

/**
 * Starts compiling the program runtime (linkProgramAsync and linkProgramSetAsync would when they
 * first need it): a build can have it compile while a front end runs.
 */
export function prepareProgramRuntime(release: boolean): void {
  runtimeObjectsAsync(release).ready.catch(() => {}); // the links that need it report failures
}

/**
 * linkProgram without blocking the event loop; gcc's errors are in the rejection. The program's
 * compiles are asked for before the first await, so they run while the caller's next
 * synchronous work (another front end) does.
 */
export async function linkProgramAsync(cText: ProgramC, out: string, opts: LinkOptions): Promise<void> {
  try {
    const { objs: runtime, ready } = runtimeObjectsAsync(opts.release);
    const key = opts.cache && programKey(cText, opts, runtime);
    if (key && opts.cache!.fetch(key, out)) { await ready; return; }
    const build = programSteps(cText, out, opts, runtime);
    await Promise.all([ready, ...build.compiles.map((step) => runTool(step.cmd, step.args))]);
    const steps = build.link();
    for (let r = steps.next(); !r.done; r = steps.next((await runTool(r.value.cmd, r.value.args)).stdout)) { /* run each step */ }
    if (key) opts.cache!.store(key, out);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`gcc rejected ostc output (a compiler bug):\n${e.stderr ?? e.message}`);
  }
}

/**
 * Builds the programs of a program set (lowerProgramSet), program i at outs[i]: the shared units
 * are compiled once, and each program is linked from them with its own top-level function as
 * ostc_program_init. Programs whose executable is in the cache are not linked again; unchanged
 * units (an edit changes the units of the modules it touched) are not compiled again.
 */
export async function linkProgramSetAsync(set: ProgramSetC, outs: readonly string[], opts: LinkOptions): Promise<void> {
  try {
    const { objs: runtime, ready } = runtimeObjectsAsync(opts.release);
    const setKey = opts.cache && BuildCache.key(...set.c);
    const keys = outs.map((_, i) => opts.cache && programKey([setKey!, `ostc_program_init=${set.inits[i]}`], opts, runtime));
    const missing = outs.map((_, i) => i).filter((i) => !(keys[i] && opts.cache!.fetch(keys[i]!, outs[i]!)));
    if (missing.length === 0) { await ready; return; }
    fs.mkdirSync(opts.workDir, { recursive: true });
    const cflags = programCflags(opts.release);
    const objects = set.c.map((_, i) => path.join(opts.workDir, `set-${i}.o`));
    await Promise.all([ready, ...set.c.map(async (c, i) => {
      const key = opts.cache && BuildCache.key("program-set-object", toolchainId(), ...cflags, process.cwd(), c);
      if (key && opts.cache!.fetch(key, objects[i]!)) return;
      const src = path.join(opts.workDir, `set-${i}.c`);
      fs.writeFileSync(src, c);
      await runTool("gcc", [...cflags, "-c", src, "-o", objects[i]!]);
      if (key) opts.cache!.store(key, objects[i]!);
    })]);
    const names = parseBacktraceNames(set.c.join("\n"));
    await Promise.all(missing.map(async (i) => {
      const steps = programLinkSteps([...objects, ...runtime], outs[i]!, opts, names, [`-Wl,--defsym=ostc_program_init=${set.inits[i]}`]);
      for (let r = steps.next(); !r.done; r = steps.next((await runTool(r.value.cmd, r.value.args)).stdout)) { /* run each step */ }
      if (keys[i]) opts.cache!.store(keys[i]!, outs[i]!);
    }));
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`gcc rejected ostc output (a compiler bug):\n${e.stderr ?? e.message}`);
  }
}
