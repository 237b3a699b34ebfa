/**
 * Calls that ostc compiles itself instead of resolving to TypeScript declarations: the
 * prelude's hardware and memory intrinsics, conversions, Math, console, process, and the
 * methods of strings and arrays.
 */
import ts from "../typescript.cjs";
import { fail } from "../diag.js";
import { type IntKind, type OType, INT_INFO, T_BOOL, T_I32, T_STR, T_U32, T_VOID, isBig, joinInt, nonNull, tInt, typeName } from "../types.js";
import type { FunctionLowerer, V } from "./function.js";
import { skipParens } from "./program.js";

/** Is the symbol declared by the ostc prelude or TypeScript's own lib (not shadowed by user code)? */
function isAmbient(fl: FunctionLowerer, n: ts.Node): boolean {
  const sym = fl.symbolOf(n);
  const d = sym?.declarations?.[0];
  return !!d && d.getSourceFile().isDeclarationFile;
}

const V_VOID = (c: string): V => ({ c, t: T_VOID, pure: false });

type Intrinsic = (fl: FunctionLowerer, args: V[], e: ts.CallExpression) => V;

const int = (kind: IntKind): OType => tInt(kind);
const U8 = int("u8"), U16 = int("u16"), U64 = int("u64");

/** Wrapping conversions: the same bits TypeScript's `x | 0`, `x >>> 0`, `x & 0xff` give. */
function wrapTo(kind: IntKind): Intrinsic {
  return (fl, [v], e) => {
    const from = nonNull(v.t);
    if (from.k !== "int" && from.k !== "enum") fail(e.arguments[0], `${kind}() needs an integer`);
    const fk: IntKind = from.k === "int" ? from.kind : "i32";
    if (isBig(fk) && !isBig(kind)) fail(e, `${kind}() takes a number; convert the bigint with Number(x) first`);
    if (v.cv !== undefined) {
      const bits = INT_INFO[kind].bits;
      const w = INT_INFO[kind].signed ? BigInt.asIntN(bits, v.cv) : BigInt.asUintN(bits, v.cv);
      return { c: `(${INT_INFO[kind].c})${w}${bits === 64 ? (INT_INFO[kind].signed ? "LL" : "ULL") : INT_INFO[kind].signed ? "" : "u"}`, t: int(kind), pure: true, cv: w };
    }
    return { c: `((${INT_INFO[kind].c})(${v.c}))`, t: int(kind), pure: v.pure };
  };
}

const memTypes: Record<string, [IntKind, string]> = {
  load8: ["u8", "uint8_t"], load16: ["u16", "uint16_t"], load32: ["u32", "uint32_t"], load64: ["u64", "uint64_t"],
  store8: ["u8", "uint8_t"], store16: ["u16", "uint16_t"], store32: ["u32", "uint32_t"], store64: ["u64", "uint64_t"],
  mmioRead8: ["u8", "uint8_t"], mmioRead16: ["u16", "uint16_t"], mmioRead32: ["u32", "uint32_t"],
  mmioWrite8: ["u8", "uint8_t"], mmioWrite16: ["u16", "uint16_t"], mmioWrite32: ["u32", "uint32_t"],
};

/** Parameter types of each intrinsic (for argument conversion) and how to lower it. */
const INTRINSICS: Record<string, { params: OType[]; lower: Intrinsic; kernelOnly?: boolean }> = {
  i8: { params: [], lower: wrapTo("i8") }, u8: { params: [], lower: wrapTo("u8") },
  i16: { params: [], lower: wrapTo("i16") }, u16: { params: [], lower: wrapTo("u16") },
  i32: { params: [], lower: wrapTo("i32") }, u32: { params: [], lower: wrapTo("u32") },
  i64: { params: [], lower: wrapTo("i64") }, u64: { params: [], lower: wrapTo("u64") },
  memset: { params: [T_U32, U8, T_U32], lower: (_f, [d, v, n]) => V_VOID(`memset((void *)(uintptr_t)(${d.c}), ${v.c}, ${n.c})`) },
  memmove: { params: [T_U32, T_U32, T_U32], lower: (_f, [d, s, n]) => V_VOID(`memmove((void *)(uintptr_t)(${d.c}), (const void *)(uintptr_t)(${s.c}), ${n.c})`) },
  outb: { params: [U16, U8], lower: (_f, [p, v]) => V_VOID(`ostc_outb(${p.c}, ${v.c})`) },
  outw: { params: [U16, U16], lower: (_f, [p, v]) => V_VOID(`ostc_outw(${p.c}, ${v.c})`) },
  outl: { params: [U16, T_U32], lower: (_f, [p, v]) => V_VOID(`ostc_outl(${p.c}, ${v.c})`) },
  inb: { params: [U16], lower: (_f, [p]) => ({ c: `ostc_inb(${p.c})`, t: U8, pure: false }) },
  inw: { params: [U16], lower: (_f, [p]) => ({ c: `ostc_inw(${p.c})`, t: U16, pure: false }) },
  inl: { params: [U16], lower: (_f, [p]) => ({ c: `ostc_inl(${p.c})`, t: T_U32, pure: false }) },
  cli: { params: [], lower: () => V_VOID("ostc_cli()") },
  sti: { params: [], lower: () => V_VOID("ostc_sti()") },
  hlt: { params: [], lower: () => V_VOID("ostc_hlt()") },
  cpuPause: { params: [], lower: () => V_VOID("ostc_pause()") },
  readEflags: { params: [], lower: () => ({ c: "ostc_read_eflags()", t: T_U32, pure: false }) },
  readCr0: { params: [], lower: () => ({ c: "ostc_read_cr0()", t: T_U32, pure: false }) },
  readCr2: { params: [], lower: () => ({ c: "ostc_read_cr2()", t: T_U32, pure: false }) },
  readCr3: { params: [], lower: () => ({ c: "ostc_read_cr3()", t: T_U32, pure: false }) },
  readCr4: { params: [], lower: () => ({ c: "ostc_read_cr4()", t: T_U32, pure: false }) },
  writeCr0: { params: [T_U32], lower: (_f, [v]) => V_VOID(`ostc_write_cr0(${v.c})`) },
  writeCr3: { params: [T_U32], lower: (_f, [v]) => V_VOID(`ostc_write_cr3(${v.c})`) },
  writeCr4: { params: [T_U32], lower: (_f, [v]) => V_VOID(`ostc_write_cr4(${v.c})`) },
  rdmsr: { params: [T_U32], lower: (_f, [m]) => ({ c: `ostc_rdmsr(${m.c})`, t: U64, pure: false }) },
  wrmsr: { params: [T_U32, U64], lower: (_f, [m, v]) => V_VOID(`ostc_wrmsr(${m.c}, ${v.c})`) },
  rdtsc: { params: [], lower: () => ({ c: "ostc_rdtsc()", t: U64, pure: false }) },
  cpuid: { params: [T_U32, T_U32, { k: "array", elem: T_U32 }], lower: (f, [l, s, o], e) => V_VOID(`ostc_cpuid(${l.c}, ${s.c}, ${o.c}, ${f.loc(e)})`) },
  invlpg: { params: [T_U32], lower: (_f, [a]) => V_VOID(`ostc_invlpg(${a.c})`) },
  lgdt: { params: [T_U32], lower: (_f, [a]) => V_VOID(`ostc_lgdt(${a.c})`) },
  lidt: { params: [T_U32], lower: (_f, [a]) => V_VOID(`ostc_lidt(${a.c})`) },
  ltr: { params: [U16], lower: (_f, [s]) => V_VOID(`ostc_ltr(${s.c})`) },
  framePointer: { params: [], lower: () => ({ c: "ostc_frame_pointer()", t: T_U32, pure: false }) },
  compilerBarrier: { params: [], lower: () => V_VOID("ostc_barrier()") },
  memoryFence: { params: [], lower: () => V_VOID("ostc_fence()") },
  atomicLoad32: { params: [T_U32], lower: (_f, [a]) => ({ c: `__atomic_load_n((uint32_t *)(uintptr_t)(${a.c}), __ATOMIC_SEQ_CST)`, t: T_U32, pure: false }) },
  atomicStore32: { params: [T_U32, T_U32], lower: (_f, [a, v]) => V_VOID(`__atomic_store_n((uint32_t *)(uintptr_t)(${a.c}), ${v.c}, __ATOMIC_SEQ_CST)`) },
  atomicAdd32: { params: [T_U32, T_U32], lower: (_f, [a, v]) => ({ c: `__atomic_fetch_add((uint32_t *)(uintptr_t)(${a.c}), ${v.c}, __ATOMIC_SEQ_CST)`, t: T_U32, pure: false }) },
  atomicExchange32: { params: [T_U32, T_U32], lower: (_f, [a, v]) => ({ c: `__atomic_exchange_n((uint32_t *)(uintptr_t)(${a.c}), ${v.c}, __ATOMIC_SEQ_CST)`, t: T_U32, pure: false }) },
  atomicCompareExchange32: {
    params: [T_U32, T_U32, T_U32],
    lower: (_f, [a, x, d]) => ({ c: `({ uint32_t ostc_e_ = (${x.c}); __atomic_compare_exchange_n((uint32_t *)(uintptr_t)(${a.c}), &ostc_e_, ${d.c}, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); ostc_e_; })`, t: T_U32, pure: false }),
  },
  stringFromMemory: { params: [T_U32, T_I32], lower: (_f, [a, n]) => ({ c: `ostc_str_from_memory(${a.c}, ${n.c})`, t: T_STR, pure: false }) },
  syscall: { params: [T_I32, T_U32, T_U32, T_U32, T_U32, T_U32, T_U32], lower: (_f, [n, a, b, c, d, e, f]) => ({ c: `ostc_syscall6(${n.c}, ${a.c}, ${b.c}, ${c.c}, ${d.c}, ${e.c}, ${f.c})`, t: T_I32, pure: false }) },
};
for (const [name, [kind, ct]] of Object.entries(memTypes)) {
  const T = int(kind);
  if (name.startsWith("load")) INTRINSICS[name] = { params: [T_U32], lower: (_f, [a]) => ({ c: `OSTC_LOAD(${ct}, ${a.c})`, t: T, pure: false }) };
  else if (name.startsWith("store")) INTRINSICS[name] = { params: [T_U32, T], lower: (_f, [a, v]) => V_VOID(`OSTC_STORE(${ct}, ${a.c}, ${v.c})`) };
  else if (name.startsWith("mmioRead")) INTRINSICS[name] = { params: [T_U32], lower: (_f, [a]) => ({ c: `OSTC_MMIO_READ(${ct}, ${a.c})`, t: T, pure: false }) };
  else INTRINSICS[name] = { params: [T_U32, T], lower: (_f, [a, v]) => V_VOID(`OSTC_MMIO_WRITE(${ct}, ${a.c}, ${v.c})`) };
}

/** Is e the ambient `process.env`? */
function isProcessEnv(fl: FunctionLowerer, e: ts.Expression): boolean {
  e = skipParens(e);
  return ts.isPropertyAccessExpression(e) && e.name.text === "env" && ts.isIdentifier(e.expression) && e.expression.text === "process" && isAmbient(fl, e.expression);
}

/**
 * `process.env.NAME` and `process.env[name]`: the variable's value, or undefined (a null
 * `string | undefined` that prints as `undefined`). undefined when e reads no environment variable.
 */
export function lowerProcessEnv(fl: FunctionLowerer, e: ts.PropertyAccessExpression | ts.ElementAccessExpression): V | undefined {
  if (!isProcessEnv(fl, e.expression)) return undefined;
  requireProgram(fl, e);
  const t: OType = { k: "nullable", inner: T_STR, undef: true };
  if (ts.isPropertyAccessExpression(e)) return { c: `ostc_getenv((ostc_str)&${fl.prog.stringLiteral(e.name.text)})`, t, pure: false };
  const name = fl.expr(e.argumentExpression, T_STR);
  if (nonNull(name.t).k !== "str") fail(e.argumentExpression, "process.env is indexed by a string");
  return { c: `ostc_getenv(${fl.coerce(name, T_STR, e.argumentExpression)})`, t, pure: false };
}

/** `process.argv` and other ambient properties; undefined when e is not one. */
export function lowerBuiltinProperty(fl: FunctionLowerer, e: ts.PropertyAccessExpression, _expected?: OType): V | undefined {
  const env = lowerProcessEnv(fl, e);
  if (env) return env;
  const obj = e.expression;
  if (!ts.isIdentifier(obj) || !isAmbient(fl, obj)) return undefined;
  if (obj.text === "process" && e.name.text === "argv") {
    requireProgram(fl, e);
    return { c: "ostc_argv", t: { k: "array", elem: T_STR }, pure: true };
  }
  if (obj.text === "process" && e.name.text === "env") {
    return fail(e, "process.env can only be read one variable at a time", "write process.env.NAME or process.env[name]; pass an environment array to execve to change it");
  }
  return fail(e, `${obj.text}.${e.name.text} is not supported by ostc`);
}

function requireProgram(fl: FunctionLowerer, at: ts.Node): void {
  if (!fl.prog.isProgram) fail(at, "console and process exist only in programs (targets user and host), not in the kernel");
}

/** Lowers e if it is a builtin call; undefined otherwise. */
export function lowerBuiltinCall(fl: FunctionLowerer, e: ts.CallExpression, expected?: OType): V | undefined {
  const callee = e.expression;
  if (ts.isIdentifier(callee) && isAmbient(fl, callee)) return lowerGlobalCall(fl, callee.text, e, expected);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const obj = callee.expression;
  const name = callee.name.text;
  if (ts.isIdentifier(obj) && isAmbient(fl, obj)) {
    switch (obj.text) {
      case "Math": return lowerMath(fl, name, e, expected);
      case "console": {
        requireProgram(fl, e);
        if (name !== "log" && name !== "error") return fail(callee.name, `console.${name} is not supported`, "use console.log or console.error");
        const vs = e.arguments.map((a) => fl.expr(a));
        const { pre, parts } = fl.fmtParts(vs, e.arguments, true);
        const t = fl.prog.tmp("cl");
        return V_VOID(`({ ${pre.join(" ")} const ostc_fmt_part ${t}[] = {${parts.join(", ") || "{0}"}}; ostc_console_log(${name === "log" ? 1 : 2}, ${t}, ${parts.length}); })`);
      }
      case "process": {
        requireProgram(fl, e);
        if (name === "exit") {
          const code = e.arguments[0] ? fl.coerce(fl.expr(e.arguments[0], T_I32), T_I32, e.arguments[0]) : "0";
          return { c: `ostc_exit(${code})`, t: { k: "never" }, pure: false };
        }
        return fail(callee, `process.${name} is not supported`);
      }
      case "String":
        if (name === "fromCharCode" || name === "fromCodePoint") return lowerFromCodes(fl, name, e);
        return fail(callee, `String.${name} is not supported`);
      case "BigInt":
        if (name === "asUintN" || name === "asIntN") {
          const bits = fl.expr(e.arguments[0], T_I32).cv;
          if (bits !== 64n) fail(e.arguments[0], `only BigInt.${name}(64, x) is supported`);
          const v = fl.expr(e.arguments[1]);
          const kind: IntKind = name === "asUintN" ? "u64" : "i64";
          return { c: `((${INT_INFO[kind].c})(${v.c}))`, t: int(kind), pure: v.pure };
        }
        return fail(callee, `BigInt.${name} is not supported`);
      default:
        return fail(callee, `${obj.text}.${name} is not supported by ostc`);
    }
  }
  // Methods of strings, arrays and integers.
  const t = fl.peekType(obj);
  if (!t) return undefined;
  const nt = nonNull(t);
  if (nt.k === "str") return lowerStringMethod(fl, fl.expr(obj), name, e);
  if (nt.k === "array") return lowerArrayMethod(fl, fl.expr(obj), nt.elem, name, e);
  if (nt.k === "int" || nt.k === "enum" || nt.k === "bool") {
    if (name === "toString" && e.arguments.length === 0) {
      const v = fl.expr(obj);
      const { pre, parts } = fl.fmtParts([v], [obj], false);
      const tmp = fl.prog.tmp("ts");
      return { c: `({ ${pre.join(" ")} const ostc_fmt_part ${tmp}[] = {${parts[0]}}; ostc_fmt_heap(${tmp}, 1); })`, t: T_STR, pure: false };
    }
    return fail(callee.name, `${typeName(nt)}.${name} is not supported`);
  }
  return undefined;
}

/**
 * String.fromCharCode(a, …) takes each argument modulo 2^16 (ToUint16: computed exactly, then
 * wrapped, like u16(x)); String.fromCodePoint(a, …) traps on a value outside 0…0x10FFFF, where
 * JavaScript throws a RangeError. Strings of one code point come from the runtime's intern table.
 */
function lowerFromCodes(fl: FunctionLowerer, name: "fromCharCode" | "fromCodePoint", e: ts.CallExpression): V {
  if (e.arguments.length === 0) return { c: "(&ostc_empty_string)", t: T_STR, pure: true };
  const vs = e.arguments.map((a) => {
    if (name === "fromCodePoint") return fl.coerceV(fl.expr(a, T_I32), T_I32, a);
    const v = fl.wrapOperand(a);
    const t = nonNull(v.t);
    if (t.k !== "int" && t.k !== "enum") return fail(a, `String.${name} needs integers`);
    if (t.k === "int" && isBig(t.kind)) return fail(a, `String.${name} takes numbers, not bigints`, "convert with Number(x)");
    return { c: `((int32_t)(uint16_t)(${v.c}))`, t: T_I32, pure: v.pure, cv: v.cv === undefined ? undefined : BigInt.asUintN(16, v.cv) };
  });
  const { pre, vals } = fl.sequence(vs);
  const codes = `(const int32_t[]){${vals.join(", ")}}`;
  const call = name === "fromCodePoint" ? `ostc_str_from_code_points(${codes}, ${vals.length}, ${fl.loc(e)})`
    : vals.length === 1 ? `ostc_str_from_char_code(${vals[0]})` : `ostc_str_from_char_codes(${codes}, ${vals.length})`;
  return { c: pre.length ? `({ ${pre.join(" ")} ${call}; })` : call, t: T_STR, pure: false };
}

function lowerGlobalCall(fl: FunctionLowerer, name: string, e: ts.CallExpression, expected?: OType): V | undefined {
  switch (name) {
    case "sizeof": {
      const ta = e.typeArguments?.[0] ?? fail(e, "sizeof needs a type argument: sizeof<T>()");
      const t = fl.prog.typeFromNode(ta, fl.env);
      const c = t.k === "class" ? `sizeof(struct ${t.cls.cname})` : `sizeof(${fl.prog.ctype(t)})`;
      const cv = t.k === "class" ? BigInt(fl.prog.structSize(t.cls)) : t.k === "int" ? BigInt(INT_INFO[t.kind].bits / 8) : undefined;
      return { c: `((uint32_t)${c})`, t: T_U32, pure: true, cv };
    }
    case "ptrTo": {
      const ta = e.typeArguments?.[0] ?? fail(e, "ptrTo needs a class type argument: ptrTo<T>(addr)");
      const t = fl.prog.typeFromNode(ta, fl.env);
      if (t.k !== "class") fail(ta, "ptrTo views memory as a class instance");
      const a = fl.expr(e.arguments[0], T_U32);
      return { c: `((struct ${t.cls.cname} *)(uintptr_t)(${fl.coerce(a, T_U32, e.arguments[0])}))`, t, pure: a.pure };
    }
    case "arrayAt": {
      const ta = e.typeArguments?.[0] ?? fail(e, "arrayAt needs the element type: arrayAt<u32>(addr, length)");
      const elem = fl.prog.typeFromNode(ta, fl.env);
      const vs = [fl.coerceV(fl.expr(e.arguments[0], T_U32), T_U32, e.arguments[0]), fl.coerceV(fl.expr(e.arguments[1], T_I32), T_I32, e.arguments[1])];
      const { pre, vals } = fl.sequence(vs);
      const call = `ostc_array_view((void *)(uintptr_t)(${vals[0]}), ${vals[1]})`;
      return { c: pre.length ? `({ ${pre.join(" ")} ${call}; })` : call, t: { k: "array", elem }, pure: false };
    }
    case "addressOf": {
      const v = fl.expr(e.arguments[0]);
      const t = nonNull(v.t);
      // One-byte strings only: the bytes are binary data (a two-byte string traps).
      if (t.k === "str") return { c: `ostc_str_bytes_address(${v.c}, ${fl.loc(e)})`, t: T_U32, pure: false };
      if (t.k === "array") return { c: `((uint32_t)(uintptr_t)(${v.c})->data)`, t: T_U32, pure: v.pure };
      if (t.k === "class" || t.k === "fn") return { c: `((uint32_t)(uintptr_t)(${v.c}))`, t: T_U32, pure: v.pure };
      return fail(e.arguments[0], "addressOf needs an object, array, string or function");
    }
    case "symbolAddress": {
      const a = skipParens(e.arguments[0]);
      if (!ts.isStringLiteral(a) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.text)) fail(a, "symbolAddress needs a symbol name as a string literal");
      fl.prog.declareExternSymbol(a.text);
      return { c: `((uint32_t)(uintptr_t)${a.text})`, t: T_U32, pure: true };
    }
    case "Number": {
      const v = fl.expr(e.arguments[0]);
      const ex = expected && nonNull(expected);
      // A bigint becomes a number exactly up to 2^53 (i53), or the expected width (checked).
      const target = ex?.k === "int" && !isBig(ex.kind) ? ex : tInt("i53");
      if (v.t.k === "int" && !isBig(v.t.kind)) return v;
      return { c: `OSTC_NARROW(${fl.prog.ctype(target)}, ${v.c}, ${fl.loc(e)})`, t: target, pure: v.pure };
    }
    case "BigInt": {
      const ex = expected && nonNull(expected);
      const target = ex?.k === "int" && isBig(ex.kind) ? ex : int("i64");
      const v = fl.expr(e.arguments[0]);
      if (v.t.k !== "int") fail(e.arguments[0], "BigInt() needs an integer");
      if (v.cv !== undefined) return { c: `(${fl.prog.ctype(target)})${v.cv}LL`, t: target, pure: true, cv: v.cv };
      if (!INT_INFO[v.t.kind].signed || (target.k === "int" && INT_INFO[target.kind].signed)) return { c: `((${fl.prog.ctype(target)})(${v.c}))`, t: target, pure: v.pure };
      return { c: `OSTC_NARROW(${fl.prog.ctype(target)}, ${v.c}, ${fl.loc(e)})`, t: target, pure: v.pure };
    }
    case "String": {
      const v = fl.expr(e.arguments[0]);
      if (nonNull(v.t).k === "str") return v;
      const { pre, parts } = fl.fmtParts([v], e.arguments, false);
      const tmp = fl.prog.tmp("ts");
      return { c: `({ ${pre.join(" ")} const ostc_fmt_part ${tmp}[] = {${parts[0]}}; ostc_fmt_heap(${tmp}, 1); })`, t: T_STR, pure: false };
    }
  }
  if (name === "dispose") return lowerDispose(fl, e);
  if (name === "stringFromBytes") {
    if (e.arguments.length !== 3) fail(e, "stringFromBytes takes the bytes, a start and an end");
    const bytes = fl.expr(e.arguments[0]!);
    const bt = nonNull(bytes.t);
    if (bt.k !== "array" || bt.elem.k !== "int" || bt.elem.kind !== "u8") fail(e.arguments[0], "stringFromBytes needs a u8[]");
    const vs = [bytes, fl.coerceV(fl.expr(e.arguments[1]!, T_I32), T_I32, e.arguments[1]!), fl.coerceV(fl.expr(e.arguments[2]!, T_I32), T_I32, e.arguments[2]!)];
    const { pre, vals } = fl.sequence(vs);
    const call = `ostc_str_from_bytes(${vals.join(", ")})`;
    return { c: pre.length ? `({ ${pre.join(" ")} ${call}; })` : call, t: T_STR, pure: false };
  }
  if (name === "panic") {
    // The message is borrowed (Fmt): a template is formatted on the stack, never the heap.
    const a = e.arguments[0] ?? fail(e, "panic needs a message");
    const m = ts.isTemplateExpression(skipParens(a)) ? fl.template(skipParens(a) as ts.TemplateExpression, true) : fl.coerceV(fl.expr(a, T_STR), T_STR, a);
    const { pre, vals } = fl.sequence([m]);
    return { c: `({ ${pre.join(" ")} ostc_panic(${vals[0]}, ${fl.loc(e)}); })`, t: { k: "never" }, pure: false };
  }
  const intr = INTRINSICS[name];
  if (!intr) return undefined;
  if (name.length <= 3 && /^[iu](8|16|32|64)$/.test(name)) {
    const v = fl.wrapOperand(e.arguments[0]);
    return intr.lower(fl, [v], e);
  }
  if (e.arguments.length !== intr.params.length) fail(e, `${name} takes ${intr.params.length} argument(s)`);
  const vs = e.arguments.map((a, i) => fl.coerceV(fl.expr(a, intr.params[i]), intr.params[i], a));
  const { pre, vals } = fl.sequence(vs);
  const r = intr.lower(fl, vals.map((c, i) => ({ ...vs[i], c })), e);
  return pre.length ? { ...r, c: `({ ${pre.join(" ")} ${r.c}; })` } : r;
}

/**
 * dispose(x): releases a class instance (its struct), an array (its elements, and its header
 * unless the header lives inside an object) or a string built at run time (a literal or other
 * static string is left alone). Nothing else is released: arrays and objects that x refers to are
 * disposed on their own. null does nothing.
 */
function lowerDispose(fl: FunctionLowerer, e: ts.CallExpression): V {
  if (e.arguments.length !== 1) fail(e, "dispose takes one object, array or string");
  const a = e.arguments[0]!;
  const sym = ts.isIdentifier(skipParens(a)) ? fl.symbolOf(skipParens(a)) : undefined;
  const decl = sym?.valueDeclaration;
  if (decl && ts.isVariableDeclaration(decl) && decl.parent.parent && ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent)) {
    const g = fl.prog.globalInfo(decl);
    if (g.staticObject || g.staticArray) fail(a, `${decl.name.getText()} lives in static storage for the whole program and cannot be disposed`);
  }
  const v = fl.expr(a);
  const t = nonNull(v.t);
  if (t.k === "null") return V_VOID("((void)0)");
  if (t.k === "array") return V_VOID(`ostc_array_dispose(${v.c}, ${fl.loc(e)})`);
  if (t.k === "class") return V_VOID(`ostc_dispose(${v.c}, ${fl.loc(e)})`);
  if (t.k === "str") return V_VOID(`ostc_str_dispose(${v.c}, ${fl.loc(e)})`);
  if (t.k === "iface") return fail(a, "dispose needs the object's class type, not an interface", "cast it to its class, or dispose it where its class is known");
  return fail(a, `dispose releases objects, arrays and strings, not ${typeName(t)}`);
}

function lowerMath(fl: FunctionLowerer, name: string, e: ts.CallExpression, expected?: OType): V {
  const arg0 = e.arguments[0] ? skipParens(e.arguments[0]) : undefined;
  switch (name) {
    case "trunc":
    case "floor":
    case "ceil":
    case "round": {
      if (arg0 && ts.isBinaryExpression(arg0) && arg0.operatorToken.kind === ts.SyntaxKind.SlashToken && (name === "trunc" || name === "floor")) {
        return fl.intDivision(arg0, name, expected);
      }
      const v = fl.expr(e.arguments[0], expected);
      if (v.t.k !== "int") fail(e.arguments[0], `Math.${name} needs an integer or an integer division a / b`);
      return v; // already an integer
    }
    case "min":
    case "max": {
      if (e.arguments.length < 1) fail(e, `Math.${name}() with no arguments gives ${name === "min" ? "Infinity" : "-Infinity"}`);
      const vs = e.arguments.map((a) => fl.expr(a, expected));
      for (const v of vs) if (v.t.k !== "int") fail(e, `Math.${name} needs integers`);
      // Compared in a kind holding every argument (constants only widen it when they do not fit),
      // so Math.max(i8, u8) neither traps nor wraps; the caller narrows the result, checked.
      const kindOf = (v: V): IntKind => (v.t as { kind: IntKind }).kind;
      const variables = vs.filter((v) => v.cv === undefined);
      let kind = (variables.length ? variables : vs).map(kindOf).reduce(joinInt);
      for (const v of vs) if (v.cv !== undefined && (v.cv < INT_INFO[kind].min || v.cv > INT_INFO[kind].max)) kind = joinInt(kind, kindOf(v));
      const t = tInt(kind);
      const T = fl.prog.ctype(t);
      const names = vs.map(() => fl.prog.tmp("m"));
      const decls = vs.map((v, i) => `${T} ${names[i]} = ${fl.coerce(v, t, e.arguments[i])};`);
      let acc = names[0];
      for (let i = 1; i < names.length; i++) acc = `(${acc} ${name === "min" ? "<" : ">"} ${names[i]} ? ${acc} : ${names[i]})`;
      if (names.length > 2) {
        const r = fl.prog.tmp("mr");
        return { c: `({ ${decls.join(" ")} ${T} ${r} = ${names[0]}; ${names.slice(1).map((n) => `if (${n} ${name === "min" ? "<" : ">"} ${r}) ${r} = ${n};`).join(" ")} ${r}; })`, t, pure: false };
      }
      return { c: `({ ${decls.join(" ")} ${acc}; })`, t, pure: vs.every((v) => v.pure) };
    }
    case "abs": {
      const v = fl.expr(e.arguments[0], expected);
      if (v.t.k !== "int") fail(e.arguments[0], "Math.abs needs an integer");
      if (!INT_INFO[v.t.kind].signed) return v;
      // |min| does not fit the signed kind itself (Math.abs(-128) is 128): compute one size up.
      const t = tInt(INT_INFO[v.t.kind].bits < 32 ? "i32" : "i53");
      if (v.cv !== undefined) return { c: `${v.cv < 0n ? -v.cv : v.cv}LL`, t, pure: true, cv: v.cv < 0n ? -v.cv : v.cv };
      const T = fl.prog.ctype(t);
      const tmp = fl.prog.tmp("abs");
      return { c: `({ ${T} ${tmp} = ${v.c}; ${tmp} < 0 ? -${tmp} : ${tmp}; })`, t, pure: v.pure };
    }
    case "imul": {
      const a = fl.expr(e.arguments[0]), b = fl.expr(e.arguments[1]);
      const [ac, bc, wrap] = fl.orderPair(a, b);
      return { c: wrap(`((int32_t)((uint32_t)(int32_t)(${ac}) * (uint32_t)(int32_t)(${bc})))`), t: T_I32, pure: a.pure && b.pure };
    }
    case "clz32": {
      const a = fl.expr(e.arguments[0]);
      const tmp = fl.prog.tmp("clz");
      return { c: `({ uint32_t ${tmp} = (uint32_t)(${a.c}); ${tmp} ? __builtin_clz(${tmp}) : 32; })`, t: T_I32, pure: a.pure };
    }
    case "sign": {
      const a = fl.expr(e.arguments[0]);
      const tmp = fl.prog.tmp("sg");
      return { c: `({ ${fl.prog.cdecl(a.t, tmp)} = ${a.c}; (int32_t)((${tmp} > 0) - (${tmp} < 0)); })`, t: T_I32, pure: a.pure };
    }
  }
  return fail(e.expression, `Math.${name} is not supported`, "ostc has integers only; Math.trunc/floor of a division, min, max, abs, imul, clz32 and sign are available");
}

function arg(fl: FunctionLowerer, e: ts.CallExpression, i: number, t: OType): string {
  const a = e.arguments[i] ?? fail(e, `missing argument ${i + 1}`);
  return fl.coerce(fl.expr(a, t), t, a);
}

/**
 * A method of string s. The receiver and the arguments are evaluated left to right, and each C
 * operand is used once; absent optional arguments take JavaScript's defaults.
 */
function lowerStringMethod(fl: FunctionLowerer, s: V, name: string, e: ts.CallExpression): V {
  const n = e.arguments.length;
  const loc = fl.loc(e);
  /** Lowers the call with at most `types.length` arguments, converted to those types. */
  const call = (types: OType[], body: (x: string, args: string[]) => string, t: OType): V => {
    if (n > types.length) fail(e.arguments[types.length]!, `${name} takes ${types.length ? `at most ${types.length} argument${types.length > 1 ? "s" : ""}` : "no arguments"} in ostc`);
    const vs = [s, ...e.arguments.map((a, i) => fl.coerceV(fl.expr(a, types[i]), types[i]!, a))];
    const { pre, vals } = fl.sequence(vs);
    const c = body(vals[0]!, vals.slice(1));
    return { c: pre.length ? `({ ${pre.join(" ")} ${c}; })` : c, t, pure: false };
  };
  const I = T_I32, S = T_STR;
  switch (name) {
    case "charCodeAt": return call([I], (x, [i]) => `OSTC_STR_CHAR_CODE_AT(${x}, ${i ?? 0}, ${loc})`, T_I32);
    case "codePointAt": return call([I], (x, [i]) => `ostc_str_code_point_at(${x}, ${i ?? 0}, ${loc})`, T_I32);
    case "charAt": return call([I], (x, [i]) => `ostc_str_char_at(${x}, ${i ?? 0})`, T_STR);
    case "at": return call([I], (x, [i]) => `ostc_str_at(${x}, ${i ?? 0}, ${loc})`, T_STR);
    case "slice": return call([I, I], (x, [a, b]) => `ostc_str_slice(${x}, ${a ?? 0}, ${b ?? 0}, ${b !== undefined})`, T_STR);
    case "substring": return call([I, I], (x, [a, b]) => `ostc_str_substring(${x}, ${a ?? 0}, ${b ?? 0}, ${b !== undefined})`, T_STR);
    case "indexOf": return call([S, I], (x, [sub, from]) => `ostc_str_index_of(${x}, ${sub ?? missing(e)}, ${from ?? 0})`, T_I32);
    case "lastIndexOf": return call([S, I], (x, [sub, from]) => `ostc_str_last_index_of(${x}, ${sub ?? missing(e)}, ${from ?? 0}, ${from !== undefined})`, T_I32);
    case "includes": return call([S, I], (x, [sub, from]) => `(ostc_str_index_of(${x}, ${sub ?? missing(e)}, ${from ?? 0}) >= 0)`, T_BOOL);
    case "startsWith": return call([S, I], (x, [p, at]) => `ostc_str_starts_with(${x}, ${p ?? missing(e)}, ${at ?? 0})`, T_BOOL);
    case "endsWith": return call([S, I], (x, [p, end]) => `ostc_str_ends_with(${x}, ${p ?? missing(e)}, ${end ?? 0}, ${end !== undefined})`, T_BOOL);
    case "trim": return call([], (x) => `ostc_str_trim(${x}, true, true)`, T_STR);
    case "trimStart": return call([], (x) => `ostc_str_trim(${x}, true, false)`, T_STR);
    case "trimEnd": return call([], (x) => `ostc_str_trim(${x}, false, true)`, T_STR);
    case "toUpperCase": return call([], (x) => `ostc_str_to_upper(${x})`, T_STR);
    case "toLowerCase": return call([], (x) => `ostc_str_to_lower(${x})`, T_STR);
    case "repeat": return call([I], (x, [k]) => `ostc_str_repeat(${x}, ${k ?? missing(e)}, ${loc})`, T_STR);
    case "padStart":
    case "padEnd":
      return call([I, S], (x, [len, fill]) => `ostc_str_pad(${x}, ${len ?? missing(e)}, ${fill ?? `((ostc_str)&${fl.prog.stringLiteral(" ")})`}, ${name === "padStart"})`, T_STR);
    case "split": {
      if (n > 2) fail(e.arguments[2]!, "split takes at most 2 arguments in ostc");
      // The limit goes through ToUint32, as u32(x) does: split(sep, -1) has no limit.
      const vs = [s, fl.coerceV(fl.expr(e.arguments[0]!, T_STR), T_STR, e.arguments[0]!), ...(n > 1 ? [fl.wrapOperand(e.arguments[1]!)] : [])];
      if (n > 1 && vs[2]!.t.k !== "int") fail(e.arguments[1]!, "the limit of split must be an integer");
      const { pre, vals } = fl.sequence(vs);
      const c = `ostc_str_split(${vals[0]}, ${vals[1]}, ${n > 1 ? `(uint32_t)(${vals[2]})` : "0xffffffffu"})`;
      return { c: pre.length ? `({ ${pre.join(" ")} ${c}; })` : c, t: { k: "array", elem: T_STR }, pure: false };
    }
    case "concat": return call(e.arguments.map(() => S), (x, parts) => parts.reduce((acc, p) => `ostc_str_concat(${acc}, ${p})`, x), T_STR);
    case "toString":
    case "valueOf": return n ? call([], (x) => x, T_STR) : s;
  }
  return fail(e.expression, `string method ${name} is not supported`);
}

/** The error for a method called without its required first argument. */
function missing(e: ts.CallExpression): never {
  return fail(e, `${e.expression.getText()} needs an argument`);
}

function lowerArrayMethod(fl: FunctionLowerer, a: V, elem: OType, name: string, e: ts.CallExpression): V {
  const T = fl.prog.ctype(elem);
  const loc = fl.loc(e);
  const withArr = (body: (x: string) => string, t: OType): V => {
    if (a.pure) return { c: body(a.c), t, pure: false };
    const tmp = fl.prog.tmp("arr");
    return { c: `({ ostc_array *${tmp} = ${a.c}; ${body(tmp)}; })`, t, pure: false };
  };
  switch (name) {
    case "push": {
      if (e.arguments.length !== 1) fail(e, "push takes one element at a time in ostc");
      return withArr((x) => `OSTC_PUSH(${T}, ${x}, ${arg(fl, e, 0, elem)})`, T_I32);
    }
    case "pop": return withArr((x) => `OSTC_POP(${T}, ${x}, ${loc})`, elem);
    case "indexOf":
    case "includes": {
      const ev = fl.expr(e.arguments[0], elem);
      const x = fl.prog.tmp("x"), i = fl.prog.tmp("i");
      const eq = fl.equality(ts.SyntaxKind.EqualsEqualsEqualsToken, { c: `((${T} *)ostc_a_->data)[${i}]`, t: elem, pure: true }, { c: x, t: elem, pure: true }, e);
      const body = (arr: string) => `({ ostc_array *ostc_a_ = ${arr}; ${fl.prog.cdecl(elem, x)} = ${fl.coerce(ev, elem, e.arguments[0])}; int32_t ostc_r_ = -1; for (int32_t ${i} = 0; ${i} < ostc_a_->len; ${i}++) if (${eq}) { ostc_r_ = ${i}; break; } ${name === "includes" ? "ostc_r_ >= 0" : "ostc_r_"}; })`;
      return withArr(body, name === "includes" ? T_BOOL : T_I32);
    }
    case "join": {
      const sep = e.arguments.length ? arg(fl, e, 0, T_STR) : `((ostc_str)&${fl.prog.stringLiteral(",")})`;
      if (elem.k === "str") return withArr((x) => `ostc_array_join(${x}, ${sep})`, T_STR);
      if (elem.k !== "int" && elem.k !== "enum" && elem.k !== "bool") return fail(e, `join is not supported on ${typeName(elem)} arrays`, "build the string in a loop");
      // Numbers and booleans: format each element as String(x) does, then join.
      const i = fl.prog.tmp("i"), ss = fl.prog.tmp("ss");
      const { parts } = fl.fmtParts([{ c: `((${T} *)${"ostc_a_"}->data)[${i}]`, t: elem, pure: true }], [e], false);
      return withArr((x) => `({ ostc_array *ostc_a_ = ${x}; ostc_array *${ss} = ostc_array_new(ostc_a_->len, sizeof(ostc_str)); ` +
        `for (int32_t ${i} = 0; ${i} < ostc_a_->len; ${i}++) { const ostc_fmt_part ostc_p_ = ${parts[0]}; ((ostc_str *)${ss}->data)[${i}] = ostc_fmt_heap(&ostc_p_, 1); } ` +
        `ostc_array_join(${ss}, ${sep}); })`, T_STR);
    }
    case "fill": {
      const i = fl.prog.tmp("i"), v = fl.prog.tmp("v");
      return withArr((x) => `({ ${fl.prog.cdecl(elem, v)} = ${arg(fl, e, 0, elem)}; for (int32_t ${i} = 0; ${i} < ${x}->len; ${i}++) ((${T} *)${x}->data)[${i}] = ${v}; ${x}; })`, a.t);
    }
    case "slice": {
      const n = e.arguments.length;
      return withArr((x) => `({ int32_t ostc_len_ = ${x}->len; int32_t ostc_s_ = ${n > 0 ? arg(fl, e, 0, T_I32) : "0"}; int32_t ostc_e_ = ${n > 1 ? arg(fl, e, 1, T_I32) : "ostc_len_"}; ` +
        `if (ostc_s_ < 0) { ostc_s_ += ostc_len_; if (ostc_s_ < 0) ostc_s_ = 0; } if (ostc_s_ > ostc_len_) ostc_s_ = ostc_len_; ` +
        `if (ostc_e_ < 0) { ostc_e_ += ostc_len_; if (ostc_e_ < 0) ostc_e_ = 0; } if (ostc_e_ > ostc_len_) ostc_e_ = ostc_len_; ` +
        `ostc_array_from((${T} *)${x}->data + ostc_s_, ostc_e_ > ostc_s_ ? ostc_e_ - ostc_s_ : 0, sizeof(${T})); })`, a.t);
    }
    case "reverse": {
      const i = fl.prog.tmp("i");
      return withArr((x) => `({ ${T} *ostc_d_ = ${x}->data; for (int32_t ${i} = 0; ${i} < ${x}->len / 2; ${i}++) { ${fl.prog.cdecl(elem, "ostc_t_")} = ostc_d_[${i}]; ostc_d_[${i}] = ostc_d_[${x}->len - 1 - ${i}]; ostc_d_[${x}->len - 1 - ${i}] = ostc_t_; } ${x}; })`, a.t);
    }
  }
  return fail(e.expression, `array method ${name} is not supported`, "supported: push, pop, indexOf, includes, join, fill, slice, reverse");
}

/** `new Array<T>(n).fill(v)` and friends; undefined when e is not a builtin constructor. */
export function lowerNewBuiltin(fl: FunctionLowerer, e: ts.NewExpression, expected?: OType): V | undefined {
  if (!ts.isIdentifier(e.expression) || !isAmbient(fl, e.expression)) return undefined;
  if (e.expression.text !== "Array") return fail(e, `new ${e.expression.text} is not supported by ostc`);
  let elem: OType;
  if (e.typeArguments?.[0]) elem = fl.prog.typeFromNode(e.typeArguments[0], fl.env);
  else if (expected && nonNull(expected).k === "array") elem = (nonNull(expected) as { elem: OType }).elem;
  else return fail(e, "write the element type: new Array<u32>(n).fill(0)");
  const parent = e.parent;
  const filled = parent && ts.isPropertyAccessExpression(parent) && parent.name.text === "fill";
  const n = e.arguments?.length ? fl.coerce(fl.expr(e.arguments[0], T_I32), T_I32, e.arguments[0]) : "0";
  if (!filled && e.arguments?.length) fail(e, "new Array(n) has n empty slots (undefined) in TypeScript", "write new Array<T>(n).fill(value)");
  return { c: `ostc_array_new(${n}, sizeof(${fl.prog.ctype(elem)}))`, t: { k: "array", elem }, pure: false };
}
