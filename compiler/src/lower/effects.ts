/**
 * What a piece of code may change that a loop's cached array views depend on: which array
 * headers it may resize (push, pop, dispose), which fields and variables it may assign, and
 * whether it calls something ostc cannot see into (function values, interface methods, external
 * C/assembly functions, compiler and memory barriers). The analysis is whole-program and works on
 * the TypeScript AST: a call's effects are the union of the direct effects of every function it
 * can reach (Tarjan's strongly connected components make that one pass over the call graph).
 *
 * The lowering uses it to hoist `a->data` and `a->len` of arrays out of loops (see
 * FunctionLowerer.openViews): gcc cannot do that itself, because the program is compiled with
 * -fno-strict-aliasing and every element store might, as far as gcc knows, overwrite the header.
 */
import ts from "../typescript.cjs";
import type { ProgramLowerer } from "./program.js";

/** Effects of running some code, including every function it may call. */
export interface Effects {
  /** Calls code the analysis cannot see (or a barrier): assume anything changes. */
  unknown: boolean;
  /** Element keys (see elementKey) of arrays that may be resized; "*" for any array. */
  readonly resizes: Set<string>;
  /** Field declarations (property declarations, parameter properties) that may be assigned. */
  readonly fields: Set<ts.Node>;
  /** Variable declarations (locals and module variables) that may be assigned. */
  readonly vars: Set<ts.Node>;
}

function emptyEffects(): Effects {
  return { unknown: false, resizes: new Set(), fields: new Set(), vars: new Set() };
}

function addInto(into: Effects, from: Effects): void {
  if (from.unknown) into.unknown = true;
  for (const x of from.resizes) into.resizes.add(x);
  for (const x of from.fields) into.fields.add(x);
  for (const x of from.vars) into.vars.add(x);
}

/**
 * Prelude intrinsics that neither touch TypeScript objects nor act as barriers. Every other
 * ambient function is treated as unknown: cli/sti/hlt, fences and atomics order memory that an
 * interrupt handler or another task may change, and external functions may switch tasks.
 */
const HARMLESS_AMBIENT = new Set([
  "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "sizeof",
  "load8", "load16", "load32", "load64", "store8", "store16", "store32", "store64", "memset", "memmove",
  "ptrTo", "arrayAt", "addressOf", "symbolAddress", "inb", "inw", "inl", "outb", "outw", "outl",
  "readEflags", "readCr0", "readCr2", "readCr3", "readCr4", "rdmsr", "rdtsc", "cpuid", "framePointer", "panic", "stringFromBytes", "stringFromMemory",
  "Number", "BigInt", "String", "parseInt",
]);

/** A function-like body whose effects the analysis computes once. */
type Unit = ts.Node;

interface Direct { effects: Effects; callees: Set<Unit> }

export class EffectAnalysis {
  private readonly checker: ts.TypeChecker;
  private readonly direct = new Map<Unit, Direct>();
  private readonly closed = new Map<Unit, Effects>();

  constructor(private readonly prog: ProgramLowerer) {
    this.checker = prog.checker;
  }

  /** Effects of evaluating the given nodes (a loop's condition, body, …) and everything they call. */
  of(nodes: readonly ts.Node[]): Effects {
    const d: Direct = { effects: emptyEffects(), callees: new Set() };
    for (const n of nodes) this.scan(n, d, null);
    const out = emptyEffects();
    addInto(out, d.effects);
    for (const c of d.callees) {
      if (out.unknown) break;
      addInto(out, this.closure(c));
    }
    return out;
  }

  /**
   * The key that groups arrays which may be the same object: arrays of different element types
   * never alias in ostc. Numbers share one key (tsc does not know i32 from u32); an element type
   * that involves a type parameter may be anything ("*").
   */
  elementKey(arrayExpr: ts.Expression): string {
    const t = this.checker.getNonNullableType(this.checker.getTypeAtLocation(arrayExpr));
    if (!this.checker.isArrayType(t)) return "*";
    const elem = this.checker.getTypeArguments(t as ts.TypeReference)[0];
    if (!elem) return "*";
    return this.typeKey(this.checker.getNonNullableType(elem));
  }

  private typeKey(t: ts.Type): string {
    if (this.hasTypeParameter(t, 0)) return "*";
    if (t.flags & ts.TypeFlags.NumberLike) return "number";
    if (t.flags & ts.TypeFlags.BigIntLike) return "bigint";
    if (t.flags & ts.TypeFlags.BooleanLike) return "boolean";
    if (t.flags & ts.TypeFlags.StringLike) return "string";
    return this.checker.typeToString(t);
  }

  private hasTypeParameter(t: ts.Type, depth: number): boolean {
    if (depth > 8) return true;
    if (t.flags & ts.TypeFlags.TypeParameter) return true;
    if (t.isUnionOrIntersection()) return t.types.some((x) => this.hasTypeParameter(x, depth + 1));
    if (t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      return this.checker.getTypeArguments(t as ts.TypeReference).some((x) => this.hasTypeParameter(x, depth + 1));
    }
    return false;
  }

  // ---------------------------------------------------------------- call graph closure (Tarjan)

  private closure(root: Unit): Effects {
    const done = this.closed.get(root);
    if (done) return done;
    const index = new Map<Unit, number>(), low = new Map<Unit, number>();
    const stack: Unit[] = [], onStack = new Set<Unit>();
    let counter = 0;
    const visit = (u: Unit): void => {
      index.set(u, counter); low.set(u, counter); counter++;
      stack.push(u); onStack.add(u);
      for (const v of this.directOf(u).callees) {
        if (this.closed.has(v)) continue;
        if (!index.has(v)) { visit(v); low.set(u, Math.min(low.get(u)!, low.get(v)!)); }
        else if (onStack.has(v)) low.set(u, Math.min(low.get(u)!, index.get(v)!));
      }
      if (low.get(u) !== index.get(u)) return;
      // u roots a strongly connected component: its members share one closure.
      const members: Unit[] = [];
      let w: Unit;
      do { w = stack.pop()!; onStack.delete(w); members.push(w); } while (w !== u);
      const eff = emptyEffects();
      for (const m of members) {
        const d = this.directOf(m);
        addInto(eff, d.effects);
        for (const c of d.callees) if (!members.includes(c)) addInto(eff, this.closed.get(c)!);
      }
      for (const m of members) this.closed.set(m, eff);
    };
    visit(root);
    return this.closed.get(root)!;
  }

  private directOf(u: Unit): Direct {
    let d = this.direct.get(u);
    if (d) return d;
    d = { effects: emptyEffects(), callees: new Set() };
    this.direct.set(u, d);
    if (ts.isClassDeclaration(u)) {
      // Constructing an instance: the base class's construction, field initializers, the constructor.
      const base = this.prog.baseClassDecl(u);
      if (base) d.callees.add(base);
      const ctor = u.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
      for (const m of u.members) if (ts.isPropertyDeclaration(m) && m.initializer && !hasStatic(m)) this.scan(m.initializer, d, ctor ?? u);
      if (ctor) this.scan(ctor.body!, d, ctor);
    } else if (ts.isFunctionLike(u)) {
      const body = (u as ts.FunctionLikeDeclaration).body;
      if (body) this.scan(body, d, u);
      else d.effects.unknown = true;
    }
    return d;
  }

  // ---------------------------------------------------------------- direct effects of a subtree

  /**
   * Adds the direct effects and callees of `node` to d. `fn` is the function whose body this is
   * (a constructor's own `this.f = …` only initialises the object being built, which no loop
   * outside can have cached).
   */
  private scan(node: ts.Node, d: Direct, fn: ts.Node | null): void {
    const visit = (n: ts.Node): void => {
      if (d.effects.unknown) return;
      if (ts.isCallExpression(n)) this.call(n, d);
      else if (ts.isNewExpression(n)) this.construct(n, d);
      else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind)) this.assignTo(n.left, d, fn, n.operatorToken.kind !== ts.SyntaxKind.EqualsToken);
      else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) this.assignTo(n.operand, d, fn, true);
      else if (ts.isPropertyAccessExpression(n) && !isAssignmentTarget(n)) this.accessor(n, "get", d);
      if (ts.isFunctionLike(n) && n !== node) return; // rejected by the lowering anyway
      ts.forEachChild(n, visit);
    };
    visit(node);
  }

  private symbolOf(n: ts.Node): ts.Symbol | undefined {
    return this.prog.symbolAt(n);
  }

  private assignTo(target: ts.Expression, d: Direct, fn: ts.Node | null, alsoReads: boolean): void {
    const t = skipParens(target);
    if (ts.isIdentifier(t)) {
      const decl = this.symbolOf(t)?.valueDeclaration;
      if (decl) d.effects.vars.add(decl);
      return;
    }
    if (ts.isPropertyAccessExpression(t)) {
      const decl = this.symbolOf(t.name)?.valueDeclaration;
      if (!decl) return;
      if (ts.isSetAccessor(decl) || ts.isGetAccessor(decl)) {
        this.accessor(t, "set", d);
        if (alsoReads) this.accessor(t, "get", d);
        return;
      }
      if (ts.isVariableDeclaration(decl)) { d.effects.vars.add(decl); return; }
      const ownInit = fn && ts.isConstructorDeclaration(fn) && t.expression.kind === ts.SyntaxKind.ThisKeyword;
      if (!ownInit) d.effects.fields.add(decl);
    }
    // Element stores change no array header.
  }

  /** A property read or write that runs a getter or setter. */
  private accessor(pa: ts.PropertyAccessExpression, kind: "get" | "set", d: Direct): void {
    const sym = this.symbolOf(pa.name);
    const decl = sym?.declarations?.find((x) => kind === "get" ? ts.isGetAccessor(x) : ts.isSetAccessor(x)) as ts.AccessorDeclaration | undefined;
    if (!decl) return;
    if (decl.getSourceFile().isDeclarationFile) { d.effects.unknown = true; return; }
    this.addMethodTargets(decl, kind === "get" ? `get ${pa.name.text}` : `set ${pa.name.text}`, d, pa.expression.kind === ts.SyntaxKind.SuperKeyword);
  }

  private construct(ne: ts.NewExpression, d: Direct): void {
    const sym = this.symbolOf(ne.expression);
    const cls = sym?.declarations?.find(ts.isClassDeclaration);
    if (cls && !cls.getSourceFile().isDeclarationFile) { d.callees.add(cls); return; }
    if (ts.isIdentifier(ne.expression) && ne.expression.text === "Array") return;
    d.effects.unknown = true;
  }

  private call(ce: ts.CallExpression, d: Direct): void {
    const callee = skipParens(ce.expression);
    if (callee.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = ts.findAncestor(ce, ts.isClassDeclaration);
      const base = cls && this.prog.baseClassDecl(cls);
      if (base) d.callees.add(base);
      return;
    }
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const sym = this.symbolOf(nameNode);
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!decl) { d.effects.unknown = true; return; }
    if (decl.getSourceFile().isDeclarationFile) return this.ambientCall(ce, callee, d);
    if (ts.isFunctionDeclaration(decl)) {
      if (decl.body) d.callees.add(decl);
      else d.effects.unknown = true; // declared, defined in C or assembly
      return;
    }
    if (ts.isMethodDeclaration(decl)) {
      if (hasStatic(decl)) { d.callees.add(decl); return; }
      const viaSuper = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword;
      this.addMethodTargets(decl, (decl.name as ts.Identifier).text, d, viaSuper);
      return;
    }
    // Function values (variables, parameters, fields of function type) and interface methods.
    d.effects.unknown = true;
  }

  /** A method or accessor call: every override when it dispatches virtually. */
  private addMethodTargets(decl: ts.MethodDeclaration | ts.AccessorDeclaration, key: string, d: Direct, direct: boolean): void {
    const cls = decl.parent;
    if (!ts.isClassDeclaration(cls)) { d.effects.unknown = true; return; }
    if (direct || !this.prog.isVirtual(cls, key)) {
      if (decl.body) d.callees.add(decl);
      else d.effects.unknown = true;
      return;
    }
    const name = key.replace(/^(get|set) /, "");
    const kind = key.startsWith("get ") ? ts.SyntaxKind.GetAccessor : key.startsWith("set ") ? ts.SyntaxKind.SetAccessor : ts.SyntaxKind.MethodDeclaration;
    for (const k of this.prog.hierarchyOf(cls)) {
      for (const m of k.members) {
        if (m.kind === kind && m.name && ts.isIdentifier(m.name) && m.name.text === name && !hasStatic(m) && (m as ts.FunctionLikeDeclaration).body) d.callees.add(m);
      }
    }
  }

  private ambientCall(ce: ts.CallExpression, callee: ts.Expression, d: Direct): void {
    if (ts.isPropertyAccessExpression(callee)) {
      const obj = callee.expression;
      const objType = this.checker.getNonNullableType(this.checker.getTypeAtLocation(obj));
      const name = callee.name.text;
      if (this.checker.isArrayType(objType)) {
        if (name === "push" || name === "pop") d.effects.resizes.add(this.elementKey(obj));
        return; // the other array methods read, fill or copy
      }
      if (objType.flags & ts.TypeFlags.StringLike || objType.flags & ts.TypeFlags.NumberLike || objType.flags & ts.TypeFlags.BooleanLike) return;
      if (ts.isIdentifier(obj) && ["Math", "console", "process", "String", "BigInt", "Number"].includes(obj.text)) return;
      d.effects.unknown = true;
      return;
    }
    const name = ts.isIdentifier(callee) ? callee.text : "";
    if (name === "dispose") {
      // Freeing an array releases its header; freeing an object may release any array it owns.
      const arg = ce.arguments[0];
      if (arg && this.checker.getNonNullableType(this.checker.getTypeAtLocation(arg)).flags & ts.TypeFlags.StringLike) return; // a string owns no array
      if (arg) d.effects.resizes.add(this.checker.isArrayType(this.checker.getNonNullableType(this.checker.getTypeAtLocation(arg))) ? this.elementKey(arg) : "*");
      return;
    }
    if (HARMLESS_AMBIENT.has(name)) return;
    d.effects.unknown = true;
  }
}

function hasStatic(m: ts.Node): boolean {
  return ts.canHaveModifiers(m) && (ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false);
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  return e;
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
}

function isAssignmentTarget(n: ts.Node): boolean {
  const p = n.parent;
  return !!p && ts.isBinaryExpression(p) && p.left === n && isAssignment(p.operatorToken.kind);
}
