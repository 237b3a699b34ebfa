/**
 * The symbol table a program carries for its backtraces: which TypeScript function and line
 * every text address belongs to. The driver links a program once, reads the function symbols
 * (`nm -n`) and the DWARF line table (`objdump --dwarf=decodedline` for where rows start,
 * `addr2line` for their file:line, since objdump shortens file names), and links again with
 * the table as C data (symtabSource). The table lands in .rodata, after .text, so no code
 * address moves between the two links (the driver checks). ostc_user.c reads it in ostc_trap.
 */
import path from "node:path";
import { cString } from "./cstr.js";

/** A maximal run of text addresses with the same function, file and line. */
export interface SymbolRange {
  readonly start: number;
  readonly name: string | null;
  readonly file: string | null;
  readonly line: number;
}

/** Function symbols from `nm -n -S` output (text symbols t, T, W) by address, and the end of the last. */
export function parseNm(text: string): { functions: { address: number; name: string }[]; textEnd: number } {
  const byAddress = new Map<number, string>();
  let textEnd = 0;
  for (const l of text.split("\n")) {
    const m = /^([0-9a-f]+) (?:([0-9a-f]+) )?([tTwW]) (\S+)$/.exec(l.trim());
    if (!m || m[4]!.startsWith(".L")) continue;
    const address = parseInt(m[1]!, 16);
    byAddress.set(address, m[4]!);
    textEnd = Math.max(textEnd, address + (m[2] ? parseInt(m[2], 16) : 1));
  }
  return { functions: [...byAddress].map(([address, name]) => ({ address, name })).sort((a, b) => a.address - b.address), textEnd };
}

/** Addresses where line-table rows start (`objdump --dwarf=decodedline`), ascending. */
export function parseLineStarts(text: string): number[] {
  const starts = new Set<number>();
  for (const l of text.split("\n")) {
    const m = /^\S+\s+(\d+)\s+(0x[0-9a-f]+)/.exec(l);
    if (m) starts.add(parseInt(m[2]!, 16));
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * Parses addr2line's answers (one `file:line` per address). Files are shown relative to `cwd`
 * when inside it, as trap locations are.
 */
export function parseAddr2line(text: string, count: number, cwd: string): { file: string | null; line: number }[] {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines.length !== count) throw new Error(`ostc: addr2line answered ${lines.length} of ${count} addresses`);
  return lines.map((l) => {
    const m = /^(.*):(\d+|\?)(?: \(discriminator \d+\))?$/.exec(l);
    if (!m || m[1] === "??" || m[2] === "?" || m[2] === "0") return { file: null, line: 0 };
    const rel = path.relative(cwd, m[1]!);
    return { file: rel.startsWith("..") || path.isAbsolute(rel) ? m[1]! : rel.split(path.sep).join("/"), line: Number(m[2]) };
  });
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
 * C source defining the table ostc_user.c declares (weakly): `ostc_symtab_count` ranges whose
 * starts are in `ostc_symtab_start` (one more entry: the end of the text), each with indexes into
 * the name and file string tables (0xffff: none) and a line. `names` maps C symbols to the
 * TypeScript names ostc gave them (others keep their C names).
 */
export function symtabSource(ranges: readonly SymbolRange[], textEnd: number, names: ReadonlyMap<string, string>): string {
  const nameList: string[] = [], fileList: string[] = [];
  const nameIdx = new Map<string, number>(), fileIdx = new Map<string, number>();
  const index = (s: string | null, list: string[], idx: Map<string, number>): number => {
    if (s === null) return 0xffff;
    let i = idx.get(s);
    if (i === undefined) { i = list.length; list.push(s); idx.set(s, i); }
    return i;
  };
  const fn: number[] = [], fl: number[] = [];
  for (const r of ranges) {
    fn.push(index(r.name === null ? null : names.get(r.name) ?? r.name, nameList, nameIdx));
    fl.push(index(r.file, fileList, fileIdx));
  }
  if (nameList.length >= 0xffff || fileList.length >= 0xffff) throw new Error("ostc: too many names for the backtrace table");
  const str = (s: string) => cString(Buffer.from(s, "utf8").toString("latin1"));
  const list = (xs: readonly (number | string)[]) => xs.join(",");
  return [
    "/* Generated by ostc: the program's backtrace table (compiler/src/symtab.ts). */",
    "#include <stdint.h>",
    `const uint32_t ostc_symtab_count = ${ranges.length};`,
    `const uint32_t ostc_symtab_start[] = {${list([...ranges.map((r) => `${r.start}u`), `${textEnd}u`])}};`,
    `const uint16_t ostc_symtab_name[] = {${list(fn)}};`,
    `const uint16_t ostc_symtab_file[] = {${list(fl)}};`,
    `const uint32_t ostc_symtab_line[] = {${list(ranges.map((r) => r.line))}};`,
    `const char *const ostc_symtab_names[] = {${list(nameList.map(str)) || "0"}};`,
    `const char *const ostc_symtab_files[] = {${list(fileList.map(str)) || "0"}};`,
    "",
  ].join("\n");
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
