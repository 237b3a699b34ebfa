/**
 * The kernel symbol table: built from a linked kernel ELF (function symbols from `nm -n`,
 * TypeScript file:line from the DWARF line table via objdump and addr2line), encoded as a compact
 * blob that the second link places in the `.ksyms` section (see linker.ld), and decoded by
 * kernel/debug/symbols.ts to symbolise backtraces.
 *
 * Encoding (little-endian, every part 4-byte aligned):
 *
 *   header   u32 magic "KSYM", u32 rangeCount N, u32 nameCount, u32 fileCount, u32 stringBytes
 *   starts   u32[N + 1]  ascending start address of each range; starts[N] ends the last range
 *   ranges   N × { u16 name, u16 file, u32 line }  (NO_INDEX: none; line 0: no line)
 *   names    u32[nameCount]  offsets of NUL-terminated strings
 *   files    u32[fileCount]  offsets of NUL-terminated strings
 *   strings  bytes
 *
 * A range is a maximal run of text addresses with the same function, file and line.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** "KSYM" read as a little-endian u32. */
export const KSYMS_MAGIC = 0x4d59534b;
/** Bytes of the header. */
export const KSYMS_HEADER_BYTES = 20;
/** The u16 index meaning "no name" or "no file". */
export const NO_INDEX = 0xffff;

/** One address range of the table. */
export interface SymbolRange {
  start: number;
  /** Function name, or null for an address outside every function. */
  name: string | null;
  /** Source file (repository-relative when inside the repository), or null without line info. */
  file: string | null;
  line: number;
}

/** A function symbol. */
export interface FunctionSymbol {
  address: number;
  name: string;
}

/** A line-table row: from `address` on, code belongs to file:line (file null: end of a sequence). */
export interface LineRow {
  address: number;
  file: string | null;
  line: number;
}

/** Linker-script markers (`__text_start`…), which are not functions. */
const MARKER = /^__\w+_(start|end)$/;
/** gcc's clone suffixes (`.part.0`, `.constprop.0`, `.isra.0`, `.cold`). */
const CLONE_SUFFIX = /(\.(part|constprop|isra|cold|lto_priv)(\.\d+)?)+$/;

/** Parses `nm -n` output into the function symbols inside [textStart, textEnd). */
export function parseNm(text: string): { functions: FunctionSymbol[]; textStart: number; textEnd: number } {
  const all = text.split("\n").map((l) => /^([0-9a-f]+) (\w) (\S+)$/.exec(l.trim())).filter((m) => m !== null);
  const addressOf = (name: string): number => {
    const m = all.find((x) => x[3] === name);
    if (!m) throw new Error(`kernel symbol table: no ${name} in nm output`);
    return parseInt(m[1]!, 16);
  };
  const textStart = addressOf("__text_start"), textEnd = addressOf("__text_end");
  const byAddress = new Map<number, string>();
  for (const m of all) {
    const address = parseInt(m[1]!, 16), name = m[3]!;
    if (!/[tTwW]/.test(m[2]!) || MARKER.test(name) || name.startsWith(".L")) continue;
    if (address < textStart || address >= textEnd) continue;
    byAddress.set(address, name); // the last name at an address wins (nm -n sorts names too)
  }
  const functions = [...byAddress].map(([address, name]) => ({ address, name })).sort((a, b) => a.address - b.address);
  return { functions, textStart, textEnd };
}

/** Row addresses of `objdump --dwarf=decodedline`: starts of line entries and ends of sequences. */
export function parseDecodedLineAddresses(text: string): { starts: number[]; ends: number[] } {
  const starts = new Set<number>(), ends = new Set<number>();
  for (const l of text.split("\n")) {
    const m = /^\S+\s+(\d+|-)\s+(0x[0-9a-f]+)/.exec(l);
    if (!m) continue;
    (m[1] === "-" ? ends : starts).add(parseInt(m[2]!, 16));
  }
  for (const s of starts) ends.delete(s);
  return { starts: [...starts].sort((a, b) => a - b), ends: [...ends].sort((a, b) => a - b) };
}

/** Parses addr2line output (one `file:line` per address, in order). */
export function parseAddr2line(text: string, count: number, root: string): { file: string | null; line: number }[] {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines.length !== count) throw new Error(`kernel symbol table: addr2line answered ${lines.length} of ${count} addresses`);
  return lines.map((l) => {
    const m = /^(.*):(\d+|\?)(?: \(discriminator \d+\))?$/.exec(l);
    if (!m || m[1] === "??" || m[2] === "?" || m[2] === "0") return { file: null, line: 0 };
    const rel = path.relative(root, m[1]!);
    return { file: rel.startsWith("..") || path.isAbsolute(rel) ? m[1]! : rel.split(path.sep).join("/"), line: Number(m[2]) };
  });
}

/**
 * The TypeScript name of an ostc C symbol: the module prefix goes (the file says where it is)
 * and `__` becomes `.` (`mm_buddy__BuddyZone__alloc` → `BuddyZone.alloc`). Names of C and
 * assembly functions and `@linkname` exports stay as they are.
 */
export function typeScriptName(symbol: string, modulePrefixes: readonly string[]): string {
  const name = symbol.replace(CLONE_SUFFIX, "");
  let best = "";
  for (const p of modulePrefixes) if (name.startsWith(`${p}__`) && p.length > best.length) best = p;
  return best === "" ? name : name.slice(best.length + 2).replaceAll("__", ".");
}

/** ostc's module prefix of a TypeScript file relative to the entry's directory (compiler/src/lower/program.ts). */
export function modulePrefix(relativeTs: string): string {
  let rel = relativeTs.replace(/\.ts$/, "");
  if (path.posix.basename(rel) === "index") rel = path.posix.dirname(rel) === "." ? "index" : path.posix.dirname(rel);
  return rel.replace(/^(\.\.\/)+/, "up_").replace(/[^A-Za-z0-9_]/g, "_");
}

/** Merges function symbols and line rows into maximal ranges over [textStart, textEnd). */
export function buildRanges(functions: readonly FunctionSymbol[], rows: readonly LineRow[], textStart: number, textEnd: number): SymbolRange[] {
  type Event = { address: number; fn?: string; row?: LineRow };
  const events: Event[] = [
    ...functions.map((f) => ({ address: f.address, fn: f.name })),
    ...rows.map((r) => ({ address: r.address, row: r })),
  ].filter((e) => e.address >= textStart && e.address < textEnd);
  events.sort((a, b) => a.address - b.address);
  const ranges: SymbolRange[] = [];
  let name: string | null = null, file: string | null = null, line = 0;
  for (let i = 0; i < events.length; ) {
    const address = events[i]!.address;
    for (; i < events.length && events[i]!.address === address; i++) {
      const e = events[i]!;
      if (e.fn !== undefined) name = e.fn;
      if (e.row !== undefined) { file = e.row.file; line = e.row.file === null ? 0 : e.row.line; }
    }
    const last = ranges[ranges.length - 1];
    if (last && last.name === name && last.file === file && last.line === line) continue;
    ranges.push({ start: address, name, file, line });
  }
  if (ranges.length === 0 || ranges[0]!.start !== textStart) ranges.unshift({ start: textStart, name: null, file: null, line: 0 });
  return ranges;
}

/** Encodes ranges (sorted by start) ending at `end` into the table format above. */
export function encodeSymbolTable(ranges: readonly SymbolRange[], end: number): Uint8Array {
  const names: string[] = [], files: string[] = [];
  const nameIndex = new Map<string, number>(), fileIndex = new Map<string, number>();
  const intern = (s: string | null, list: string[], index: Map<string, number>): number => {
    if (s === null) return NO_INDEX;
    let i = index.get(s);
    if (i === undefined) {
      i = list.length;
      if (i >= NO_INDEX) throw new Error("kernel symbol table: more than 65534 names or files");
      list.push(s);
      index.set(s, i);
    }
    return i;
  };
  const packed = ranges.map((r) => ({ name: intern(r.name, names, nameIndex), file: intern(r.file, files, fileIndex), line: r.line }));
  const strings: number[] = [];
  const stringOffset = (s: string): number => {
    const at = strings.length;
    for (const b of Buffer.from(s, "latin1")) strings.push(b);
    strings.push(0);
    return at;
  };
  const nameOffsets = names.map(stringOffset), fileOffsets = files.map(stringOffset);
  while (strings.length % 4 !== 0) strings.push(0);
  const n = ranges.length;
  const bytes = KSYMS_HEADER_BYTES + 4 * (n + 1) + 8 * n + 4 * names.length + 4 * files.length + strings.length;
  const view = new DataView(new ArrayBuffer(bytes));
  let o = 0;
  const u32 = (v: number): void => { view.setUint32(o, v, true); o += 4; };
  const u16 = (v: number): void => { view.setUint16(o, v, true); o += 2; };
  u32(KSYMS_MAGIC); u32(n); u32(names.length); u32(files.length); u32(strings.length);
  for (let i = 0; i < n; i++) {
    if (i > 0 && ranges[i]!.start <= ranges[i - 1]!.start) throw new Error("kernel symbol table: ranges are not sorted");
    u32(ranges[i]!.start);
  }
  u32(end);
  for (const p of packed) { u16(p.name); u16(p.file); u32(p.line); }
  for (const off of nameOffsets) u32(off);
  for (const off of fileOffsets) u32(off);
  new Uint8Array(view.buffer).set(strings, o);
  return new Uint8Array(view.buffer);
}

/** Runs a binutils tool, feeding `input` on stdin when given, and returns its stdout. */
async function tool(name: string, args: readonly string[], input?: string): Promise<string> {
  const child = run(name, args, { maxBuffer: 256 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  return (await child).stdout;
}

/**
 * Builds the encoded symbol table of a linked kernel ELF. `sourceRoot` is the directory of the
 * ostc entry (module prefixes are relative to it); file names are made relative to `repoRoot`.
 */
export async function kernelSymbolTable(elf: string, repoRoot: string, sourceRoot: string): Promise<{ table: Uint8Array; ranges: SymbolRange[] }> {
  const { functions, textStart, textEnd } = parseNm(await tool("nm", ["-n", elf]));
  const { starts, ends } = parseDecodedLineAddresses(await tool("objdump", ["--dwarf=decodedline", elf]));
  const located = parseAddr2line(await tool("addr2line", ["-e", elf], starts.map((a) => `0x${a.toString(16)}\n`).join("")), starts.length, repoRoot);
  const rows: LineRow[] = [
    ...starts.map((address, i) => ({ address, ...located[i]! })),
    ...ends.map((address) => ({ address, file: null, line: 0 })),
  ];
  const sourceDir = path.relative(repoRoot, sourceRoot).split(path.sep).join("/");
  const prefixes = [...new Set(rows.map((r) => r.file).filter((f): f is string => f !== null && f.endsWith(".ts") && f.startsWith(`${sourceDir}/`)))]
    .map((f) => modulePrefix(f.slice(sourceDir.length + 1)));
  const named = functions.map((f) => ({ address: f.address, name: typeScriptName(f.name, prefixes) }));
  const ranges = buildRanges(named, rows, textStart, textEnd);
  return { table: encodeSymbolTable(ranges, textEnd), ranges };
}
