/**
 * Generates compiler/runtime/ostc_unicode.c, the Unicode data of the C runtime, from the Node.js
 * that runs it: the case mappings of String.prototype.toUpperCase/toLowerCase (single code points
 * and the expansions such as ß → SS), the Cased and Case_Ignorable properties that decide the
 * final sigma of toLowerCase, and the white space that trim removes. Everything is read from
 * Node's own string methods and regular expressions, so a native program maps case exactly as
 * the Node that generated the table does.
 *
 * The table is committed (not produced per program): every build gets the same data without a
 * Node at build time, the kernel links it like the rest of the runtime, and programs pay nothing
 * at compile time. compiler/test/unicode.test.ts fails when the running Node's Unicode data no
 * longer matches the committed file; regenerate it then with
 *
 *   npx tsx compiler/tools/unicode-tables.ts
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The generated file. */
export const UNICODE_TABLES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "runtime", "ostc_unicode.c");

const MAX_CODE_POINT = 0x10ffff;

/** Every code point that is not a surrogate, with its one-code-point string. */
function* codePoints(): Generator<[number, string]> {
  for (let cp = 0; cp <= MAX_CODE_POINT; cp++) if (cp < 0xd800 || cp > 0xdfff) yield [cp, String.fromCodePoint(cp)];
}

const codePointsOf = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!);

/** A run of code points start, start + stride, … (count of them) that map to code point + delta. */
interface CaseRun { start: number; count: number; stride: 1 | 2; delta: number }
const RUN_MAX = 128;

/** The mappings of `map`: one-code-point results as runs, longer results as expansions. */
function caseMapping(map: (s: string) => string): { runs: CaseRun[]; expansions: [number, number[]][] } {
  const runs: CaseRun[] = [];
  const expansions: [number, number[]][] = [];
  for (const [cp, s] of codePoints()) {
    const to = map(s);
    if (to === s) continue;
    const cps = codePointsOf(to);
    if (cps.length > 1) { expansions.push([cp, cps]); continue; }
    const delta = cps[0]! - cp;
    const last = runs[runs.length - 1];
    const gap = last ? cp - (last.start + last.stride * (last.count - 1)) : 0;
    if (last && last.delta === delta && last.count < RUN_MAX && (gap === last.stride || (last.count === 1 && gap === 2))) {
      if (last.count === 1) last.stride = gap as 1 | 2;
      last.count++;
    } else {
      runs.push({ start: cp, count: 1, stride: 1, delta });
    }
  }
  return { runs, expansions };
}

/** The maximal ranges of code points (surrogates excluded) whose one-code-point string matches re. */
function ranges(re: RegExp): [number, number][] {
  const out: [number, number][] = [];
  for (const [cp, s] of codePoints()) {
    if (!re.test(s)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

const RANGE_LEN_BITS = 11;

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** C initialiser rows, several values to a line. */
function rows(values: string[], perLine: number): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) lines.push(`  ${values.slice(i, i + perLine).join(", ")},`);
  return lines.join("\n");
}

function runTable(name: string, runs: CaseRun[]): string {
  const vals = runs.map((r) => {
    if (r.start > MAX_CODE_POINT || r.count > RUN_MAX) throw new Error("a case run does not fit its packing");
    return `{${hex((r.start << 8) | ((r.count - 1) << 1) | (r.stride - 1))}, ${r.delta}}`;
  });
  return `const ostc_case_run ${name}[] = {\n${rows(vals, 6)}\n};\nconst int32_t ${name}_count = ${runs.length};\n`;
}

function expansionTable(name: string, expansions: [number, number[]][]): string {
  const vals = expansions.map(([cp, to]) => {
    if (cp > 0xffff || to.length > 3 || to.some((c) => c > 0xffff || c === 0)) throw new Error(`the expansion of ${hex(cp)} does not fit ostc_case_expansion`);
    return `{${hex(cp)}, {${[...to, 0, 0].slice(0, 3).map(hex).join(", ")}}}`;
  });
  return `const ostc_case_expansion ${name}[] = {\n${rows(vals, 4)}\n};\nconst int32_t ${name}_count = ${expansions.length};\n`;
}

function rangeTable(name: string, rs: [number, number][]): string {
  const vals = rs.map(([a, b]) => {
    if (b - a >= 1 << RANGE_LEN_BITS) throw new Error(`range ${hex(a)}-${hex(b)} is too long for ${name}`);
    return hex(((a << RANGE_LEN_BITS) | (b - a)) >>> 0);
  });
  return `const uint32_t ${name}[] = {\n${rows(vals, 8)}\n};\nconst int32_t ${name}_count = ${rs.length};\n`;
}

/** The text of ostc_unicode.c for the running Node. */
export function unicodeTablesSource(): string {
  const upper = caseMapping((s) => s.toUpperCase());
  const lower = caseMapping((s) => s.toLowerCase());
  return [
    "/*",
    " * Unicode data of the ostc runtime (declared in ostc_unicode.h). GENERATED by",
    " * compiler/tools/unicode-tables.ts from Node.js's own toUpperCase, toLowerCase and regular",
    ` * expressions (Unicode ${process.versions.unicode}); do not edit, regenerate.`,
    " */",
    '#include "ostc_unicode.h"',
    "",
    "/* toUpperCase of one code point to one code point. */",
    runTable("ostc_upper_runs", upper.runs),
    "/* toUpperCase of one code point to several (ß → SS). */",
    expansionTable("ostc_upper_expansions", upper.expansions),
    "/* toLowerCase of one code point to one code point (Σ to σ: ostc_case.c applies the final sigma). */",
    runTable("ostc_lower_runs", lower.runs),
    "/* toLowerCase of one code point to several (İ → i̇). */",
    expansionTable("ostc_lower_expansions", lower.expansions),
    "/* \\p{Cased}. */",
    rangeTable("ostc_cased_ranges", ranges(/^\p{Cased}$/u)),
    "/* \\p{Case_Ignorable}. */",
    rangeTable("ostc_case_ignorable_ranges", ranges(/^\p{Case_Ignorable}$/u)),
    "/* What trim removes: JavaScript's WhiteSpace and LineTerminator (\\s). */",
    rangeTable("ostc_space_ranges", ranges(/^\s$/u)),
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(UNICODE_TABLES_FILE, unicodeTablesSource());
  console.log(`wrote ${path.relative(process.cwd(), UNICODE_TABLES_FILE)} (Unicode ${process.versions.unicode})`);
}
