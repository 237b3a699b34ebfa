/**
 * The ostc type model. tsc erases aliases of `number` (a `u32` is just `number` to its
 * checker), so ostc keeps its own types: integer widths come from declarations and from
 * ostc's inference, and tsc is consulted for symbols, classes and shapes.
 */
import type ts from "typescript";

/** The fixed-width integer kinds; `usize`/`isize` are aliases of `u32`/`i32` on i386. */
export type IntKind = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "i53";

/** Range and C spelling of each integer kind. */
export interface IntInfo {
  readonly bits: 8 | 16 | 32 | 64;
  readonly signed: boolean;
  readonly min: bigint;
  readonly max: bigint;
  readonly c: string;
  /** A bigint type (i64/u64): prints with an `n` suffix and never mixes with numbers. */
  readonly big: boolean;
}

export const INT_INFO: Record<IntKind, IntInfo> = {
  i8: { bits: 8, signed: true, min: -128n, max: 127n, c: "int8_t", big: false },
  u8: { bits: 8, signed: false, min: 0n, max: 255n, c: "uint8_t", big: false },
  i16: { bits: 16, signed: true, min: -32768n, max: 32767n, c: "int16_t", big: false },
  u16: { bits: 16, signed: false, min: 0n, max: 65535n, c: "uint16_t", big: false },
  i32: { bits: 32, signed: true, min: -(2n ** 31n), max: 2n ** 31n - 1n, c: "int32_t", big: false },
  u32: { bits: 32, signed: false, min: 0n, max: 2n ** 32n - 1n, c: "uint32_t", big: false },
  i64: { bits: 64, signed: true, min: -(2n ** 63n), max: 2n ** 63n - 1n, c: "int64_t", big: true },
  u64: { bits: 64, signed: false, min: 0n, max: 2n ** 64n - 1n, c: "uint64_t", big: true },
  /**
   * Internal: a TypeScript number that needs more than 32 bits, produced by arithmetic that
   * mixes signed and unsigned 32-bit operands (exact in an int64_t; prints as a number).
   * Programs cannot name it; it converts (checked) back to a declared width on assignment.
   */
  i53: { bits: 64, signed: true, min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n, c: "int64_t", big: false },
};

/** Names accepted in type positions for integers (aliases included). */
export const INT_TYPE_NAMES: Record<string, IntKind> = {
  i8: "i8", u8: "u8", i16: "i16", u16: "u16", i32: "i32", u32: "u32",
  i64: "i64", u64: "u64", usize: "u32", isize: "i32",
};

/** A class after monomorphisation: one C struct per (declaration, type arguments). */
export interface ClassInst {
  readonly decl: ts.ClassDeclaration;
  readonly typeArgs: readonly OType[];
  /** The C struct tag, e.g. `mm_buddy__Zone`. */
  readonly cname: string;
  readonly base: ClassInst | null;
  /** Type-parameter bindings for the class body. */
  readonly env: TypeEnv;
  /** Filled by the layout pass. */
  fields: FieldInfo[];
  hasVtable: boolean;
  /** Virtual method slots in vtable order (inherited first). */
  vslots: VSlot[];
  laidOut: boolean;
  /** Exact layout requested by `@packed`. */
  packed: boolean;
}

/** One field of a class struct, inherited fields first. */
export interface FieldInfo {
  readonly name: string;
  readonly cname: string;
  readonly type: OType;
  readonly decl: ts.Node;
  /** The class that declares the field. */
  readonly owner: ClassInst;
  /**
   * An array field whose header lives inside the object (`ostc_array f;`, read as `&obj->f`):
   * a `readonly` field given one fresh array by its initializer or constructor. gcc then knows
   * that stores to the object's other fields leave the header alone.
   */
  readonly embedded?: boolean;
  /**
   * For an embedded header: the constructor parameter whose fresh array the field takes over
   * (every construction passes a fresh array); after the store the parameter names the field.
   */
  readonly moves?: ts.ParameterDeclaration;
  /**
   * A fixed-size array stored in the object itself (`T f[N];`, no header): a readonly field given
   * a constant-length fresh array that the program only indexes, measures and iterates over.
   */
  readonly fixed?: { readonly length: number; readonly init: ts.Expression };
}

/** One virtual-method slot. */
export interface VSlot {
  readonly name: string;
  /** Which class's implementation fills the slot for a given instance is resolved at emit time. */
  readonly introducedBy: ClassInst;
}

/** An interface instance (monomorphised): a fat pointer (object, method table). */
export interface IfaceInst {
  readonly decl: ts.InterfaceDeclaration;
  readonly typeArgs: readonly OType[];
  readonly cname: string;
  readonly env: TypeEnv;
  methods: { name: string; sig: ts.MethodSignature }[] | null;
}

/** Numeric enums (const or not): i32 values, optionally with a reverse-mapping table. */
export interface EnumInfo {
  readonly decl: ts.EnumDeclaration;
  readonly cname: string;
  readonly members: Map<string, bigint>;
}

/** Every type a value can have in ostc. */
export type OType =
  | { readonly k: "int"; readonly kind: IntKind }
  | { readonly k: "f64" }
  | { readonly k: "bool" }
  | { readonly k: "void" }
  | { readonly k: "never" }
  | { readonly k: "null" }
  | { readonly k: "str" }
  | { readonly k: "class"; readonly cls: ClassInst }
  | { readonly k: "iface"; readonly iface: IfaceInst }
  | { readonly k: "array"; readonly elem: OType }
  | { readonly k: "fn"; readonly params: readonly OType[]; readonly ret: OType }
  | { readonly k: "enum"; readonly en: EnumInfo }
  /** `T | null`; with `undef`, `string | undefined` (process.env): absent prints as `undefined`. */
  | { readonly k: "nullable"; readonly inner: OType; readonly undef?: boolean };

/** Type-parameter bindings, keyed by the type parameter's tsc symbol. */
export type TypeEnv = ReadonlyMap<ts.Symbol, OType>;

export const T_BOOL: OType = { k: "bool" };
export const T_VOID: OType = { k: "void" };
export const T_NEVER: OType = { k: "never" };
export const T_NULL: OType = { k: "null" };
export const T_STR: OType = { k: "str" };
export const T_F64: OType = { k: "f64" };
const intCache = new Map<IntKind, OType>();
/** The canonical integer type object of a kind. */
export function tInt(kind: IntKind): OType {
  let t = intCache.get(kind);
  if (!t) { t = { k: "int", kind }; intCache.set(kind, t); }
  return t;
}
export const T_I32 = tInt("i32");
export const T_U32 = tInt("u32");

/** True for types represented by a C pointer that may be null. */
export function isRefType(t: OType): boolean {
  return t.k === "str" || t.k === "class" || t.k === "array" || t.k === "fn" || t.k === "null" || t.k === "iface";
}

/** Strips `| null`. */
export function nonNull(t: OType): OType {
  return t.k === "nullable" ? t.inner : t;
}

/** Structural equality of ostc types. */
export function sameType(a: OType, b: OType): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "int": return a.kind === (b as typeof a).kind;
    case "class": return a.cls === (b as typeof a).cls;
    case "iface": return a.iface === (b as typeof a).iface;
    case "enum": return a.en === (b as typeof a).en;
    case "array": return sameType(a.elem, (b as typeof a).elem);
    case "nullable": return sameType(a.inner, (b as typeof a).inner) && !a.undef === !(b as typeof a).undef;
    case "fn": {
      const f = b as typeof a;
      return a.params.length === f.params.length && sameType(a.ret, f.ret) &&
        a.params.every((p, i) => sameType(p, f.params[i]));
    }
    default: return true;
  }
}

/** Human-readable TypeScript-ish spelling of a type, for diagnostics. */
export function typeName(t: OType): string {
  switch (t.k) {
    case "int": return t.kind;
    case "f64": return "number";
    case "bool": return "boolean";
    case "str": return "string";
    case "class": return t.cls.decl.name?.text ?? "<class>";
    case "iface": return t.iface.decl.name.text;
    case "array": return `${typeName(t.elem)}[]`;
    case "fn": return `(${t.params.map(typeName).join(", ")}) => ${typeName(t.ret)}`;
    case "enum": return t.en.decl.name.text;
    case "nullable": return `${typeName(t.inner)} | ${t.undef ? "undefined" : "null"}`;
    default: return t.k;
  }
}

/** A short mangling of a type for instance names, e.g. `u32`, `arr_u8`. */
export function mangleType(t: OType): string {
  switch (t.k) {
    case "int": return t.kind;
    case "class": return t.cls.cname;
    case "iface": return t.iface.cname;
    case "array": return `arr_${mangleType(t.elem)}`;
    case "nullable": return `opt_${mangleType(t.inner)}`;
    case "enum": return t.en.cname;
    case "fn": return `fn${t.params.length}_${t.params.map(mangleType).join("_")}_r_${mangleType(t.ret)}`;
    default: return t.k;
  }
}

/** Does integer kind `outer` hold every value of `inner`? */
export function intContains(outer: IntKind, inner: IntKind): boolean {
  const o = INT_INFO[outer], i = INT_INFO[inner];
  return o.min <= i.min && o.max >= i.max;
}

/** The kind arithmetic on a and b is computed in: i32, u32 or the internal i53 for numbers; i64/u64 for bigints. */
export function joinInt(a: IntKind, b: IntKind): IntKind {
  const A = INT_INFO[a], B = INT_INFO[b];
  if (A.big || B.big) {
    if (A.signed === B.signed) return A.signed ? "i64" : "u64";
    return "i64";
  }
  if (a === "i53" || b === "i53") return "i53";
  if (!A.signed && !B.signed) return "u32" === a || "u32" === b ? "u32" : "i32";
  if (intContains("i32", a) && intContains("i32", b)) return "i32";
  return "i53";
}

/** Is the kind one of the 64-bit (bigint) kinds? */
export function isBig(kind: IntKind): boolean {
  return INT_INFO[kind].big;
}
