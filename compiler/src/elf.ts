/**
 * Reads what the backtrace tables need from a linked 32-bit little-endian ELF file (the kernel,
 * i386 programs) in this process: its symbols, and its DWARF line table (versions 2-5) decoded
 * into rows. Building a table used to take `nm`, `objdump --dwarf=decodedline` and `addr2line`
 * per executable; this gives the same answers without starting them (compiler/src/symtab.ts,
 * tools/build/ksyms.ts).
 */
import fs from "node:fs";
import path from "node:path";

/** One symbol of .symtab. */
export interface ElfSymbol {
  readonly name: string;
  readonly value: number;
  readonly size: number;
  /** STT_* (0 none, 1 object, 2 function, 3 section, 4 file). */
  readonly type: number;
  /** STB_* (0 local, 1 global, 2 weak). */
  readonly bind: number;
  /** The section index (0: undefined, 0xfff1: absolute, 0xfff2: common). */
  readonly shndx: number;
  /** Whether it is defined in an executable (code) section: `nm`'s t, T and W. */
  readonly inCode: boolean;
}

/** One row of the line table: from `address` on, code is `file`:`line` (end: a sequence ends there). */
export interface ElfLineRow {
  readonly address: number;
  /** The full path, as addr2line prints it; null when the row has no valid file. */
  readonly file: string | null;
  readonly line: number;
  readonly end: boolean;
}

interface Section { readonly name: string; readonly type: number; readonly flags: number; readonly addr: number; readonly offset: number; readonly size: number; readonly link: number }

const SHF_EXECINSTR = 0x4;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;

/** A parsed ELF32 little-endian file. */
export class ElfFile {
  readonly sections: readonly Section[];
  private readonly data: Buffer;

  constructor(data: Buffer) {
    this.data = data;
    if (data.readUInt32BE(0) !== 0x7f454c46 || data[4] !== 1 || data[5] !== 1) throw new Error("not a 32-bit little-endian ELF file");
    const shoff = data.readUInt32LE(32), shentsize = data.readUInt16LE(46), shnum = data.readUInt16LE(48), shstrndx = data.readUInt16LE(50);
    const raw = Array.from({ length: shnum }, (_, i) => {
      const o = shoff + i * shentsize;
      return { nameOff: data.readUInt32LE(o), type: data.readUInt32LE(o + 4), flags: data.readUInt32LE(o + 8), addr: data.readUInt32LE(o + 12), offset: data.readUInt32LE(o + 16), size: data.readUInt32LE(o + 20), link: data.readUInt32LE(o + 24) };
    });
    const names = raw[shstrndx]!;
    this.sections = raw.map((s) => ({ ...s, name: cstr(data, names.offset + s.nameOff) }));
  }

  /** Reads an ELF file. */
  static read(file: string): ElfFile {
    return new ElfFile(fs.readFileSync(file));
  }

  /** The contents of the named section, or undefined. */
  section(name: string): Buffer | undefined {
    const s = this.sections.find((x) => x.name === name);
    return s && s.type !== SHT_NOBITS ? this.data.subarray(s.offset, s.offset + s.size) : undefined;
  }

  /** The symbols of .symtab (without the null symbol, section and file symbols). */
  symbols(): ElfSymbol[] {
    const tab = this.sections.find((s) => s.type === SHT_SYMTAB);
    if (!tab) return [];
    const strings = this.sections[tab.link]!;
    const out: ElfSymbol[] = [];
    for (let o = tab.offset + 16; o < tab.offset + tab.size; o += 16) {
      const info = this.data[o + 12]!, type = info & 0xf, shndx = this.data.readUInt16LE(o + 14);
      if (type === 3 || type === 4) continue;
      const sec = shndx > 0 && shndx < 0xff00 ? this.sections[shndx] : undefined;
      const bind = info >> 4;
      out.push({
        name: cstr(this.data, strings.offset + this.data.readUInt32LE(o)),
        value: this.data.readUInt32LE(o + 4),
        size: this.data.readUInt32LE(o + 8),
        type, bind, shndx,
        inCode: sec !== undefined && (sec.flags & SHF_EXECINSTR) !== 0 && !(bind === 2 && type === 1) && type !== 10, // not weak objects, not IFUNCs
      });
    }
    return out;
  }

  /**
   * Every row of the DWARF line table, sequence by sequence, answering as addr2line (BFD) does:
   * of rows at the same address in a sequence only the last is kept, a row where its sequence
   * ends has no file and line 0, and files are full paths (a relative name joined to its
   * directory and the unit's compilation directory). Unlike binutils 2.40's addr2line, DWARF 5
   * file numbers are read as gdb reads them (file 1 is not the unit's main file). With `keep`,
   * only the rows at addresses it keeps (the same rows as filtering the whole table, without
   * making the others: most rows of a program-set link are of code that --gc-sections dropped).
   */
  lineRows(keep?: (address: number) => boolean): ElfLineRow[] {
    const line = this.section(".debug_line");
    if (!line) return [];
    const compDirs = this.compilationDirectories();
    const rows: ElfLineRow[] = [];
    for (let off = 0; off < line.length;) {
      const unit = new Reader(line, off);
      let length = unit.u32();
      let offsetSize = 4;
      if (length === 0xffffffff) { length = Number(unit.u64()); offsetSize = 8; }
      const end = unit.pos + length;
      decodeLineProgram(unit, end, offsetSize, compDirs.get(off) ?? null, this, rows, keep);
      off = end;
    }
    return rows;
  }

  /** DW_AT_comp_dir of each compilation unit, by the .debug_line offset of its line table. */
  private compilationDirectories(): Map<number, string> {
    const out = new Map<number, string>();
    const info = this.section(".debug_info"), abbrev = this.section(".debug_abbrev");
    if (!info || !abbrev) return out;
    for (let off = 0; off < info.length;) {
      const r = new Reader(info, off);
      let length = r.u32(), offsetSize = 4;
      if (length === 0xffffffff) { length = Number(r.u64()); offsetSize = 8; }
      const end = r.pos + length;
      const version = r.u16();
      let abbrevOffset: number, addressSize: number;
      if (version >= 5) {
        const unitType = r.u8();
        addressSize = r.u8();
        abbrevOffset = r.offset(offsetSize);
        if (unitType === 2 || unitType === 6) r.skip(8 + offsetSize); // type units: signature, type offset
        else if (unitType === 4 || unitType === 5) r.skip(8); // skeleton and split units: dwo id
      } else {
        abbrevOffset = r.offset(offsetSize);
        addressSize = r.u8();
      }
      const code = r.uleb();
      const decl = code ? findAbbrev(abbrev, abbrevOffset, code) : undefined;
      let stmtList: number | undefined, compDir: string | undefined;
      for (const a of decl ?? []) {
        const value = readForm(r, a.form, a.implicit, { offsetSize, addressSize, version }, this);
        if (a.name === 0x10) stmtList = typeof value === "number" ? value : undefined;
        else if (a.name === 0x1b) compDir = typeof value === "string" ? value : undefined;
      }
      if (stmtList !== undefined && compDir !== undefined) out.set(stmtList, compDir);
      off = end;
    }
    return out;
  }
}

function cstr(data: Buffer, at: number): string {
  let end = at;
  while (end < data.length && data[end] !== 0) end++;
  return data.toString("utf8", at, end);
}

/** A cursor over little-endian DWARF data. */
class Reader {
  constructor(readonly data: Buffer, public pos: number) {}
  u8(): number { return this.data[this.pos++]!; }
  u16(): number { const v = this.data.readUInt16LE(this.pos); this.pos += 2; return v; }
  u32(): number { const v = this.data.readUInt32LE(this.pos); this.pos += 4; return v; }
  u64(): bigint { const v = this.data.readBigUInt64LE(this.pos); this.pos += 8; return v; }
  offset(size: number): number { return size === 8 ? Number(this.u64()) : this.u32(); }
  skip(n: number): void { this.pos += n; }
  uleb(): number {
    let result = 0, shift = 0, b: number;
    do { b = this.data[this.pos++]!; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  }
  sleb(): number {
    let result = 0, shift = 0, b: number;
    do { b = this.data[this.pos++]!; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return b & 0x40 ? result - 2 ** shift : result;
  }
  str(): string { const s = cstr(this.data, this.pos); this.pos += Buffer.byteLength(s) + 1; return s; }
}

interface AttrSpec { name: number; form: number; implicit: number }

function findAbbrev(abbrev: Buffer, offset: number, code: number): AttrSpec[] | undefined {
  const r = new Reader(abbrev, offset);
  for (;;) {
    const c = r.uleb();
    if (c === 0) return undefined;
    r.uleb(); // tag
    r.u8(); // has children
    const attrs: AttrSpec[] = [];
    for (;;) {
      const name = r.uleb(), form = r.uleb();
      const implicit = form === 0x21 ? r.sleb() : 0;
      if (name === 0 && form === 0) break;
      attrs.push({ name, form, implicit });
    }
    if (c === code) return attrs;
  }
}

interface FormContext { offsetSize: number; addressSize: number; version: number }

/** Reads one attribute value: strings and offsets come back decoded, anything else is skipped. */
function readForm(r: Reader, form: number, implicit: number, ctx: FormContext, elf: ElfFile): string | number | undefined {
  const fixed: Record<number, number> = { 0x0b: 1, 0x05: 2, 0x06: 4, 0x07: 8, 0x1e: 16, 0x0c: 1, 0x11: 1, 0x12: 2, 0x13: 4, 0x14: 8, 0x20: 8, 0x25: 1, 0x26: 2, 0x27: 3, 0x28: 4, 0x29: 1, 0x2a: 2, 0x2b: 3, 0x2c: 4, 0x1c: 4, 0x24: 8 };
  switch (form) {
    case 0x01: r.skip(ctx.addressSize); return undefined; // addr
    case 0x08: return r.str(); // string
    case 0x0e: return cstr(elf.section(".debug_str")!, r.offset(ctx.offsetSize)); // strp
    case 0x1f: return cstr(elf.section(".debug_line_str")!, r.offset(ctx.offsetSize)); // line_strp
    case 0x17: case 0x10: case 0x1d: return r.offset(ctx.offsetSize); // sec_offset, ref_addr, strp_sup…
    case 0x0d: return r.sleb(); // sdata
    case 0x0f: case 0x15: case 0x1a: case 0x1b: case 0x22: case 0x23: return r.uleb(); // udata, ref_udata, strx, addrx, loclistx, rnglistx
    case 0x19: return undefined; // flag_present
    case 0x21: return implicit; // implicit_const
    case 0x09: case 0x18: { const n = r.uleb(); r.skip(n); return undefined; } // block, exprloc
    case 0x0a: { const n = r.u8(); r.skip(n); return undefined; } // block1
    case 0x03: { const n = r.u16(); r.skip(n); return undefined; } // block2
    case 0x04: { const n = r.u32(); r.skip(n); return undefined; } // block4
    case 0x16: return readForm(r, r.uleb(), 0, ctx, elf); // indirect
    default: {
      const n = fixed[form];
      if (n === undefined) throw new Error(`DWARF: unknown attribute form 0x${form.toString(16)}`);
      const v = n === 1 ? r.data[r.pos]! : n === 2 ? r.data.readUInt16LE(r.pos) : n === 4 ? r.data.readUInt32LE(r.pos) : undefined;
      r.skip(n);
      return v;
    }
  }
}

/**
 * Decodes one line-number program (its unit header starts at r.pos, after the unit length). Rows
 * that `keep` drops are not made: a row has the address of the rows it could replace or end,
 * so the rows kept are those of the whole table that `keep` keeps.
 */
function decodeLineProgram(r: Reader, end: number, offsetSize: number, compDir: string | null, elf: ElfFile, rows: ElfLineRow[], keep?: (address: number) => boolean): void {
  const version = r.u16();
  const ctx: FormContext = { offsetSize, addressSize: 4, version };
  if (version >= 5) { ctx.addressSize = r.u8(); r.u8(); /* segment selector size */ }
  const headerLength = r.offset(offsetSize);
  const programStart = r.pos + headerLength;
  const minInst = r.u8();
  const maxOps = version >= 4 ? r.u8() : 1;
  const defaultIsStmt = r.u8();
  const lineBase = (r.u8() << 24) >> 24;
  const lineRange = r.u8();
  const opcodeBase = r.u8();
  const opLengths = [0];
  for (let i = 1; i < opcodeBase; i++) opLengths.push(r.u8());
  void maxOps; void defaultIsStmt;

  // Directories and files as BFD numbers them: from 0 in DWARF 5, from 1 before.
  let dirs: string[] = [];
  let files: { name: string; dir: number }[] = [];
  if (version >= 5) {
    const entries = (): { path?: string; dir?: number }[] => {
      const formatCount = r.u8();
      const format = Array.from({ length: formatCount }, () => ({ type: r.uleb(), form: r.uleb() }));
      const count = r.uleb();
      return Array.from({ length: count }, () => {
        const e: { path?: string; dir?: number } = {};
        for (const f of format) {
          const v = readForm(r, f.form, 0, ctx, elf);
          if (f.type === 1 && typeof v === "string") e.path = v; // DW_LNCT_path
          else if (f.type === 2 && typeof v === "number") e.dir = v; // DW_LNCT_directory_index
        }
        return e;
      });
    };
    dirs = entries().map((e) => e.path ?? "");
    files = entries().map((e) => ({ name: e.path ?? "", dir: e.dir ?? 0 }));
  } else {
    for (let d = r.str(); d !== ""; d = r.str()) dirs.push(d);
    files = [{ name: "", dir: 0 }];
    for (let name = r.str(); name !== ""; name = r.str()) {
      const dir = r.uleb();
      r.uleb(); r.uleb(); // time, length
      files.push({ name, dir: dir - 1 }); // directory 0 (now -1): the compilation directory
    }
  }
  // BFD's concat_filename: an absolute name as it is; else under its directory, which is itself
  // under the compilation directory unless absolute.
  const fileName = (index: number): string | null => {
    const f = files[index];
    if (!f || (version < 5 && index === 0)) return null;
    if (path.isAbsolute(f.name)) return f.name;
    let sub: string | undefined = dirs[f.dir];
    let dir: string | undefined = sub === undefined || !path.isAbsolute(sub) ? compDir ?? undefined : undefined;
    if (dir === undefined) { dir = sub; sub = undefined; }
    if (dir === undefined) return f.name;
    return sub !== undefined ? `${dir}/${sub}/${f.name}` : `${dir}/${f.name}`;
  };
  const names = new Map<number, string | null>();
  const nameOf = (index: number): string | null => {
    if (!names.has(index)) names.set(index, fileName(index));
    return names.get(index)!;
  };

  r.pos = programStart;
  let address = 0, file = 1, line = 1;
  let seqStart = rows.length;
  const emit = (isEnd: boolean): void => {
    if (keep && !keep(address)) {
      if (isEnd) seqStart = rows.length;
      return;
    }
    const last = rows.length > seqStart ? rows[rows.length - 1]! : undefined;
    const row: ElfLineRow = { address, file: nameOf(file), line, end: isEnd };
    if (last && last.address === address && last.end === isEnd) rows[rows.length - 1] = row;
    else rows.push(row);
    if (!isEnd) return;
    // Rows where the sequence ends cover no code: addr2line knows no line there.
    for (let i = rows.length - 2; i >= seqStart && rows[i]!.address === address; i--) rows[i] = { ...rows[i]!, file: null, line: 0 };
    seqStart = rows.length;
  };
  while (r.pos < end) {
    const op = r.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      address += Math.floor(adj / lineRange) * minInst;
      line += lineBase + (adj % lineRange);
      emit(false);
    } else if (op === 0) {
      const len = r.uleb();
      const next = r.pos + len;
      const sub = r.u8();
      if (sub === 1) { emit(true); address = 0; file = 1; line = 1; }
      else if (sub === 2) address = r.u32();
      r.pos = next; // define_file (3), set_discriminator (4) and the rest: skipped
    } else if (op === 1) emit(false);
    else if (op === 2) address += r.uleb() * minInst;
    else if (op === 3) line += r.sleb();
    else if (op === 4) file = r.uleb();
    else if (op === 9) address += r.u16();
    else if (op === 8) address += Math.floor((255 - opcodeBase) / lineRange) * minInst;
    else for (let i = 0; i < opLengths[op]!; i++) r.uleb(); // set_column, isa, …: arguments skipped
  }
}

/** Where code is: a file (relative to the root it was asked for, when inside it) and line. */
export interface CodePlace { readonly address: number; readonly file: string | null; readonly line: number }

/**
 * The line table as the backtrace tables use it: every address where a row starts, with the
 * file and line addr2line gives for it (file null and line 0: none), files relative to `root`
 * when inside it; and the addresses where a sequence ends and no row starts.
 */
export function lineTable(rows: readonly ElfLineRow[], root: string): { starts: CodePlace[]; ends: number[] } {
  const at = new Map<number, { file: string | null; line: number }>();
  const ends = new Set<number>();
  for (const r of rows) {
    if (r.end) { ends.add(r.address); continue; }
    // A row covering code wins over an empty one at the same address (another sequence's end).
    if (r.file !== null || !at.has(r.address)) at.set(r.address, { file: r.file, line: r.line });
  }
  const relative = new Map<string, string>();
  const place = (file: string | null, line: number): { file: string | null; line: number } => {
    if (file === null || line === 0) return { file: null, line: 0 };
    let rel = relative.get(file);
    if (rel === undefined) {
      const r = path.relative(root, file);
      relative.set(file, rel = r.startsWith("..") || path.isAbsolute(r) ? file : r.split(path.sep).join("/"));
    }
    return { file: rel, line };
  };
  const starts = [...at].sort((a, b) => a[0] - b[0]).map(([address, p]) => ({ address, ...place(p.file, p.line) }));
  return { starts, ends: [...ends].filter((a) => !at.has(a)).sort((a, b) => a - b) };
}

/**
 * The function symbols of code sections by address, as `nm -n` lists them (of several names at
 * one address, the last in name order wins), and the end of the last one.
 */
export function codeSymbols(symbols: readonly ElfSymbol[]): { functions: { address: number; name: string }[]; end: number } {
  const code = symbols.filter((s) => s.inCode && !s.name.startsWith(".L"))
    .sort((a, b) => a.value - b.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byAddress = new Map<number, string>();
  let end = 0;
  for (const s of code) {
    byAddress.set(s.value, s.name);
    end = Math.max(end, s.value + Math.max(s.size, 1));
  }
  return { functions: [...byAddress].map(([address, name]) => ({ address, name })), end };
}
