/**
 * The kernel symbol table: built from a linked kernel ELF (its function symbols, and TypeScript
 * file:line from its DWARF line table, both read by compiler/src/elf.ts), encoded as a compact
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
import path from "node:path";
import { ElfFile, codeSymbols, lineTable, type ElfSymbol } from "../../compiler/src/elf.js";

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

/** The function symbols inside [textStart, textEnd) (`__text_start`, `__text_end` of linker.ld). */
export function kernelFunctions(symbols: readonly ElfSymbol[]): { functions: FunctionSymbol[]; textStart: number; textEnd: number } {
  const addressOf = (name: string): number => {
    const s = symbols.find((x) => x.name === name);
    if (!s) throw new Error(`kernel symbol table: no ${name} symbol`);
    return s.value;
  };
  const textStart = addressOf("__text_start"), textEnd = addressOf("__text_end");
  const functions = codeSymbols(symbols.filter((s) => !MARKER.test(s.name))).functions.filter((f) => f.address >= textStart && f.address < textEnd);
  return { functions, textStart, textEnd };
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

/**
 * Builds the encoded symbol table of a linked kernel ELF. `sourceRoot` is the directory of the
 * ostc entry (module prefixes are relative to it); file names are made relative to `repoRoot`.
 */
export function kernelSymbolTable(elf: string, repoRoot: string, sourceRoot: string): { table: Uint8Array; ranges: SymbolRange[] } {
  const file = ElfFile.read(elf);
  const { functions, textStart, textEnd } = kernelFunctions(file.symbols());
  const { starts, ends } = lineTable(file.lineRows(), repoRoot);
  const rows: LineRow[] = [...starts, ...ends.map((address) => ({ address, file: null, line: 0 }))];
  const sourceDir = path.relative(repoRoot, sourceRoot).split(path.sep).join("/");
  const prefixes = [...new Set(rows.map((r) => r.file).filter((f): f is string => f !== null && f.endsWith(".ts") && f.startsWith(`${sourceDir}/`)))]
    .map((f) => modulePrefix(f.slice(sourceDir.length + 1)));
  const named = functions.map((f) => ({ address: f.address, name: typeScriptName(f.name, prefixes) }));
  const ranges = buildRanges(named, rows, textStart, textEnd);
  return { table: encodeSymbolTable(ranges, textEnd), ranges };
}
