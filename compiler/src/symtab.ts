/**
 * The symbol table a program carries for its backtraces: which TypeScript function and line
 * every text address belongs to. The driver links a program once, reads its function symbols
 * and DWARF line table (compiler/src/elf.ts), and links again with the table as an object file
 * written here (symtabObject). The table lands in .rodata, after .text, so no code
 * address moves between the two links (the driver checks). ostc_user.c reads it in ostc_trap.
 */

/** A maximal run of text addresses with the same function, file and line. */
export interface SymbolRange {
  readonly start: number;
  readonly name: string | null;
  readonly file: string | null;
  readonly line: number;
}

/** Merges function starts and line rows into maximal ranges. */
export function buildRanges(functions: readonly { address: number; name: string }[], rows: readonly { address: number; file: string | null; line: number }[]): SymbolRange[] {
  const events = [
    ...functions.map((f) => ({ address: f.address, fn: f.name as string | undefined, row: undefined as { file: string | null; line: number } | undefined })),
    ...rows.map((r) => ({ address: r.address, fn: undefined, row: r })),
  ].sort((a, b) => a.address - b.address);
  const ranges: SymbolRange[] = [];
  let name: string | null = null, file: string | null = null, line = 0;
  for (let i = 0; i < events.length;) {
    const address = events[i]!.address;
    for (; i < events.length && events[i]!.address === address; i++) {
      const e = events[i]!;
      if (e.fn !== undefined) { name = e.fn; file = null; line = 0; }
      if (e.row !== undefined) { file = e.row.file; line = e.row.line; }
    }
    const last = ranges[ranges.length - 1];
    if (last && last.name === name && last.file === file && last.line === line) continue;
    ranges.push({ start: address, name, file, line });
  }
  return ranges;
}

/**
 * The object file (ELF32 relocatable, i386) that defines the table ostc_user.c declares (weakly),
 * written here rather than by a compiler: `ostc_symtab_count` ranges whose starts are in
 * `ostc_symtab_start` (one more entry: the end of the text), each with indexes into the name and
 * file tables (0xffff: none) and a line; a name or file is an offset into `ostc_symtab_strings`
 * (UTF-8, NUL-terminated). `names` maps C symbols to the TypeScript names ostc gave them (others
 * keep their C names). Everything is in one section, `.rodata.ostc_symtab`, which lands in
 * .rodata after the program's own: no code moves.
 */
export function symtabObject(ranges: readonly SymbolRange[], textEnd: number, names: ReadonlyMap<string, string>): Buffer {
  const strings: Buffer[] = [];
  let stringBytes = 0;
  const intern = (s: string, list: number[], idx: Map<string, number>): number => {
    let i = idx.get(s);
    if (i === undefined) {
      i = list.length;
      idx.set(s, i);
      list.push(stringBytes);
      const b = Buffer.from(`${s}\0`, "utf8");
      strings.push(b);
      stringBytes += b.length;
    }
    return i;
  };
  const nameOffsets: number[] = [], fileOffsets: number[] = [];
  const nameIdx = new Map<string, number>(), fileIdx = new Map<string, number>();
  const fn = ranges.map((r) => (r.name === null ? 0xffff : intern(names.get(r.name) ?? r.name, nameOffsets, nameIdx)));
  const fl = ranges.map((r) => (r.file === null ? 0xffff : intern(r.file, fileOffsets, fileIdx)));
  if (nameOffsets.length >= 0xffff || fileOffsets.length >= 0xffff) throw new Error("ostc: too many names for the backtrace table");

  // The section: each array 4-aligned, in the order of `symbols`.
  const n = ranges.length;
  const arrays: [string, Buffer][] = [
    ["ostc_symtab_count", u32s([n])],
    ["ostc_symtab_start", u32s([...ranges.map((r) => r.start), textEnd])],
    ["ostc_symtab_line", u32s(ranges.map((r) => r.line))],
    ["ostc_symtab_name", u16s(fn)],
    ["ostc_symtab_file", u16s(fl)],
    ["ostc_symtab_names", u32s(nameOffsets)],
    ["ostc_symtab_files", u32s(fileOffsets)],
    ["ostc_symtab_strings", Buffer.concat(strings)],
  ];
  const data: Buffer[] = [];
  const symbols: { name: string; value: number; size: number }[] = [];
  let at = 0;
  for (const [name, bytes] of arrays) {
    const pad = (4 - (at % 4)) % 4;
    if (pad) data.push(Buffer.alloc(pad));
    at += pad;
    symbols.push({ name, value: at, size: bytes.length });
    data.push(bytes);
    at += bytes.length;
  }
  return elfRelocatable(Buffer.concat(data), ".rodata.ostc_symtab", symbols);
}

function u32s(xs: readonly number[]): Buffer {
  const b = Buffer.alloc(4 * xs.length);
  xs.forEach((x, i) => b.writeUInt32LE(x >>> 0, 4 * i));
  return b;
}

function u16s(xs: readonly number[]): Buffer {
  const b = Buffer.alloc(2 * xs.length);
  xs.forEach((x, i) => b.writeUInt16LE(x, 2 * i));
  return b;
}

/**
 * An ELF32 i386 relocatable object with one allocated read-only data section holding `data` and
 * global object symbols at offsets in it (and an empty .note.GNU-stack: no executable stack).
 */
function elfRelocatable(data: Buffer, sectionName: string, symbols: readonly { name: string; value: number; size: number }[]): Buffer {
  const SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHF_ALLOC = 2;
  const table = (names: readonly string[]): { bytes: Buffer; offsets: number[] } => {
    const offsets: number[] = [];
    let size = 1;
    const parts = [Buffer.alloc(1)];
    for (const nm of names) {
      offsets.push(size);
      const b = Buffer.from(`${nm}\0`, "utf8");
      parts.push(b);
      size += b.length;
    }
    return { bytes: Buffer.concat(parts), offsets };
  };
  const shstr = table([sectionName, ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab"]);
  const str = table(symbols.map((s) => s.name));
  const symtab = Buffer.alloc(16 * (symbols.length + 1)); // entry 0: the null symbol
  symbols.forEach((s, i) => {
    const o = 16 * (i + 1);
    symtab.writeUInt32LE(str.offsets[i]!, o);
    symtab.writeUInt32LE(s.value, o + 4);
    symtab.writeUInt32LE(s.size, o + 8);
    symtab.writeUInt8(0x11, o + 12); // STB_GLOBAL, STT_OBJECT
    symtab.writeUInt16LE(1, o + 14); // the data section
  });
  // Layout: header, the section contents (each 4-aligned), then the section headers.
  const contents = [data, Buffer.alloc(0), symtab, str.bytes, shstr.bytes];
  const offsets: number[] = [];
  let at = 52;
  const body: Buffer[] = [];
  for (const c of contents) {
    const pad = (4 - (at % 4)) % 4;
    body.push(Buffer.alloc(pad), c);
    at += pad;
    offsets.push(at);
    at += c.length;
  }
  const shPad = (4 - (at % 4)) % 4;
  const shoff = at + shPad;
  const sh = Buffer.alloc(40 * 6); // section 0: the null section
  const section = (i: number, name: number, type: number, flags: number, off: number, size: number, link: number, info: number, align: number, entsize: number): void => {
    const o = 40 * i;
    [name, type, flags, 0, off, size, link, info, align, entsize].forEach((v, k) => sh.writeUInt32LE(v, o + 4 * k));
  };
  section(1, shstr.offsets[0]!, SHT_PROGBITS, SHF_ALLOC, offsets[0]!, data.length, 0, 0, 4, 0);
  section(2, shstr.offsets[1]!, SHT_PROGBITS, 0, offsets[1]!, 0, 0, 0, 1, 0);
  section(3, shstr.offsets[2]!, SHT_SYMTAB, 0, offsets[2]!, symtab.length, 4, 1, 4, 16); // link: .strtab; info: first global
  section(4, shstr.offsets[3]!, SHT_STRTAB, 0, offsets[3]!, str.bytes.length, 0, 0, 1, 0);
  section(5, shstr.offsets[4]!, SHT_STRTAB, 0, offsets[4]!, shstr.bytes.length, 0, 0, 1, 0);
  const header = Buffer.alloc(52);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]).copy(header); // ELF, 32-bit, little-endian, version 1
  header.writeUInt16LE(1, 16); // ET_REL
  header.writeUInt16LE(3, 18); // EM_386
  header.writeUInt32LE(1, 20); // EV_CURRENT
  header.writeUInt32LE(shoff, 32);
  header.writeUInt16LE(52, 40); // e_ehsize
  header.writeUInt16LE(40, 46); // e_shentsize
  header.writeUInt16LE(6, 48); // e_shnum
  header.writeUInt16LE(5, 50); // e_shstrndx
  return Buffer.concat([header, ...body, Buffer.alloc(shPad), sh]);
}

/** The C-symbol → TypeScript-name map ostc writes at the end of a program's C (ProgramLowerer). */
export function parseBacktraceNames(cText: string): Map<string, string> {
  const out = new Map<string, string>();
  const start = cText.lastIndexOf(BACKTRACE_NAMES_HEADER);
  if (start < 0) return out;
  const end = cText.indexOf("*/", start);
  for (const l of cText.slice(start + BACKTRACE_NAMES_HEADER.length, end).split("\n")) {
    const tab = l.indexOf("\t");
    if (tab > 0) out.set(l.slice(0, tab), l.slice(tab + 1));
  }
  return out;
}

/** First line of the comment block that lists TypeScript names for backtraces. */
export const BACKTRACE_NAMES_HEADER = "/* ostc backtrace names (C symbol, tab, TypeScript name):";
