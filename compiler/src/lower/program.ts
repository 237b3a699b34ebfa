/**
 * Whole-program lowering: walks every module of the program, resolves TypeScript types to ostc
 * types, lays out classes, instantiates generics on demand and assembles one C translation
 * unit (whole-program, so gcc inlines across modules without LTO).
 */
import ts from "../typescript.cjs";
import path from "node:path";
import { createHash } from "node:crypto";
import { fail, locationOf, displayPath } from "../diag.js";
import { cIdent, cString, cUnits, cLocalName } from "../cstr.js";
import {
  type ClassInst, type EnumInfo, type FieldInfo, type IfaceInst, type OType, type TypeEnv,
  INT_INFO, INT_TYPE_NAMES, T_BOOL, T_I32, T_NEVER, T_NULL, T_STR, T_VOID, mangleType, tInt, typeName, sameType, isRefType,
} from "../types.js";
import { FunctionLowerer } from "./function.js";
import { EffectAnalysis } from "./effects.js";
import { FieldStorageAnalysis } from "./fields.js";
import { type ProgramSections, bodyText, splitProgram } from "./split.js";
import { BACKTRACE_NAMES_HEADER } from "../symtab.js";

/** Compilation target. */
export type Target = "kernel" | "user" | "host";

/** Options that change the emitted C. */
export interface LowerOptions {
  readonly target: Target;
  readonly checked: boolean;
}

/** A function, method, constructor or accessor instantiated with concrete types. */
export interface FuncInst {
  readonly cname: string;
  readonly decl: ts.FunctionLikeDeclaration;
  readonly env: TypeEnv;
  readonly params: readonly { readonly decl: ts.ParameterDeclaration; readonly cname: string; readonly type: OType }[];
  readonly ret: OType;
  /** The class instance for methods, constructors and accessors; null for free functions. */
  readonly owner: ClassInst | null;
  readonly isStatic: boolean;
  /** Exported under a fixed C name (JSDoc `@linkname`), callable from assembly. */
  readonly linkname: string | null;
}

/** A module-level variable. */
export interface GlobalInfo {
  readonly cname: string;
  readonly type: OType;
  readonly decl: ts.VariableDeclaration;
  /** Compile-time integer value of a `const` with a constant initializer. */
  readonly constValue: bigint | undefined;
  /** For module-level `const x = new C()`: the object lives in static storage. */
  readonly staticObject: boolean;
  /** For module-level `const x = new Array<T>(N).fill(v)` with constant N: fixed storage in .data/.bss. */
  readonly staticArray?: { readonly elem: OType; readonly length: number; readonly align: number };
}

interface ModuleInfo {
  readonly sf: ts.SourceFile;
  readonly prefix: string;
}

/** Reads a JSDoc tag's text (`@linkname kernel_main` → "kernel_main"). */
export function jsDocTag(node: ts.Node, tag: string): string | undefined {
  for (const t of ts.getJSDocTags(node)) {
    if (t.tagName.text === tag) {
      const c = t.comment;
      return (typeof c === "string" ? c : c?.map((p) => p.text).join("") ?? "").trim();
    }
  }
  return undefined;
}

export class ProgramLowerer {
  readonly checker: ts.TypeChecker;
  private readonly modules = new Map<ts.SourceFile, ModuleInfo>();
  private readonly moduleOrder: ts.SourceFile[] = [];
  private readonly classInsts = new Map<string, ClassInst>();
  private readonly classOrder: ClassInst[] = [];
  private readonly ifaceInsts = new Map<string, IfaceInst>();
  private readonly enums = new Map<ts.EnumDeclaration, EnumInfo>();
  private readonly funcInsts = new Map<string, FuncInst>();
  private readonly globals = new Map<ts.VariableDeclaration, GlobalInfo>();
  private readonly worklist: FuncInst[] = [];
  private readonly fnTypedefs = new Map<string, string>();
  private readonly strings = new Map<string, string>();
  private readonly stringNames = new Set<string>();
  /** Method names that are virtual, per class declaration (declared in more than one class of a hierarchy, or abstract). */
  private readonly virtualNames = new Map<ts.ClassDeclaration, Set<string>>();
  private readonly subclasses = new Map<ts.ClassDeclaration, ts.ClassDeclaration[]>();
  private readonly globalsResolving = new Set<ts.VariableDeclaration>();
  private readonly root: string;

  // Output sections, assembled in this order.
  private readonly outTypedefs: string[] = [];
  private readonly outStructs: string[] = [];
  private readonly outProtos: string[] = [];
  private readonly outStrings: string[] = [];
  private readonly outGlobals: string[] = [];
  private readonly outVtables: string[] = [];
  private readonly outBodies: string[] = [];
  /** The module each of outBodies belongs to (where a split build puts it). */
  private readonly bodyFiles: ts.SourceFile[] = [];
  /** A `#line` for the definition itself, so that the function's first instructions are its own. */
  private readonly bodyLines: (string | undefined)[] = [];
  private readonly outInits: string[] = [];
  private tmpCounter = 0;

  /**
   * The program's modules: the entry and everything it imports, directly or not. The tsc program
   * may hold other entries too (the userland is checked as one program): their files are not part
   * of this one.
   */
  readonly files: readonly ts.SourceFile[];

  /**
   * The entry modules. One is a program; several are a program set (lowerSet): programs that
   * share their library modules' C, each with its own top-level code.
   */
  readonly entries: readonly ts.SourceFile[];
  /** The first entry module. */
  readonly entry: ts.SourceFile;

  constructor(readonly program: ts.Program, entries: ts.SourceFile | readonly ts.SourceFile[], readonly options: LowerOptions) {
    this.checker = program.getTypeChecker();
    this.entries = Array.isArray(entries) ? entries : [entries as ts.SourceFile];
    this.entry = this.entries[0]!;
    const reached = new Set<ts.SourceFile>();
    const reach = (sf: ts.SourceFile): void => {
      if (reached.has(sf) || sf.isDeclarationFile) return;
      reached.add(sf);
      for (const m of this.importedModules(sf)) reach(m);
    };
    for (const e of this.entries) reach(e);
    this.files = [...reached];
    this.root = commonDir(this.files.map((f) => path.dirname(f.fileName)));
    for (const e of this.entries) for (const sf of this.initOrder(e)) if (!this.modules.has(sf)) this.addModule(sf);
    this.collectHierarchy(this.files);
  }

  /**
   * The modules whose top-level code an entry runs, in the order it runs it: each module after
   * the modules it imports. moduleOrder is the entries' orders one after the other, each module
   * at its first place.
   */
  private initOrder(entry: ts.SourceFile): ts.SourceFile[] {
    const order: ts.SourceFile[] = [];
    const seen = new Set<ts.SourceFile>();
    const visit = (sf: ts.SourceFile): void => {
      if (seen.has(sf) || sf.isDeclarationFile) return;
      seen.add(sf);
      for (const m of this.importedModules(sf)) visit(m);
      order.push(sf);
    };
    visit(entry);
    return order;
  }

  /** The source files that a module's import and export declarations name. */
  private importedModules(sf: ts.SourceFile): ts.SourceFile[] {
    const out: ts.SourceFile[] = [];
    for (const st of sf.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const target = this.checker.getSymbolAtLocation(st.moduleSpecifier)?.valueDeclaration;
        if (target && ts.isSourceFile(target)) out.push(target);
      }
    }
    return out;
  }

  /** A fresh C identifier for compiler temporaries. */
  tmp(hint = "t"): string {
    return `ostc_${hint}${this.tmpCounter++}`;
  }

  /** Module-unique C prefix of a source file, derived from its path. */
  modulePrefix(sf: ts.SourceFile): string {
    const m = this.modules.get(sf);
    if (!m) fail(undefined, `internal: module ${sf.fileName} not collected`);
    return m.prefix;
  }

  /** Gives a module its C prefix and appends it to moduleOrder. */
  private addModule(sf: ts.SourceFile): void {
    let rel = path.relative(this.root, sf.fileName).replace(/\.ts$/, "");
    if (path.basename(rel) === "index") rel = path.dirname(rel) === "." ? "index" : path.dirname(rel);
    let prefix = cIdent(rel.replace(/^(\.\.\/)+/, "up_"));
    while ([...this.modules.values()].some((m) => m.prefix === prefix)) prefix += "_";
    this.modules.set(sf, { sf, prefix });
    this.moduleOrder.push(sf);
  }

  private collectHierarchy(files: readonly ts.SourceFile[]): void {
    const classes: ts.ClassDeclaration[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isClassDeclaration(n)) classes.push(n);
      if (ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isModuleDeclaration(n)) ts.forEachChild(n, visit);
    };
    for (const f of files) visit(f);
    for (const c of classes) {
      const base = this.baseClassDecl(c);
      if (base) {
        const list = this.subclasses.get(base) ?? [];
        list.push(c);
        this.subclasses.set(base, list);
      }
    }
    for (const c of classes) {
      if (this.baseClassDecl(c)) continue;
      // c is a root: count declarations of each method name across the hierarchy.
      const counts = new Map<string, number>();
      const abstract = new Set<string>();
      const members: ts.ClassDeclaration[] = [];
      const walk = (k: ts.ClassDeclaration): void => {
        members.push(k);
        for (const m of k.members) {
          if ((ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) && !isStatic(m) && m.name && ts.isIdentifier(m.name)) {
            const key = (ts.isGetAccessor(m) ? "get " : ts.isSetAccessor(m) ? "set " : "") + m.name.text;
            counts.set(key, (counts.get(key) ?? 0) + 1);
            if (hasModifier(m, ts.SyntaxKind.AbstractKeyword)) abstract.add(key);
          }
        }
        for (const s of this.subclasses.get(k) ?? []) walk(s);
      };
      walk(c);
      const virt = new Set<string>();
      for (const [name, n] of counts) if (n > 1 || abstract.has(name)) virt.add(name);
      for (const k of members) this.virtualNames.set(k, virt);
    }
  }

  /** The declaration of a class's base class, if it extends one. */
  baseClassDecl(c: ts.ClassDeclaration): ts.ClassDeclaration | undefined {
    const ext = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!ext) return undefined;
    const sym = this.resolveSymbol(this.checker.getSymbolAtLocation(ext.expression));
    const d = sym?.declarations?.find(ts.isClassDeclaration);
    if (!d) fail(ext, "a class can only extend another class declared in TypeScript");
    return d;
  }

  /** Follows import aliases to the original symbol. */
  resolveSymbol(sym: ts.Symbol | undefined): ts.Symbol | undefined {
    if (sym && sym.flags & ts.SymbolFlags.Alias) return this.checker.getAliasedSymbol(sym);
    return sym;
  }

  private readonly symbols = new Map<ts.Node, ts.Symbol | undefined>();
  /**
   * The symbol a name refers to, imports resolved. Kept per node: tsc resolves a name again on
   * every getSymbolAtLocation, and the lowering asks for most names more than once (probes,
   * effect analysis, generic instances).
   */
  symbolAt(n: ts.Node): ts.Symbol | undefined {
    if (this.symbols.has(n)) return this.symbols.get(n);
    const sym = this.resolveSymbol(this.checker.getSymbolAtLocation(n));
    this.symbols.set(n, sym);
    return sym;
  }

  /** Every class of c's hierarchy: its root and all classes that derive from the root. */
  hierarchyOf(c: ts.ClassDeclaration): ts.ClassDeclaration[] {
    let root = c;
    for (let b = this.baseClassDecl(root); b; b = this.baseClassDecl(root)) root = b;
    const out: ts.ClassDeclaration[] = [];
    const walk = (k: ts.ClassDeclaration): void => { out.push(k); for (const s of this.subclasses.get(k) ?? []) walk(s); };
    walk(root);
    return out;
  }

  private fieldStorageAnalysis: FieldStorageAnalysis | undefined;
  /** Which array fields keep their header, or their elements, inside the object (fields.ts). */
  get fieldStorage(): FieldStorageAnalysis {
    return this.fieldStorageAnalysis ??= new FieldStorageAnalysis(this);
  }

  private effectAnalysis: EffectAnalysis | undefined;
  /** The whole-program effect analysis (what code may change; used to hoist array headers out of loops). */
  get effects(): EffectAnalysis {
    return this.effectAnalysis ??= new EffectAnalysis(this);
  }

  /** Is `name` a virtual method (or accessor, spelled "get x"/"set x") in c's hierarchy? */
  isVirtual(c: ts.ClassDeclaration, name: string): boolean {
    return this.virtualNames.get(c)?.has(name) ?? false;
  }

  // ------------------------------------------------------------------ types

  /** Resolves a type annotation to an ostc type. */
  typeFromNode(node: ts.TypeNode, env: TypeEnv): OType {
    switch (node.kind) {
      case ts.SyntaxKind.BooleanKeyword: return T_BOOL;
      case ts.SyntaxKind.VoidKeyword: return T_VOID;
      case ts.SyntaxKind.StringKeyword: return T_STR;
      case ts.SyntaxKind.NeverKeyword: return T_NEVER;
      case ts.SyntaxKind.NumberKeyword:
        return fail(node, "`number` has no fixed width", "write an integer type: i8, u8, i16, u16, i32, u32, usize or isize");
      case ts.SyntaxKind.BigIntKeyword:
        return fail(node, "`bigint` has no fixed width", "write i64 or u64");
      case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword:
        return fail(node, `\`${node.getText()}\` is not supported: ostc needs a concrete type`);
      case ts.SyntaxKind.UndefinedKeyword:
        return fail(node, "`undefined` is not a value in ostc", "use `null` for an absent reference");
      case ts.SyntaxKind.ThisType:
        return fail(node, "the polymorphic `this` type is not supported", "write the class name instead");
    }
    if (ts.isParenthesizedTypeNode(node)) return this.typeFromNode(node.type, env);
    if (ts.isArrayTypeNode(node)) return { k: "array", elem: this.typeFromNode(node.elementType, env) };
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return this.typeFromNode(node.type, env);
    if (ts.isLiteralTypeNode(node)) {
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) return T_NULL;
      if (ts.isStringLiteral(node.literal)) return T_STR;
      if (node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword) return T_BOOL;
      return fail(node, "numeric literal types are not supported", "use an integer type");
    }
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      const hasNull = parts.length !== node.types.length;
      if (parts.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) return hasNull ? { k: "nullable", inner: T_STR } : T_STR;
      if (parts.length !== 1) return fail(node, "union types other than `T | null` are not supported");
      const inner = this.typeFromNode(parts[0], env);
      if (!hasNull) return inner;
      if (!isRefType(inner)) return fail(node, `\`${typeName(inner)} | null\`: only references (classes, strings, arrays, functions) can be null`);
      return { k: "nullable", inner };
    }
    if (ts.isFunctionTypeNode(node)) {
      return {
        k: "fn",
        params: node.parameters.map((p) => p.type ? this.typeFromNode(p.type, env) : fail(p, "parameter needs a type")),
        ret: this.typeFromNode(node.type, env),
      };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
      const sym = this.resolveSymbol(this.checker.getSymbolAtLocation(node.typeName));
      if (sym && sym.flags & ts.SymbolFlags.TypeParameter) {
        const bound = env.get(sym);
        if (!bound) return fail(node, `type parameter ${name} is not bound here`);
        return bound;
      }
      const decl = sym?.declarations?.[0];
      const fromPrelude = !decl || decl.getSourceFile().isDeclarationFile;
      if (fromPrelude) {
        if (name in INT_TYPE_NAMES) return tInt(INT_TYPE_NAMES[name]);
        if (name === "Fmt") return T_STR;
        if (name === "Array" || name === "ReadonlyArray") {
          const a = node.typeArguments?.[0];
          if (!a) return fail(node, "Array needs an element type");
          return { k: "array", elem: this.typeFromNode(a, env) };
        }
        return fail(node, `type ${name} is not supported by ostc`);
      }
      const args = (node.typeArguments ?? []).map((a) => this.typeFromNode(a, env));
      if (ts.isClassDeclaration(decl)) return { k: "class", cls: this.classInst(decl, args) };
      if (ts.isInterfaceDeclaration(decl)) return { k: "iface", iface: this.ifaceInst(decl, args) };
      if (ts.isEnumDeclaration(decl)) return { k: "enum", en: this.enumInfo(decl) };
      if (ts.isTypeAliasDeclaration(decl)) {
        const aliasEnv = new Map(env);
        decl.typeParameters?.forEach((tp, i) => {
          const s = this.checker.getSymbolAtLocation(tp.name);
          if (s) aliasEnv.set(s, args[i] ?? fail(node, `type alias ${name} needs ${decl.typeParameters!.length} type arguments`));
        });
        return this.typeFromNode(decl.type, aliasEnv);
      }
      if (ts.isEnumMember(decl)) return { k: "enum", en: this.enumInfo(decl.parent) };
      return fail(node, `type ${name} is not supported by ostc`);
    }
    return fail(node, `this type form is not supported by ostc: ${node.getText()}`);
  }

  /** The C spelling of a type in declarations. */
  ctype(t: OType): string {
    switch (t.k) {
      case "int": return INT_INFO[t.kind].c;
      case "bool": return "bool";
      case "void": case "never": return "void";
      case "str": return "ostc_str";
      case "class": return `struct ${t.cls.cname} *`;
      case "iface": return `struct ${t.iface.cname}`;
      case "array": return "ostc_array *";
      case "enum": return "int32_t";
      case "nullable": return this.ctype(t.inner);
      case "null": return "void *";
      case "f64": return "double";
      case "fn": return this.fnTypedef(t);
    }
  }

  /** A typedef name for a function-pointer type. */
  fnTypedef(t: Extract<OType, { k: "fn" }>): string {
    const key = mangleType(t);
    let name = this.fnTypedefs.get(key);
    if (!name) {
      name = `ostc_fn_${this.fnTypedefs.size}`;
      this.fnTypedefs.set(key, name);
      const ps = t.params.length ? t.params.map((p) => this.ctype(p)).join(", ") : "void";
      this.outTypedefs.push(`typedef ${this.ctype(t.ret)} (*${name})(${ps});`);
    }
    return name;
  }

  /** Declares `name` with type t (handles the pointer spacing). */
  cdecl(t: OType, name: string): string {
    const ct = this.ctype(t);
    return ct.endsWith("*") ? `${ct}${name}` : `${ct} ${name}`;
  }

  // ------------------------------------------------------------------ classes

  /** The monomorphised instance of a class for the given type arguments. */
  classInst(decl: ts.ClassDeclaration, typeArgs: readonly OType[]): ClassInst {
    const tps = decl.typeParameters ?? [];
    if (tps.length !== typeArgs.length) fail(decl.name ?? decl, `class ${decl.name?.text} needs ${tps.length} type argument(s), got ${typeArgs.length}`, "write the type arguments explicitly, e.g. new Stack<u32>()");
    const key = `${this.declKey(decl)}<${typeArgs.map(mangleType).join(",")}>`;
    const existing = this.classInsts.get(key);
    if (existing) return existing;
    if (!decl.name) fail(decl, "classes need a name");
    const env = new Map<ts.Symbol, OType>();
    tps.forEach((tp, i) => env.set(this.checker.getSymbolAtLocation(tp.name)!, typeArgs[i]));
    let cname = `${this.modulePrefix(decl.getSourceFile())}__${decl.name.text}`;
    if (typeArgs.length) cname += `__${typeArgs.map((t) => cIdent(mangleType(t))).join("__")}`;
    const ext = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    let base: ClassInst | null = null;
    if (ext) {
      const baseDecl = this.baseClassDecl(decl)!;
      base = this.classInst(baseDecl, (ext.typeArguments ?? []).map((a) => this.typeFromNode(a, env)));
    }
    const inst: ClassInst = {
      decl, typeArgs, cname, base, env, fields: [], hasVtable: false, vslots: [], laidOut: false,
      packed: jsDocTag(decl, "packed") !== undefined,
    };
    this.classInsts.set(key, inst);
    this.classOrder.push(inst);
    this.layoutClass(inst);
    return inst;
  }

  private declKey(d: ts.Node): string {
    return `${d.getSourceFile().fileName}:${d.pos}`;
  }

  private layoutClass(c: ClassInst): void {
    const own: FieldInfo[] = [];
    const ctor = c.decl.members.find(ts.isConstructorDeclaration);
    const fieldType = (decl: ts.PropertyDeclaration | ts.ParameterDeclaration): OType => {
      if (decl.type) return this.typeFromNode(decl.type, c.env);
      if (decl.initializer) return new FunctionLowerer(this, null, c.env, c).typeOfInitializer(decl.initializer);
      return fail(decl, "field needs a type annotation or an initializer");
    };
    const storage = (m: ts.PropertyDeclaration | ts.ParameterDeclaration, type: OType) =>
      type.k === "array" ? this.fieldStorage.storageOf(c.decl, m, ctor, new FunctionLowerer(this, null, c.env, c), this.fieldSizeAlign(type.elem)[0]) : {};
    for (const p of ctor?.parameters ?? []) {
      if (ts.isParameterPropertyDeclaration(p, ctor!) && ts.isIdentifier(p.name)) {
        const type = fieldType(p);
        own.push({ name: p.name.text, cname: cLocalName(p.name.text), type, decl: p, owner: c, ...storage(p, type) });
      }
    }
    for (const m of c.decl.members) {
      if (ts.isPropertyDeclaration(m) && !isStatic(m)) {
        if (!ts.isIdentifier(m.name)) fail(m.name, "only plain identifiers can name fields");
        const type = fieldType(m);
        own.push({ name: m.name.text, cname: cLocalName(m.name.text), type, decl: m, owner: c, ...storage(m, type) });
      }
    }
    c.fields = [...(c.base?.fields ?? []), ...own];
    const root = rootOf(c);
    const virt = this.virtualNames.get(c.decl) ?? new Set();
    c.hasVtable = virt.size > 0;
    if (c.hasVtable) {
      // One vtable layout per hierarchy root: every virtual name gets a slot, in a fixed order.
      c.vslots = [...virt].sort().map((name) => ({ name, introducedBy: root }));
    }
    const lines: string[] = [];
    if (c.hasVtable) lines.push(`  const struct ${root.cname}__vt *ostc_vt;`);
    for (const f of c.fields) {
      if (f.fixed) lines.push(`  ${this.cdecl((f.type as { elem: OType }).elem, `${f.cname}[${f.fixed.length}]`)};`);
      else lines.push(f.embedded ? `  ostc_array ${f.cname};` : `  ${this.cdecl(f.type, f.cname)};`);
    }
    if (!lines.length) lines.push("  char ostc_empty;");
    this.outTypedefs.push(`struct ${c.cname};`);
    this.outStructs.push(`struct ${c.cname} {\n${lines.join("\n")}\n}${c.packed ? " __attribute__((packed))" : ""};`);
    const size = jsDocTag(c.decl, "size");
    if (size !== undefined) {
      const expected = Number(size);
      const actual = this.structSize(c);
      if (actual !== expected) fail(c.decl.name ?? c.decl, `class ${c.decl.name?.text} is ${actual} bytes, but @size says ${size}`, c.packed ? undefined : "mark hardware layouts @packed");
      this.outStructs.push(`_Static_assert(sizeof(struct ${c.cname}) == ${expected}, ${cString(`size of ${c.decl.name?.text}`)});`);
    }
    for (const f of own) {
      const off = jsDocTag(f.decl, "offset");
      if (off !== undefined) {
        const actual = this.fieldOffset(c, f.name);
        if (actual !== Number(off)) fail(f.decl, `field ${f.name} is at offset ${actual}, but @offset says ${off}`);
        this.outStructs.push(`_Static_assert(offsetof(struct ${c.cname}, ${f.cname}) == ${Number(off)}, ${cString(`offset of ${f.name}`)});`);
      }
    }
    c.laidOut = true;
    if (c.hasVtable && c === root) this.emitVtableStruct(c);
  }

  /** Size and alignment of a value of type t in a struct field. */
  private fieldSizeAlign(t: OType): [number, number] {
    if (t.k === "int") { const b = INT_INFO[t.kind].bits / 8; return [b, Math.min(b, 4)]; }
    if (t.k === "bool") return [1, 1];
    if (t.k === "iface") return [8, 4];
    if (t.k === "f64") return [8, 4];
    return [4, 4];
  }

  /** Size and alignment of a field's storage in its struct. */
  private fieldSlot(f: FieldInfo): [number, number] {
    if (f.fixed) {
      const [s, a] = this.fieldSizeAlign((f.type as { elem: OType }).elem);
      return [s * f.fixed.length, a];
    }
    return f.embedded ? [16, 4] : this.fieldSizeAlign(f.type);
  }

  /** The struct's size in bytes, computed as gcc lays it out on i386. */
  structSize(c: ClassInst): number {
    let off = c.hasVtable ? 4 : 0, align = c.hasVtable ? 4 : 1;
    for (const f of c.fields) {
      const [s, a] = this.fieldSlot(f);
      const al = c.packed ? 1 : a;
      off = Math.ceil(off / al) * al + s;
      align = Math.max(align, al);
    }
    if (off === 0) return 1;
    return Math.ceil(off / align) * align;
  }

  private fieldOffset(c: ClassInst, name: string): number {
    let off = c.hasVtable ? 4 : 0;
    for (const f of c.fields) {
      const [s, a] = this.fieldSlot(f);
      const al = c.packed ? 1 : a;
      off = Math.ceil(off / al) * al;
      if (f.name === name) return off;
      off += s;
    }
    return -1;
  }

  private emitVtableStruct(root: ClassInst): void {
    const lines = root.vslots.map((s) => `  void (*${cLocalName(s.name.replace(" ", "_"))})(void);`);
    this.outStructs.unshift(`struct ${root.cname}__vt {\n${lines.join("\n")}\n};`);
    this.outTypedefs.push(`struct ${root.cname}__vt;`);
  }

  /** Finds the member declaration named `name` (method/accessor) visible from class instance c, searching bases. */
  findMethod(c: ClassInst, name: string, kind: "method" | "get" | "set"): { owner: ClassInst; decl: ts.FunctionLikeDeclaration } | undefined {
    for (let k: ClassInst | null = c; k; k = k.base) {
      for (const m of k.decl.members) {
        if (!m.name || !ts.isIdentifier(m.name) || m.name.text !== name || isStatic(m)) continue;
        if (kind === "method" && ts.isMethodDeclaration(m)) return { owner: k, decl: m };
        if (kind === "get" && ts.isGetAccessor(m)) return { owner: k, decl: m };
        if (kind === "set" && ts.isSetAccessor(m)) return { owner: k, decl: m };
      }
    }
    return undefined;
  }

  /** Emits the vtable of a concrete class instance (once) and returns its C name. */
  vtableOf(c: ClassInst): string {
    const name = `${c.cname}__vtable`;
    if (this.vtablesEmitted.has(name)) return name;
    this.vtablesEmitted.add(name);
    const root = rootOf(c);
    const entries = root.vslots.map((s) => {
      const [kind, mname] = s.name.startsWith("get ") ? ["get", s.name.slice(4)] as const : s.name.startsWith("set ") ? ["set", s.name.slice(4)] as const : ["method", s.name] as const;
      const found = this.findMethod(c, mname, kind);
      if (!found || !found.decl.body) return `  .${cLocalName(s.name.replace(" ", "_"))} = 0`;
      const fi = this.methodInst(found.owner, found.decl, []);
      return `  .${cLocalName(s.name.replace(" ", "_"))} = (void (*)(void))${fi.cname}`;
    });
    this.outVtables.push(`static const struct ${root.cname}__vt ${name} = {\n${entries.join(",\n")}\n};`);
    return name;
  }
  private readonly vtablesEmitted = new Set<string>();

  // ------------------------------------------------------------------ interfaces

  /** The monomorphised instance of an interface: a fat pointer struct and a method-table struct. */
  ifaceInst(decl: ts.InterfaceDeclaration, typeArgs: readonly OType[]): IfaceInst {
    const key = `${this.declKey(decl)}<${typeArgs.map(mangleType).join(",")}>`;
    const existing = this.ifaceInsts.get(key);
    if (existing) return existing;
    const env = new Map<ts.Symbol, OType>();
    (decl.typeParameters ?? []).forEach((tp, i) => env.set(this.checker.getSymbolAtLocation(tp.name)!, typeArgs[i] ?? fail(decl, "missing type argument")));
    let cname = `${this.modulePrefix(decl.getSourceFile())}__${decl.name.text}`;
    if (typeArgs.length) cname += `__${typeArgs.map((t) => cIdent(mangleType(t))).join("__")}`;
    const inst: IfaceInst = { decl, typeArgs, cname, env, methods: null };
    this.ifaceInsts.set(key, inst);
    const methods: { name: string; sig: ts.MethodSignature }[] = [];
    for (const m of decl.members) {
      if (ts.isMethodSignature(m) && ts.isIdentifier(m.name)) methods.push({ name: m.name.text, sig: m });
      else fail(m, "interfaces used as values may only declare methods", "use a class for data, or an abstract class");
    }
    inst.methods = methods;
    this.outTypedefs.push(`struct ${cname}__itab;`, `struct ${cname} { void *obj; const struct ${cname}__itab *itab; };`);
    const slots = methods.map((m) => {
      const ps = ["void *", ...m.sig.parameters.map((p) => this.ctype(this.typeFromNode(p.type ?? fail(p, "parameter needs a type"), env)))];
      const ret = this.ctype(m.sig.type ? this.typeFromNode(m.sig.type, env) : T_VOID);
      return `  ${ret} (*${cLocalName(m.name)})(${ps.join(", ")});`;
    });
    this.outStructs.unshift(`struct ${cname}__itab {\n${slots.join("\n") || "  char ostc_empty;"}\n};`);
    return inst;
  }

  /** The method table that lets class instance c be used as interface i. */
  itabOf(c: ClassInst, i: IfaceInst, at: ts.Node): string {
    const name = `${c.cname}__as__${i.cname}`;
    if (this.vtablesEmitted.has(name)) return name;
    this.vtablesEmitted.add(name);
    const entries = i.methods!.map((m) => {
      const found = this.findMethod(c, m.name, "method");
      if (!found) fail(at, `class ${c.decl.name?.text} has no method ${m.name} required by ${i.decl.name.text}`);
      const fi = this.methodInst(found.owner, found.decl, []);
      const slotRet = this.ctype(m.sig.type ? this.typeFromNode(m.sig.type, i.env) : T_VOID);
      const slotPs = ["void *", ...m.sig.parameters.map((p) => this.ctype(this.typeFromNode(p.type!, i.env)))].join(", ");
      const virtual = this.isVirtual(c.decl, m.name);
      if (virtual) {
        // Dispatch through the object's own vtable so subclasses are honoured.
        const thunk = `${name}__${cLocalName(m.name)}`;
        const args = m.sig.parameters.map((_, j) => `a${j}`);
        const params = ["void *self", ...m.sig.parameters.map((p, j) => `${this.ctype(this.typeFromNode(p.type!, i.env))} a${j}`)].join(", ");
        this.outProtos.push(`static ${slotRet} ${thunk}(${params});`);
        this.pushBody(`static ${slotRet} ${thunk}(${params}) {\n  return ((${slotRet} (*)(${slotPs}))((struct ${c.cname} *)self)->ostc_vt->${cLocalName(m.name)})(${["self", ...args].join(", ")});\n}`, c.decl.getSourceFile());
        return `  .${cLocalName(m.name)} = ${thunk}`;
      }
      return `  .${cLocalName(m.name)} = (${slotRet} (*)(${slotPs}))${fi.cname}`;
    });
    this.outVtables.push(`static const struct ${i.cname}__itab ${name} = {\n${entries.join(",\n") || "  0"}\n};`);
    return name;
  }

  // ------------------------------------------------------------------ enums

  /** Numeric enum members and their values. */
  enumInfo(decl: ts.EnumDeclaration): EnumInfo {
    let info = this.enums.get(decl);
    if (info) return info;
    const members = new Map<string, bigint>();
    let next = 0n;
    for (const m of decl.members) {
      const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
      let v = next;
      if (m.initializer) {
        const c = this.checker.getConstantValue(m);
        if (typeof c !== "number" || !Number.isInteger(c)) fail(m, "enum members must be integer constants");
        v = BigInt(c);
      }
      members.set(name, v);
      next = v + 1n;
    }
    info = { decl, cname: `${this.modulePrefix(decl.getSourceFile())}__${decl.name.text}`, members };
    this.enums.set(decl, info);
    if (!hasModifier(decl, ts.SyntaxKind.ConstKeyword)) this.emitEnumNames(info);
    return info;
  }

  private emitEnumNames(info: EnumInfo): void {
    const cases = [...info.members].map(([name, v]) => {
      const lit = this.stringLiteral(name, info.decl);
      return `    case ${v}: return (ostc_str)&${lit};`;
    });
    this.outProtos.push(`static ostc_str ${info.cname}__name(int32_t v, const char *loc);`);
    // The reverse mapping's code belongs to the enum's declaration (#line: backtraces, gdb).
    const sf = info.decl.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(info.decl.getStart(sf)).line + 1;
    const at = `#line ${line} ${cString(sf.fileName)}`;
    this.pushBody(`static ostc_str ${info.cname}__name(int32_t v, const char *loc) {\n${at}\n  switch (v) {\n${cases.join("\n")}\n  }\n${at}\n  ostc_trap("no enum member has this value (undefined in JavaScript)", loc);\n}`, sf);
  }

  // ------------------------------------------------------------------ strings

  /**
   * A static string object for a literal (at: where it is written); returns the C variable name.
   * Text with a code unit above U+00FF gets the two-byte form (OSTC_STR_LIT16), except in the
   * kernel, whose strings are bytes (serial, VGA, file names) and stay one-byte.
   */
  stringLiteral(text: string, at?: ts.Node): string {
    let name = this.strings.get(text);
    if (name) return name;
    const wide = /[^\x00-\xff]/.test(text);
    if (wide && !this.isProgram) {
      fail(at ?? this.entry, "kernel strings are one byte per character: this text has characters beyond U+00FF", "write the bytes of the encoding you need with \\xNN escapes, or build the text in a program");
    }
    // Named by content, not by order, so that a new literal leaves every other name as it was
    // (a split build then recompiles only the part that uses it).
    const hash = createHash("sha256").update(text, wide ? "utf16le" : "latin1").digest("hex");
    name = `ostc_lit_${hash.slice(0, 12)}`;
    for (let k = 2; this.stringNames.has(name); k++) name = `ostc_lit_${hash.slice(0, 12)}_${k}`;
    this.stringNames.add(name);
    this.strings.set(text, name);
    this.outStrings.push(wide ? `OSTC_STR_LIT16(${name}, ${text.length}, ${cUnits(text)});` : `OSTC_STR_LIT(${name}, ${text.length}, ${cString(text)});`);
    return name;
  }

  // ------------------------------------------------------------------ functions

  /** The instance of a free function for the given type arguments. */
  functionInst(decl: ts.FunctionDeclaration, typeArgs: readonly OType[]): FuncInst {
    if (!decl.name) fail(decl, "functions need a name");
    const base = `${this.modulePrefix(decl.getSourceFile())}__${decl.name.text}`;
    return this.instantiate(decl, null, typeArgs, base, false);
  }

  /** The instance of a method, accessor or constructor of class instance `owner`. */
  methodInst(owner: ClassInst, decl: ts.FunctionLikeDeclaration, typeArgs: readonly OType[]): FuncInst {
    let suffix: string;
    if (ts.isConstructorDeclaration(decl)) suffix = "ostc_init";
    else {
      const n = (decl.name as ts.Identifier).text;
      suffix = ts.isGetAccessor(decl) ? `get_${n}` : ts.isSetAccessor(decl) ? `set_${n}` : n;
    }
    return this.instantiate(decl, owner, typeArgs, `${owner.cname}__${cIdent(suffix)}`, isStatic(decl));
  }

  private instantiate(decl: ts.FunctionLikeDeclaration, owner: ClassInst | null, typeArgs: readonly OType[], base: string, isStaticFn: boolean): FuncInst {
    const tps = decl.typeParameters ?? [];
    if (tps.length !== typeArgs.length) fail(decl, `internal: ${tps.length} type parameters, ${typeArgs.length} arguments`);
    const cname = typeArgs.length ? `${base}__${typeArgs.map((t) => cIdent(mangleType(t))).join("__")}` : base;
    const existing = this.funcInsts.get(cname);
    if (existing) return existing;
    const env = new Map<ts.Symbol, OType>(owner?.env ?? []);
    tps.forEach((tp, i) => env.set(this.checker.getSymbolAtLocation(tp.name)!, typeArgs[i]));
    const params = decl.parameters.map((p) => {
      if (!ts.isIdentifier(p.name)) fail(p, "destructuring parameters are not supported");
      if (p.dotDotDotToken) fail(p, "rest parameters are not supported", "pass an array");
      if (!p.type) fail(p, `parameter ${p.name.text} needs a type annotation`);
      return { decl: p, cname: cLocalName(p.name.text), type: this.typeFromNode(p.type, env) };
    });
    let ret: OType;
    if (ts.isConstructorDeclaration(decl) || ts.isSetAccessor(decl)) ret = T_VOID;
    else if (decl.type) ret = this.typeFromNode(decl.type, env);
    else ret = this.inferReturnType(decl, env, owner);
    const linkname = jsDocTag(decl, "linkname") ?? null;
    const inst: FuncInst = { cname: linkname ?? cname, decl, env, params, ret, owner, isStatic: isStaticFn, linkname };
    this.funcInsts.set(cname, inst);
    this.displayNames.set(inst.cname, this.displayName(decl, owner, typeArgs));
    this.outProtos.push(this.prototype(inst) + ";");
    if (decl.body) this.worklist.push(inst);
    else if (!linkname && !hasModifier(decl, ts.SyntaxKind.AbstractKeyword) && !hasModifier(decl, ts.SyntaxKind.DeclareKeyword)) {
      fail(decl, "function has no body");
    }
    return inst;
  }

  private inferReturnType(decl: ts.FunctionLikeDeclaration, env: TypeEnv, owner: ClassInst | null): OType {
    const sig = this.checker.getSignatureFromDeclaration(decl);
    const rt = sig && this.checker.getReturnTypeOfSignature(sig);
    if (rt && rt.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return T_VOID;
    if (rt && rt.flags & ts.TypeFlags.BooleanLike) return T_BOOL;
    if (rt && rt.flags & ts.TypeFlags.StringLike) return T_STR;
    if (rt && rt.flags & ts.TypeFlags.Never) return T_NEVER;
    // Integers and objects: infer from the first return statement ostc can type.
    const probe = new FunctionLowerer(this, null, env, owner);
    const t = probe.inferReturn(decl);
    if (t) return t;
    return fail(decl.name ?? decl, "cannot infer the return type", "annotate it, e.g. `): u32`");
  }

  private readonly callSites = new Map<FuncInst, Set<ts.Node>>();
  /** Records a direct call of f at a call expression (for inlineHint). */
  noteCallSite(f: FuncInst, at: ts.Node): void {
    let sites = this.callSites.get(f);
    if (!sites) this.callSites.set(f, sites = new Set());
    sites.add(at);
  }

  /**
   * Should the definition say `inline`? For small loop-free bodies called from at most two
   * places: ostc's C for a method is larger than a C programmer's (array headers, exact
   * arithmetic), which puts list helpers such as kernel/mm/buddy.ts's pushFree over gcc's -O2
   * limit for functions not declared inline, where the hand-written equivalent stays under it.
   * Two call sites bound the code growth.
   */
  private inlineHint(f: FuncInst): boolean {
    const sites = this.callSites.get(f) ?? new Set<ts.Node>();
    if (f.linkname || sites.size > 2) return false;
    const recursive = [...sites].some((n) => ts.findAncestor(n, (a) => a === f.decl) !== undefined);
    return !recursive && isSmallLeafBody(f.decl);
  }

  private readonly displayNames = new Map<string, string>([["ostc_program_init", "<top level>"]]);
  /** How a backtrace names a function: `f`, `f<u32>`, `Zone.alloc`, `Zone.get size`, `new Zone`. */
  private displayName(decl: ts.FunctionLikeDeclaration, owner: ClassInst | null, typeArgs: readonly OType[]): string {
    const targs = typeArgs.length ? `<${typeArgs.map(typeName).join(", ")}>` : "";
    if (!owner) return `${(decl.name as ts.Identifier | undefined)?.text ?? "function"}${targs}`;
    const cls = `${owner.decl.name?.text ?? "class"}${owner.typeArgs.length ? `<${owner.typeArgs.map(typeName).join(", ")}>` : ""}`;
    if (ts.isConstructorDeclaration(decl)) return `new ${cls}`;
    const name = (decl.name as ts.Identifier).text;
    const kind = ts.isGetAccessor(decl) ? "get " : ts.isSetAccessor(decl) ? "set " : "";
    return `${cls}.${kind}${name}${targs}`;
  }

  /** The C prototype of a function instance. */
  prototype(f: FuncInst): string {
    const ps: string[] = [];
    if (f.owner && !f.isStatic) ps.push(`struct ${f.owner.cname} *self`);
    for (const p of f.params) ps.push(this.cdecl(p.type, p.cname));
    const storage = f.linkname ? "" : "static ";
    const noret = f.ret.k === "never" ? "OSTC_NORETURN " : "";
    return `${storage}${noret}${this.cdecl(f.ret, "")}${f.cname}(${ps.length ? ps.join(", ") : "void"})`.replace(/ \(/, "(").replace(/\s+(\w+)\(/, " $1(");
  }

  // ------------------------------------------------------------------ globals

  /** The module-level variable for a declaration. */
  globalInfo(decl: ts.VariableDeclaration): GlobalInfo {
    const g = this.globals.get(decl);
    if (g) return g;
    if (this.globalsResolving.has(decl)) fail(decl, "module variable refers to itself in its own type");
    this.globalsResolving.add(decl);
    const sf = decl.getSourceFile();
    if (!ts.isIdentifier(decl.name)) fail(decl.name, "destructuring declarations are not supported");
    const isConst = (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    const probe = new FunctionLowerer(this, null, new Map(), null);
    let type: OType;
    if (decl.type) type = this.typeFromNode(decl.type, new Map());
    else if (decl.initializer) type = probe.typeOfInitializer(decl.initializer);
    else fail(decl, "module variable needs a type or an initializer");
    const constValue = isConst && decl.initializer && type.k === "int" ? probe.constValue(decl.initializer) : undefined;
    if (constValue !== undefined && type.k === "int" && (constValue < INT_INFO[type.kind].min || constValue > INT_INFO[type.kind].max)) {
      fail(decl.initializer, `the constant ${constValue} does not fit in ${type.kind} (${INT_INFO[type.kind].min}…${INT_INFO[type.kind].max})`);
    }
    const staticObject = isConst && !!decl.initializer && ts.isNewExpression(skipParens(decl.initializer)) && type.k === "class";
    const staticArray = isConst && decl.initializer && type.k === "array" ? this.staticArrayShape(decl, decl.initializer, type.elem, probe) : undefined;
    const info: GlobalInfo = { cname: `${this.modulePrefix(sf)}__${decl.name.text}`, type, decl, constValue, staticObject, staticArray };
    this.globals.set(decl, info);
    this.globalsResolving.delete(decl);
    return info;
  }

  /** Recognises `new Array<T>(N).fill(v)` with a constant N: such module arrays get static storage (the kernel has no heap yet when modules initialise). */
  private staticArrayShape(decl: ts.VariableDeclaration, init: ts.Expression, elem: OType, probe: FunctionLowerer): GlobalInfo["staticArray"] {
    const e = skipParens(init);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== "fill") return undefined;
    const ne = skipParens(e.expression.expression);
    if (!ts.isNewExpression(ne) || !ts.isIdentifier(ne.expression) || ne.expression.text !== "Array" || ne.arguments?.length !== 1) return undefined;
    const n = probe.constValue(ne.arguments[0]);
    if (n === undefined) return undefined;
    const alignTag = jsDocTag(decl.parent.parent, "align");
    const align = alignTag ? Number(alignTag) : 0;
    if (alignTag && !(align > 0 && (align & (align - 1)) === 0)) fail(decl, "@align needs a power of two");
    return { elem, length: Number(n), align };
  }

  // ------------------------------------------------------------------ driver

  private pushBody(text: string, sf: ts.SourceFile, at?: ts.Node): void {
    this.outBodies.push(text);
    this.bodyFiles.push(sf);
    this.bodyLines.push(at && `#line ${sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1} ${cString(sf.fileName)}`);
  }

  /** Lowers the whole program and returns the C translation unit. */
  lower(): string {
    const s = this.sections();
    return [s.preamble, ...s.typedefs, ...s.structs, ...s.strings, ...s.protos, ...s.globals, ...s.vtables, ...s.bodies.map(bodyText), s.init, s.trailer, ""].join("\n");
  }

  /**
   * Lowers the whole program into `n` C translation units that gcc can compile in parallel
   * (see split.ts; `spread`: function by function, for tests); `lower()`'s single unit lets gcc
   * inline across all modules.
   */
  lowerParts(n: number, spread = false): string[] {
    if (this.entries.length > 1) throw new Error("internal: lowerParts of a program set (use lowerSet)");
    return splitProgram(this.sections(), n, this.moduleOrder, spread);
  }

  /**
   * Lowers a program set (several entries) into `n` C units that all its programs share. Each
   * module's top-level code is a function of its own, `<module>__ostc_module_init`, and each entry
   * has an `<entry module>__ostc_program_init` that runs its modules' in its own import order
   * (and its own top-level code, when no module imports the entry); `inits[i]` names entry i's.
   * A program is the shared objects linked with `--defsym=ostc_program_init=<inits[i]>` and
   * `--gc-sections`, which keeps only the code its entry reaches.
   */
  lowerSet(n: number): { c: string[]; inits: string[] } {
    const s = this.sections();
    return { c: splitProgram(s, n, this.moduleOrder), inits: this.entries.map((e) => this.entryInitName(e)) };
  }

  private moduleInitName(sf: ts.SourceFile): string {
    return `${this.modulePrefix(sf)}__ostc_module_init`;
  }

  private entryInitName(entry: ts.SourceFile): string {
    return `${this.modulePrefix(entry)}__ostc_program_init`;
  }

  /** Lowers the program and returns the pieces of its C, in the order of the single unit. */
  private sections(): ProgramSections {
    for (const sf of this.moduleOrder) this.collectModule(sf);
    for (const sf of this.moduleOrder) this.lowerModuleInit(sf);
    const bodies: [FuncInst, number][] = [];
    while (this.worklist.length) {
      const f = this.worklist.shift()!;
      // Temporaries are numbered per function: editing one function leaves the others' C as it was.
      this.tmpCounter = 0;
      const body = new FunctionLowerer(this, f, f.env, f.owner).lowerFunction();
      bodies.push([f, this.outBodies.length]);
      this.pushBody(body, f.decl.getSourceFile(), f.decl.body);
    }
    for (const [f, i] of bodies) if (this.inlineHint(f)) this.outBodies[i] = `static inline ${this.outBodies[i].slice("static ".length)}`;
    let init = `/* Runs every module's top-level code in import order (one function: the code runs once). */\nvoid ostc_program_init(void) {\n${this.outInits.join("\n")}\n}`;
    if (this.entries.length > 1) {
      // A program set: the modules' top-level code as functions, and each entry's sequence of them.
      // An entry that no module imports runs its imports' code and then its own in one function,
      // as a single program's ostc_program_init does (a backtrace shows one top-level frame).
      const imported = new Set(this.files.flatMap((f) => this.importedModules(f)));
      const own = new Set(this.entries.filter((e) => !imported.has(e)));
      this.moduleOrder.forEach((sf, i) => {
        if (own.has(sf)) return;
        const name = this.moduleInitName(sf);
        this.outProtos.push(`void ${name}(void);`);
        this.displayNames.set(name, "<top level>");
        this.pushBody(`void ${name}(void) {\n${this.outInits[i]}\n}`, sf, sf.statements[0]);
      });
      for (const e of this.entries) {
        const name = this.entryInitName(e);
        const order = this.initOrder(e);
        const calls = order.filter((sf) => !own.has(sf)).map((sf) => `  ${this.moduleInitName(sf)}();`);
        const body = own.has(e) ? [...calls, this.outInits[this.moduleOrder.indexOf(e)]!] : calls;
        this.outProtos.push(`void ${name}(void);`);
        this.displayNames.set(name, "<top level>");
        this.pushBody(`void ${name}(void) {\n  /* The top-level code of ${displayPath(e.fileName)} and its imports, in its import order. */\n${body.join("\n")}\n}`, e, e.statements[0]);
      }
      init = "";
    }

    return {
      preamble: [
        `/* Generated by ostc from ${this.entries.length > 1 ? `${this.entries.length} programs: ${this.entries.map((e) => displayPath(e.fileName)).join(", ")}` : displayPath(this.entry.fileName)} (target ${this.options.target}, ${this.options.checked ? "checked" : "release"}). Do not edit. */`,
        `#define OSTC_CHECKED ${this.options.checked ? 1 : 0}`,
        `#include "ostc.h"`,
        this.options.target !== "kernel" ? "extern ostc_array *ostc_argv;\nOSTC_NORETURN void ostc_exit(int32_t code);\nostc_str ostc_getenv(ostc_str name);" : "",
      ].join("\n"),
      typedefs: this.outTypedefs,
      structs: this.outStructs,
      strings: this.outStrings,
      protos: this.outProtos,
      globals: this.outGlobals,
      vtables: this.outVtables,
      bodies: this.outBodies.map((text, i) => ({ text, file: this.bodyFiles[i]!, line: this.bodyLines[i] })),
      init,
      trailer: `${BACKTRACE_NAMES_HEADER}\n${[...this.displayNames].map(([c, n]) => `${c}\t${n}`).join("\n")}\n*/`,
    };
  }

  private collectModule(sf: ts.SourceFile): void {
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st)) {
        if (!st.typeParameters?.length && (st.body || jsDocTag(st, "linkname"))) this.functionInst(st, []);
      } else if (ts.isClassDeclaration(st)) {
        if (!st.typeParameters?.length) {
          const c = this.classInst(st, []);
          this.instantiateClassMembers(c);
        }
      } else if (ts.isEnumDeclaration(st)) {
        this.enumInfo(st);
      } else if (ts.isVariableStatement(st)) {
        if (hasModifier(st, ts.SyntaxKind.DeclareKeyword)) {
          for (const d of st.declarationList.declarations) {
            const name = jsDocTag(st, "linkname") ?? fail(d, "declared variables need a @linkname tag naming the assembly symbol");
            const type = d.type ? this.typeFromNode(d.type, new Map()) : fail(d, "declared variables need a type");
            this.globals.set(d, { cname: name, type, decl: d, constValue: undefined, staticObject: false });
            this.outProtos.push(`extern ${this.cdecl(type, name)};`);
          }
          continue;
        }
        for (const d of st.declarationList.declarations) this.globalInfo(d);
      }
    }
  }

  /** Non-generic methods of a class are emitted even when unused (gcc drops what is dead). */
  instantiateClassMembers(c: ClassInst): void {
    for (const m of c.decl.members) {
      if ((ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m) || ts.isConstructorDeclaration(m)) && m.body && !m.typeParameters?.length) {
        this.methodInst(c, m, []);
      }
    }
    if (c.hasVtable && !hasModifier(c.decl, ts.SyntaxKind.AbstractKeyword)) this.vtableOf(c);
  }

  private lowerModuleInit(sf: ts.SourceFile): void {
    const fl = new FunctionLowerer(this, null, new Map(), null);
    const body: string[] = [];
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st)) {
        if (hasModifier(st, ts.SyntaxKind.DeclareKeyword)) continue;
        for (const d of st.declarationList.declarations) {
          const g = this.globalInfo(d);
          if (g.staticObject && g.type.k === "class") {
            // The storage has the class that is constructed, which may derive from the declared type.
            const made = new FunctionLowerer(this, null, new Map(), null).typeOfInitializer(d.initializer!);
            const cls = made.k === "class" ? made.cls : g.type.cls;
            this.outGlobals.push(`static struct ${cls.cname} ${g.cname}__storage;`);
            this.outGlobals.push(`static struct ${g.type.cls.cname} *const ${g.cname} = (struct ${g.type.cls.cname} *)&${g.cname}__storage;`);
            body.push(fl.lowerStaticObjectInit(g, cls, d.initializer as ts.NewExpression));
            continue;
          }
          if (g.staticArray) {
            const { elem, length, align } = g.staticArray;
            const al = align ? ` __attribute__((aligned(${align})))` : "";
            this.outGlobals.push(`static ${this.cdecl(elem, `${g.cname}__data[${Math.max(length, 1)}]`)}${al};`);
            this.outGlobals.push(`static ostc_array ${g.cname}__array = { ${length}, -1, ${g.cname}__data, OSTC_ARRAY_STATIC };`);
            this.outGlobals.push(`static ostc_array *const ${g.cname} = &${g.cname}__array;`);
            const fillArg = ((skipParens(d.initializer!) as ts.CallExpression).arguments[0]);
            body.push(fl.lowerStaticArrayFill(g, fillArg));
            continue;
          }
          if (g.constValue !== undefined) {
            this.outGlobals.push(`static const ${this.cdecl(g.type, g.cname)} = ${cIntLiteral(g.constValue, g.type)};`);
            continue;
          }
          // A constant initializer becomes a C static initializer: the variable then has its
          // value even for code that runs before this module's init (an allocator called from
          // another module's init, say).
          const init = d.initializer ? staticInitializer(fl, g.type, d.initializer) : "0";
          this.outGlobals.push(`static ${this.cdecl(g.type, g.cname)}${init !== undefined ? ` = ${init}` : ""};`);
          if (d.initializer && init === undefined) body.push(fl.lowerGlobalInit(g, d.initializer));
        }
      } else if (ts.isClassDeclaration(st)) {
        for (const m of st.members) {
          if (ts.isPropertyDeclaration(m) && isStatic(m)) {
            if (st.typeParameters?.length) fail(m, "generic classes cannot have static fields");
            const g = this.staticField(this.classInst(st, []), m);
            if (m.initializer) body.push(fl.lowerGlobalInit(g, m.initializer));
          }
        }
      } else if (ts.isExpressionStatement(st) || ts.isIfStatement(st) || ts.isForStatement(st) || ts.isWhileStatement(st) ||
        ts.isDoStatement(st) || ts.isBlock(st) || ts.isForOfStatement(st) || ts.isSwitchStatement(st) || ts.isLabeledStatement(st) ||
        ts.isForInStatement(st) || ts.isTryStatement(st) || ts.isThrowStatement(st)) {
        // The last three are rejected by the statement lowerer with their specific message.
        body.push(fl.lowerTopLevelStatement(st));
      } else if (ts.isFunctionDeclaration(st) || ts.isEnumDeclaration(st) || ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) || ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isEmptyStatement(st)) {
        continue;
      } else {
        fail(st, `this statement is not supported at module level`);
      }
    }
    this.outInits.push(`  /* ${displayPath(sf.fileName)} */\n  {\n${fl.preamble()}${body.join("\n")}\n  }`);
  }

  private readonly staticFields = new Map<ts.PropertyDeclaration, GlobalInfo>();
  /** The global that holds a static field. */
  staticField(c: ClassInst, m: ts.PropertyDeclaration): GlobalInfo {
    let g = this.staticFields.get(m);
    if (g) return g;
    const name = (m.name as ts.Identifier).text;
    const type = m.type ? this.typeFromNode(m.type, new Map()) : m.initializer ? new FunctionLowerer(this, null, new Map(), null).typeOfInitializer(m.initializer) : fail(m, "static field needs a type");
    const ro = hasModifier(m, ts.SyntaxKind.ReadonlyKeyword);
    const cv = ro && m.initializer && type.k === "int" ? new FunctionLowerer(this, null, new Map(), null).constValue(m.initializer) : undefined;
    g = { cname: `${c.cname}__${cIdent(name)}`, type, decl: m as unknown as ts.VariableDeclaration, constValue: cv, staticObject: false };
    this.staticFields.set(m, g);
    this.outGlobals.push(`static ${this.cdecl(type, g.cname)};`);
    return g;
  }

  /** Is a prelude variable (console, process) usable as a value? Only through its members. */
  isDeclaredGlobal(_decl: ts.VariableDeclaration): boolean {
    return false;
  }

  private readonly externSymbols = new Set<string>();
  /** Declares a linker/assembly symbol for symbolAddress(). */
  declareExternSymbol(name: string): void {
    if (this.externSymbols.has(name)) return;
    this.externSymbols.add(name);
    this.outProtos.push(`extern char ${name}[];`);
  }

  private readonly synthesized = new Map<ClassInst, { cname: string; params: OType[]; decl: ts.ConstructorDeclaration | null }>();
  /**
   * The init function of a class without a constructor: it forwards its arguments to the base
   * constructor (as TypeScript does) and then runs the class's field initializers.
   */
  synthesizedInit(c: ClassInst, _caller: FunctionLowerer): { cname: string; params: OType[]; decl: ts.ConstructorDeclaration | null } {
    const existing = this.synthesized.get(c);
    if (existing) return existing;
    const baseInit = c.base ? new FunctionLowerer(this, null, c.env, c).initOf(c.base) : null;
    const params = baseInit?.params ?? [];
    const info = { cname: `${c.cname}__ostc_init`, params, decl: baseInit?.decl ?? null };
    this.synthesized.set(c, info);
    this.displayNames.set(info.cname, `new ${c.decl.name?.text ?? "class"}`);
    const ps = [`struct ${c.cname} *self`, ...params.map((t, i) => this.cdecl(t, `a${i}`))].join(", ");
    this.outProtos.push(`static void ${info.cname}(${ps});`);
    const fl = new FunctionLowerer(this, null, c.env, c);
    const body = fl.synthesizedInitBody(c, baseInit, params.length);
    this.pushBody(`static void ${info.cname}(${ps}) {\n${body}\n}`, c.decl.getSourceFile());
    return info;
  }

  /** Concrete (non-abstract) classes that are c or derive from it, among the instances created so far and the non-generic declarations. */
  concreteSubclasses(c: ClassInst): ClassInst[] {
    const out: ClassInst[] = [];
    const visit = (d: ts.ClassDeclaration): void => {
      if (!d.typeParameters?.length) {
        const inst = this.classInst(d, []);
        if (!hasModifier(d, ts.SyntaxKind.AbstractKeyword)) out.push(inst);
      }
      for (const s of this.subclasses.get(d) ?? []) visit(s);
    };
    visit(c.decl);
    return out;
  }

  /** Location text used in traps: `file.ts:line:col`. */
  locText(node: ts.Node): string {
    const l = locationOf(node);
    return `${l.file}:${l.line}:${l.col}`;
  }

  /** Does ostc target a hosted program (console/process available)? */
  get isProgram(): boolean {
    return this.options.target !== "kernel";
  }

  /** Checks that two types are the same, with a diagnostic otherwise. */
  expectSame(at: ts.Node, want: OType, got: OType): void {
    if (!sameType(want, got)) fail(at, `type mismatch: expected ${typeName(want)}, got ${typeName(got)}`);
  }
}

/** C text of a constant initializer (integers, booleans, null), or undefined when it must run at init. */
function staticInitializer(fl: FunctionLowerer, t: OType, init: ts.Expression): string | undefined {
  const e = skipParens(init);
  if (e.kind === ts.SyntaxKind.NullKeyword) return "0";
  if (e.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (e.kind === ts.SyntaxKind.FalseKeyword) return "false";
  if (t.k !== "int" && t.k !== "enum") return undefined;
  const v = fl.constValue(init);
  return v === undefined ? undefined : cIntLiteral(v, t.k === "int" ? t : T_I32);
}

/** Is the body small and loop-free (at most 10 statements, no switch)? */
function isSmallLeafBody(decl: ts.FunctionLikeDeclaration): boolean {
  const body = decl.body;
  if (!body || !ts.isBlock(body)) return false;
  let statements = 0;
  let small = true;
  const visit = (n: ts.Node): void => {
    if (!small) return;
    if (ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) || ts.isLabeledStatement(n)) { small = false; return; }
    if (ts.isStatement(n) && !ts.isBlock(n) && ++statements > 10) { small = false; return; }
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return small;
}

/** The root class of a hierarchy. */
export function rootOf(c: ClassInst): ClassInst {
  let r = c;
  while (r.base) r = r.base;
  return r;
}

/** Is the member declared `static`? */
export function isStatic(m: ts.Node): boolean {
  return hasModifier(m, ts.SyntaxKind.StaticKeyword);
}

/** Does the node carry the modifier? */
export function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(n) && (ts.getModifiers(n)?.some((m) => m.kind === kind) ?? false);
}

/** Strips parentheses. */
export function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** A C integer literal of the given type, valid for the extremes (e.g. INT32_MIN). */
export function cIntLiteral(v: bigint, t: OType): string {
  const kind = t.k === "int" ? t.kind : "i32";
  const info = INT_INFO[kind];
  if (v === info.min && info.signed) return `(${info.c})(-${-v - 1n}${info.bits === 64 ? "LL" : ""} - 1)`;
  if (info.bits === 64) return `(${info.c})${v}${info.signed ? "LL" : "ULL"}`;
  if (!info.signed) return `${v}u`;
  return `${v}`;
}

function commonDir(dirs: string[]): string {
  if (!dirs.length) return process.cwd();
  let common = dirs[0];
  for (const d of dirs) {
    // path.dirname("/") is "/": stop there (files on unrelated paths share only the root).
    while (!(d === common || d.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) && path.dirname(common) !== common) common = path.dirname(common);
  }
  return common;
}
