/**
 * Splits a lowered program into several C translation units, so that gcc can compile a large
 * program (the kernel: 1.7 MiB of C) on several CPUs at once. ostc's C is one unit per program so
 * that gcc sees every call; the split keeps what matters for that:
 *
 * - Functions go to parts by module, modules in import order (lib, arch, mm, … stay together),
 *   balanced by size: most calls stay within a part.
 * - Every part sees one shared header: types, string literals, all prototypes that cross parts,
 *   and the bodies of the small functions ostc marks `static inline` (each part inlines its own
 *   copy).
 * - A function stays `static` when only its own part refers to it. One that other parts call
 *   becomes global; unless its address is taken (vtables, function values), it is declared
 *   `regparm(3)`, the register convention gcc gives static functions on i386 anyway.
 * - Module variables, static objects and arrays, vtables and interface tables are defined once,
 *   in part 0, and declared `extern` in the header (their identity matters: `instanceof`
 *   compares vtables); integer constants stay `static const` in every part.
 *
 * References are found by scanning the generated C for identifiers. A spurious match (a function
 * name inside a string) only makes a function global or drops its regparm, which is still
 * correct.
 */
import type ts from "typescript";

/** The pieces of a lowered program, in the order of the single translation unit. */
export interface ProgramSections {
  readonly preamble: string;
  readonly typedefs: readonly string[];
  readonly structs: readonly string[];
  readonly strings: readonly string[];
  readonly protos: readonly string[];
  readonly globals: readonly string[];
  readonly vtables: readonly string[];
  /** Function definitions, each with the module it belongs to and a `#line` to put before it. */
  readonly bodies: readonly { readonly text: string; readonly file: ts.SourceFile; readonly line?: string }[];
  /** ostc_program_init. */
  readonly init: string;
  /** The backtrace-names comment. */
  readonly trailer: string;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;
/** The name a string literal's definition (OSTC_STR_LIT, or OSTC_STR_LIT16 for two-byte text) declares. */
const LITERAL_NAME = /OSTC_STR_LIT(?:16)?\(([A-Za-z0-9_]+),/;

/** A definition as it is emitted: its `#line`, then the text. */
export function bodyText(b: { readonly text: string; readonly line?: string }): string {
  return b.line ? `${b.line}\n${b.text}` : b.text;
}

/** The name a function prototype or definition declares: its first `identifier(`. */
function declaredName(text: string): string {
  const m = /([A-Za-z_][A-Za-z0-9_]*)\(/.exec(text);
  if (!m) throw new Error(`internal: no function name in ${text.slice(0, 80)}`);
  return m[1]!;
}

/**
 * Returns `n` self-contained C translation units (one when n ≤ 1). `spread` deals the functions
 * out one by one instead of by module, so that nearly every call crosses units (for tests).
 */
export function splitProgram(s: ProgramSections, n: number, moduleOrder: readonly ts.SourceFile[], spread = false): string[] {
  const single = (): string => [s.preamble, ...s.typedefs, ...s.structs, ...s.strings, ...s.protos, ...s.globals, ...s.vtables, ...s.bodies.map(bodyText), s.init, s.trailer, ""].join("\n");
  if (n <= 1) return [single()];

  // Out-of-line functions go to parts by module; `static inline` ones go wherever they are used.
  const inline = new Map<string, ProgramSections["bodies"][number]>();
  const outOfLine = s.bodies.filter((b) => {
    if (!b.text.startsWith("static inline ")) return true;
    inline.set(declaredName(b.text), b);
    return false;
  });
  const weight = new Map<ts.SourceFile, number>();
  for (const b of outOfLine) weight.set(b.file, (weight.get(b.file) ?? 0) + b.text.length);
  const extra = s.init.length + s.globals.join("").length + s.vtables.join("").length; // part 0's own share
  const total = extra + [...weight.values()].reduce((a, b) => a + b, 0);
  const partOfFile = new Map<ts.SourceFile, number>();
  let part = 0, filled = extra;
  for (const f of moduleOrder) {
    partOfFile.set(f, part);
    filled += weight.get(f) ?? 0;
    if (part < n - 1 && filled >= (total * (part + 1)) / n) part++;
  }
  const parts: { text: string; name: string; line?: string }[][] = Array.from({ length: n }, () => []);
  const definedIn = new Map<string, number>();
  for (const [k, b] of outOfLine.entries()) {
    const p = spread ? k % n : partOfFile.get(b.file) ?? 0;
    const name = declaredName(b.text);
    parts[p]!.push({ text: b.text, name, line: b.line });
    definedIn.set(name, p);
  }
  const stringOf = new Map(s.strings.map((t) => [LITERAL_NAME.exec(t)![1]!, t]));
  const identifiers = (text: string): string[] => text.match(IDENT) ?? [];

  // What each part needs: the inline functions its code calls (and theirs), the string literals
  // all of that uses, and which out-of-line functions it refers to (and whether by address).
  const partExtras = [s.init, ...s.globals, ...s.vtables];
  const refs = new Map<string, Set<number>>();
  const addressTaken = new Set<string>();
  const inlineIn: Set<string>[] = [], stringsIn: Set<string>[] = [];
  parts.forEach((list, p) => {
    const texts = [...list.map((b) => b.text), ...(p === 0 ? partExtras : [])];
    const inl = new Set<string>(), strs = new Set<string>();
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k]!;
      IDENT.lastIndex = 0;
      for (let m = IDENT.exec(text); m; m = IDENT.exec(text)) {
        const id = m[0];
        if (stringOf.has(id)) { strs.add(id); continue; }
        const body = inline.get(id);
        if (body && !inl.has(id)) { inl.add(id); texts.push(body.text); continue; }
        if (!definedIn.has(id)) continue;
        let set = refs.get(id);
        if (!set) refs.set(id, set = new Set());
        set.add(p);
        let j = IDENT.lastIndex;
        while (text.charCodeAt(j) === 32) j++;
        if (text[j] !== "(") addressTaken.add(id);
      }
    }
    inlineIn.push(inl);
    stringsIn.push(strs);
  });
  const crossPart = (name: string): boolean => [...(refs.get(name) ?? [])].some((p) => p !== definedIn.get(name));
  // A definition or prototype of a function that other parts call: global, regparm when only called.
  const globalize = (text: string, name: string): string => {
    const rest = text.startsWith("static ") ? text.slice("static ".length) : text;
    return text.startsWith("static ") && !addressTaken.has(name) ? `__attribute__((regparm(3))) ${rest}` : rest;
  };

  // The shared header: types, prototypes that cross parts, extern declarations of what part 0 defines.
  const headerProtos: string[] = [];
  const ownProtos: string[][] = Array.from({ length: n }, () => []);
  for (const p of s.protos) {
    const fn = /\(/.test(p) && !p.startsWith("extern ") ? declaredName(p) : undefined;
    const where = fn !== undefined ? definedIn.get(fn) : undefined;
    if (fn !== undefined && inline.has(fn)) inlineIn.forEach((set, q) => { if (set.has(fn)) ownProtos[q]!.push(p); });
    else if (fn === undefined || where === undefined || !p.startsWith("static ")) headerProtos.push(p);
    else if (crossPart(fn)) headerProtos.push(globalize(p, fn));
    else ownProtos[where]!.push(p);
  }
  const headerGlobals: string[] = [];
  const definitions: string[] = [];
  for (const g of s.globals) {
    if (!g.startsWith("static ") || g.startsWith("static const ") || g.includes("*const ")) { headerGlobals.push(g); continue; }
    const def = g.slice("static ".length);
    const eq = def.indexOf(" = ");
    headerGlobals.push(`extern ${eq >= 0 ? def.slice(0, eq) : def.replace(/;\s*$/, "")};`);
    definitions.push(def);
  }
  const headerVtables: string[] = [];
  for (const v of s.vtables) {
    const def = v.startsWith("static ") ? v.slice("static ".length) : v;
    headerVtables.push(`extern ${def.slice(0, def.indexOf(" = "))};`);
    definitions.push(def);
  }
  const header = [s.preamble, ...s.typedefs, ...s.structs, ...headerProtos, ...headerGlobals, ...headerVtables].join("\n");
  return parts.map((list, p) => [
    header,
    `/* Part ${p + 1} of ${n} of the program (compiler/src/lower/split.ts). */`,
    ...s.strings.filter((t) => stringsIn[p]!.has(LITERAL_NAME.exec(t)![1]!)),
    ...ownProtos[p]!,
    ...(p === 0 ? definitions : []),
    ...s.bodies.filter((b) => b.text.startsWith("static inline ") && inlineIn[p]!.has(declaredName(b.text))).map(bodyText),
    ...list.map((b) => bodyText({ ...b, text: crossPart(b.name) ? globalize(b.text, b.name) : b.text })),
    ...(p === 0 ? [s.init, s.trailer] : []),
    "",
  ].join("\n"));
}
