/**
 * Lowers one function body (or a module's top-level code) from the TypeScript AST to C
 * statements and expressions, keeping TypeScript's meaning: integer arithmetic is exact or
 * traps, evaluation is left to right, and every construct whose C meaning would differ is
 * compiled to the TypeScript meaning or rejected with a hint.
 */
import ts from "../typescript.cjs";
import { fail, OstcError } from "../diag.js";
import { cLocalName, cString } from "../cstr.js";
import {
  type ClassInst, type FieldInfo, type IntKind, type OType, type TypeEnv,
  INT_INFO, T_BOOL, T_I32, T_NULL, T_STR, T_U32, T_VOID, intContains, isBig, isRefType, joinInt, nonNull, sameType, tInt, typeName,
} from "../types.js";
import { type FuncInst, type GlobalInfo, type ProgramLowerer, cIntLiteral, hasModifier, isStatic, jsDocTag, rootOf, skipParens } from "./program.js";
import { lowerBuiltinCall, lowerBuiltinProperty, lowerNewBuiltin, lowerProcessEnv } from "./builtins.js";
import type { Effects } from "./effects.js";

/** A lowered expression: C text, ostc type, whether evaluating it has no side effects, and its constant value. */
export interface V {
  readonly c: string;
  readonly t: OType;
  readonly pure: boolean;
  readonly cv?: bigint;
  /** Known to be ≥ 0 although the type is signed (an array or string length). */
  readonly nonneg?: boolean;
  /**
   * A fixed-size array field (FieldInfo.fixed): `d` is the C array in the object and `n` its
   * length. Such a value is only indexed, measured or iterated (fields.ts checks that), so `c`
   * is never used.
   */
  readonly fixed?: { readonly d: string; readonly n: number };
  /**
   * An i53 that is `u + s` or `u - s` of a uint32_t and an int32_t, with the C text of each
   * (`s + u` when swapped): comparisons use OSTC_SUMCMP instead of int64_t arithmetic.
   */
  readonly sum?: { readonly u: string; readonly s: string; readonly sub: boolean; readonly swapped?: boolean };
}

interface Local { readonly cname: string; readonly type: OType }
/** An array element as an assignment target: the array and index, lowered but not yet combined. */
interface ElementTarget { readonly arr: V; readonly idx: V; readonly at: ts.Node }
/** A loop-invariant array header: its data pointer and length, read once before the loop. */
interface View { readonly d: string; readonly n: string }
/** A chain of field reads from a local, a module variable or `this` (root null). */
interface AccessPath {
  readonly key: string;
  readonly root: ts.Node | null;
  readonly rootExpr: ts.Expression;
  readonly fields: readonly { readonly decl: ts.Node; readonly cname: string; readonly type: OType; readonly embedded: boolean }[];
}

const nodeIds = new WeakMap<ts.Node, number>();
let nextNodeId = 0;
/** A number naming a declaration in view keys. */
function nodeId(n: ts.Node): number {
  let id = nodeIds.get(n);
  if (id === undefined) { id = nextNodeId++; nodeIds.set(n, id); }
  return id;
}
/** A `for` loop that steps a local integer variable by a constant (FunctionLowerer.countingLoop). */
interface CountingLoop {
  /** The step: ++, --, += k or -= k. */
  readonly step: ts.Expression;
  readonly sym: ts.Symbol;
  readonly decl: ts.VariableDeclaration;
  readonly kind: IntKind;
  readonly up: boolean;
  readonly k: bigint;
  /** The comparisons of i among the condition's `&&` operands, turned to read `i op b`. */
  readonly bounds: readonly { readonly op: ts.SyntaxKind; readonly b: ts.Expression }[];
}
/** Each comparison operator, for its operands swapped (`b < i` is `i > b`). */
const FLIPPED_COMPARISON: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken, [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken, [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
};
/** A loop variable that is in bounds of the array at path `key` everywhere in `body` (FunctionLowerer.boundedIndex). */
interface BoundedIndex { readonly sym: ts.Symbol; readonly key: string; readonly body: ts.Statement }
interface LabelInfo { readonly name: string; breakUsed: boolean; continueUsed: boolean; readonly isLoop: boolean; cname?: string }

/** Operators whose low result bits depend only on the low bits of their operands. */
const RING_OPS = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken]);
const ARITH_OPS = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.PercentToken]);
const BIT_OPS = new Set([ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken]);
const COMPOUND: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
  [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.PlusToken,
  [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.MinusToken,
  [ts.SyntaxKind.AsteriskEqualsToken]: ts.SyntaxKind.AsteriskToken,
  [ts.SyntaxKind.PercentEqualsToken]: ts.SyntaxKind.PercentToken,
  [ts.SyntaxKind.AmpersandEqualsToken]: ts.SyntaxKind.AmpersandToken,
  [ts.SyntaxKind.BarEqualsToken]: ts.SyntaxKind.BarToken,
  [ts.SyntaxKind.CaretEqualsToken]: ts.SyntaxKind.CaretToken,
  [ts.SyntaxKind.LessThanLessThanEqualsToken]: ts.SyntaxKind.LessThanLessThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  [ts.SyntaxKind.SlashEqualsToken]: ts.SyntaxKind.SlashToken,
};

export class FunctionLowerer {
  private readonly locals = new Map<ts.Node, Local>();
  private readonly labels: LabelInfo[] = [];
  private readonly views = new Map<string, View>();
  /** ++ and -- of counting loops whose condition bounds them (boundedStep): no overflow check. */
  private readonly boundedSteps = new Set<ts.Node>();
  /** Indexes of the loops being lowered that are in bounds of an array in their body (boundedIndex). */
  private readonly boundedIndexes: BoundedIndex[] = [];
  private indent = 1;
  private out: string[] = [];
  private readonly checker: ts.TypeChecker;

  constructor(readonly prog: ProgramLowerer, readonly fn: FuncInst | null, readonly env: TypeEnv, readonly owner: ClassInst | null) {
    this.checker = prog.checker;
    for (const p of fn?.params ?? []) this.locals.set(p.decl, { cname: p.cname, type: p.type });
  }

  // ================================================================== entry points

  /** The complete C definition of the function instance. */
  lowerFunction(): string {
    const f = this.fn!;
    const body = f.decl.body!;
    this.out = [];
    this.line(body);
    if (ts.isConstructorDeclaration(f.decl)) this.lowerConstructorBody(f.decl);
    else if (ts.isBlock(body)) for (const st of body.statements) this.stmt(st);
    else {
      const v = this.expr(body, f.ret);
      this.emit(f.ret.k === "void" ? `${v.c};` : `return ${this.coerce(v, f.ret, body)};`);
    }
    return `${this.prog.prototype(f)} {\n${this.out.join("\n")}\n}`;
  }

  /** Statements to initialise a module variable. */
  lowerGlobalInit(g: GlobalInfo, init: ts.Expression): string {
    this.out = [];
    this.line(init);
    const v = this.expr(init, g.type);
    this.emit(`${g.cname} = ${this.coerce(v, g.type, init)};`);
    return this.out.join("\n");
  }

  /** Constructor call for a module-level `const x = new C()` whose object lives in static storage. */
  lowerStaticObjectInit(g: GlobalInfo, cls: ClassInst, ne: ts.NewExpression): string {
    this.out = [];
    this.line(ne);
    this.emit(`${this.constructInPlace(cls, ne, `((struct ${cls.cname} *)${g.cname})`)};`);
    return this.out.join("\n");
  }

  /** Fills a static module array with its initial value (skipped when the value is zero: .bss is zero). */
  lowerStaticArrayFill(g: GlobalInfo, value: ts.Expression): string {
    const elem = g.staticArray!.elem;
    const v = this.expr(value, elem);
    if (v.cv === 0n || v.c === "0" || v.c === "false") return "";
    this.out = [];
    this.line(value);
    const i = this.prog.tmp("i");
    this.emit(`for (int32_t ${i} = 0; ${i} < ${g.staticArray!.length}; ${i}++) ${g.cname}__data[${i}] = ${this.coerce(v, elem, value)};`);
    return this.out.join("\n");
  }

  /** A statement at module level, lowered into the module's init function. */
  lowerTopLevelStatement(st: ts.Statement): string {
    this.out = [];
    this.stmt(st);
    return this.out.join("\n");
  }

  /** Declarations the module init function needs before its body (none today). */
  preamble(): string {
    return "";
  }

  /** The type of an initializer expression, for declarations without annotations. */
  typeOfInitializer(e: ts.Expression): OType {
    const saved = this.out;
    this.out = [];
    try {
      const v = this.expr(e);
      if (v.t.k === "null") fail(e, "cannot infer a type from `null`", "annotate the declaration, e.g. `let x: Node | null = null`");
      if (v.t.k === "void") fail(e, "a void expression has no value");
      return v.t;
    } finally {
      this.out = saved;
    }
  }

  /** Infers a function's return type from its return statements (no annotation given). */
  inferReturn(decl: ts.FunctionLikeDeclaration): OType | undefined {
    if (decl.body && !ts.isBlock(decl.body)) {
      this.registerParams(decl);
      return this.typeOfInitializer(decl.body);
    }
    let found: OType | undefined;
    this.registerParams(decl);
    const visit = (n: ts.Node): void => {
      if (found || ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n) && n.expression) {
        try {
          const t = this.typeOfInitializer(n.expression);
          if (t.k !== "null" && t.k !== "never") found = t;
        } catch (e) {
          if (!(e instanceof OstcError)) throw e;
        }
        return;
      }
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) {
        try {
          const t = n.type ? this.prog.typeFromNode(n.type, this.env) : n.initializer ? this.typeOfInitializer(n.initializer) : undefined;
          if (t) this.locals.set(n, { cname: cLocalName(n.name.text), type: t });
        } catch (e) {
          if (!(e instanceof OstcError)) throw e;
        }
      }
      ts.forEachChild(n, visit);
    };
    if (decl.body) ts.forEachChild(decl.body, visit);
    return found;
  }

  private registerParams(decl: ts.FunctionLikeDeclaration): void {
    for (const p of decl.parameters) {
      if (ts.isIdentifier(p.name) && p.type) this.locals.set(p, { cname: cLocalName(p.name.text), type: this.prog.typeFromNode(p.type, this.env) });
    }
  }

  /** The compile-time integer value of an expression, if it has one. */
  constValue(e: ts.Expression): bigint | undefined {
    const saved = this.out;
    this.out = [];
    try {
      return this.expr(e).cv;
    } catch (err) {
      if (err instanceof OstcError) return undefined;
      throw err;
    } finally {
      this.out = saved;
    }
  }

  // ================================================================== output helpers

  private emit(text: string): void {
    this.out.push("  ".repeat(this.indent) + text);
  }

  /** A #line directive so gcc, gdb and traps speak TypeScript lines. */
  private line(n: ts.Node): void {
    const sf = n.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    this.out.push(`#line ${line + 1} ${cString(sf.fileName)}`);
  }

  /** The C string literal of a node's TypeScript location, for traps. */
  loc(n: ts.Node): string {
    return cString(this.prog.locText(n));
  }

  // ================================================================== statements

  private stmt(st: ts.Statement): void {
    if (!ts.isBlock(st)) this.line(st);
    switch (st.kind) {
      case ts.SyntaxKind.Block: {
        this.emit("{");
        this.indent++;
        for (const s of (st as ts.Block).statements) this.stmt(s);
        this.indent--;
        this.emit("}");
        return;
      }
      case ts.SyntaxKind.VariableStatement:
        return this.varDeclList((st as ts.VariableStatement).declarationList);
      case ts.SyntaxKind.ExpressionStatement:
        this.emit(`${this.exprStmt((st as ts.ExpressionStatement).expression)};`);
        return;
      case ts.SyntaxKind.IfStatement: {
        const s = st as ts.IfStatement;
        this.emit(`if (${this.cond(s.expression)}) {`);
        this.nested(s.thenStatement);
        if (s.elseStatement) {
          this.emit("} else {");
          this.nested(s.elseStatement);
        }
        this.emit("}");
        return;
      }
      case ts.SyntaxKind.WhileStatement:
        return this.whileStmt(st as ts.WhileStatement, null);
      case ts.SyntaxKind.DoStatement:
        return this.doStmt(st as ts.DoStatement, null);
      case ts.SyntaxKind.ForStatement:
        return this.forStmt(st as ts.ForStatement, null);
      case ts.SyntaxKind.ForOfStatement:
        return this.forOf(st as ts.ForOfStatement, null);
      case ts.SyntaxKind.ReturnStatement: {
        const s = st as ts.ReturnStatement;
        const ret = this.fn?.ret ?? T_VOID;
        if (!s.expression) { this.emit("return;"); return; }
        const v = this.expr(s.expression, ret);
        if (ret.k === "void") this.emit(`${v.c}; return;`);
        else this.emit(`return ${this.coerce(v, ret, s.expression)};`);
        return;
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const s = st as ts.BreakOrContinueStatement;
        const isBreak = st.kind === ts.SyntaxKind.BreakStatement;
        if (!s.label) { this.emit(isBreak ? "break;" : "continue;"); return; }
        const info = [...this.labels].reverse().find((l) => l.name === s.label!.text);
        if (!info) fail(s.label, `unknown label ${s.label.text}`);
        if (isBreak) { info.breakUsed = true; this.emit(`goto ${this.labelC(info)}_break;`); }
        else { info.continueUsed = true; this.emit(`goto ${this.labelC(info)}_continue;`); }
        return;
      }
      case ts.SyntaxKind.SwitchStatement:
        return this.switchStmt(st as ts.SwitchStatement);
      case ts.SyntaxKind.LabeledStatement:
        return this.labeled(st as ts.LabeledStatement);
      case ts.SyntaxKind.EmptyStatement:
        return;
      case ts.SyntaxKind.ThrowStatement:
        return fail(st, "exceptions are not supported", "return an error code (a negative errno) or call panic()");
      case ts.SyntaxKind.TryStatement:
        return fail(st, "exceptions are not supported", "return an error code (a negative errno) instead of throwing");
      case ts.SyntaxKind.FunctionDeclaration:
        return fail(st, "nested functions are not supported (they could capture variables)", "move the function to module level");
      case ts.SyntaxKind.ClassDeclaration:
        return fail(st, "classes must be declared at module level");
      case ts.SyntaxKind.ForInStatement:
        return fail(st, "`for…in` enumerates property names at run time, which ostc does not keep", "use for…of over an array, or a counted loop");
      case ts.SyntaxKind.InterfaceDeclaration: case ts.SyntaxKind.TypeAliasDeclaration:
        return;
      default:
        return fail(st, `statement not supported: ${ts.SyntaxKind[st.kind]}`);
    }
  }

  // ================================================================== array views

  /**
   * Hoists the headers of arrays a loop reads or writes by index: for every access path (a local,
   * a module variable or `this`, followed by fields) whose array the loop cannot reassign or
   * resize (see effects.ts), emits `T *d = a->data; int32_t n = a->len;` before the loop, and the
   * loop's accesses use them. gcc cannot do this itself: with -fno-strict-aliasing every element
   * store might overwrite the header. The loads are null-safe, so a path that is null (or an
   * array the loop never reaches) costs nothing. Returns the function that closes the block.
   */
  private openViews(region: readonly ts.Node[], precomputed?: Effects): () => void {
    const candidates = new Map<string, { path: AccessPath; expr: ts.Expression; elem: OType }>();
    const consider = (e: ts.Expression): void => {
      const p = this.pathOf(e);
      if (!p || this.views.has(p.key) || candidates.has(p.key)) return;
      const t = this.peekType(e);
      if (!t || nonNull(t).k !== "array") return;
      candidates.set(p.key, { path: p, expr: e, elem: (nonNull(t) as { elem: OType }).elem });
    };
    // Only the parts of the loop that go round again matter: a branch that leaves the loop runs
    // once, and when nothing on the way round writes memory, gcc keeps the headers in registers
    // by itself (a view would only add loads before the loop).
    let writes = false;
    const visit = (n: ts.Node, depth: number): void => {
      if (leavesLoop(n, depth)) return;
      if (ts.isElementAccessExpression(n)) consider(n.expression);
      else if (ts.isPropertyAccessExpression(n) && n.name.text === "length") consider(n.expression);
      else if (ts.isForOfStatement(n)) consider(n.expression);
      if (!writes && this.writesMemory(n)) writes = true;
      const inner = ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) ? depth + 1 : depth;
      ts.forEachChild(n, (c) => visit(c, inner));
    };
    for (const n of region) visit(n, 0);
    if (!candidates.size || !writes) return () => {};
    const eff = precomputed ?? this.prog.effects.of(region);
    if (eff.unknown) return () => {};
    const opened: string[] = [];
    for (const [key, c] of candidates) {
      if (!this.stablePath(eff, c.path) || !this.stableArray(eff, c.expr)) continue;
      if (!opened.length) { this.emit("{"); this.indent++; }
      const h = this.prog.tmp("vh"), d = this.prog.tmp("vd"), n = this.prog.tmp("vn");
      const T = this.prog.ctype(c.elem);
      if (this.mayBeNull(c.path, c.expr)) {
        this.emit(`ostc_array *const ${h} = ${this.nullSafePath(c.path)}; ${T} *const ${d} = ${h} ? (${T} *)${h}->data : 0; const int32_t ${n} = ${h} ? ${h}->len : 0;`);
      } else {
        this.emit(`ostc_array *const ${h} = ${this.expr(c.expr).c}; ${T} *const ${d} = (${T} *)${h}->data; const int32_t ${n} = ${h}->len;`);
      }
      this.views.set(key, { d, n });
      opened.push(key);
    }
    return () => {
      if (!opened.length) return;
      for (const k of opened) this.views.delete(k);
      this.indent--;
      this.emit("}");
    };
  }

  /**
   * Might evaluating this node (not its children) store to memory, as gcc sees it? Element and
   * field stores, calls (a call that is not inlined clobbers all memory), allocation. Assigning a
   * local does not: it lives in a register.
   */
  private writesMemory(n: ts.Node): boolean {
    const target = (e: ts.Expression): boolean => {
      e = skipParens(e);
      if (!ts.isIdentifier(e)) return true;
      const decl = this.symbolOf(e)?.valueDeclaration;
      return !decl || !ts.isVariableDeclaration(decl) || isModuleLevel(decl);
    };
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return target(n.left);
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return target(n.operand);
    if (ts.isNewExpression(n) || ts.isTemplateExpression(n)) return true;
    if (ts.isCallExpression(n)) {
      const callee = skipParens(n.expression);
      if (ts.isIdentifier(callee) && INLINE_PURE_INTRINSICS.has(callee.text) && this.symbolOf(callee)?.declarations?.[0]?.getSourceFile().isDeclarationFile) return false;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Math") return false;
      return true;
    }
    if (ts.isPropertyAccessExpression(n)) {
      const decl = this.symbolOf(n.name)?.valueDeclaration;
      return !!decl && (ts.isGetAccessor(decl) || ts.isSetAccessor(decl));
    }
    return false;
  }

  /** Can the region not resize an array of this expression's element type? */
  private stableArray(eff: Effects, arrayExpr: ts.Expression): boolean {
    if (eff.unknown || eff.resizes.has("*")) return false;
    const key = this.prog.effects.elementKey(arrayExpr);
    return key === "*" ? eff.resizes.size === 0 : !eff.resizes.has(key);
  }

  /** Does the region leave every link of the path as it is? */
  private stablePath(eff: Effects, p: AccessPath): boolean {
    if (p.root && eff.vars.has(p.root)) {
      const isConstGlobal = ts.isVariableDeclaration(p.root) && isModuleLevel(p.root) && (p.root.parent.flags & ts.NodeFlags.Const) !== 0;
      if (!isConstGlobal) return false;
    }
    return p.fields.every((f) => !eff.fields.has(f.decl));
  }

  /** An access path, or undefined when the expression is anything else. */
  private pathOf(e: ts.Expression): AccessPath | undefined {
    e = skipParens(e);
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      // Not in constructors: fields there may still be unassigned when a loop starts.
      if (!this.owner || !this.fn || this.fn.isStatic || ts.isConstructorDeclaration(this.fn.decl)) return undefined;
      return { key: "this", root: null, rootExpr: e, fields: [] };
    }
    if (ts.isIdentifier(e)) {
      const decl = this.symbolOf(e)?.valueDeclaration;
      if (!decl) return undefined;
      if (this.locals.has(decl)) return { key: `L${nodeId(decl)}`, root: decl, rootExpr: e, fields: [] };
      if (ts.isVariableDeclaration(decl) && isModuleLevel(decl) && !decl.getSourceFile().isDeclarationFile) return { key: `G${nodeId(decl)}`, root: decl, rootExpr: e, fields: [] };
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e) && !e.questionDotToken) {
      const base = this.pathOf(e.expression);
      if (!base || base.fields.length >= 3) return undefined;
      const decl = this.symbolOf(e.name)?.valueDeclaration;
      if (!decl || !(ts.isPropertyDeclaration(decl) || ts.isParameter(decl)) || isStatic(decl)) return undefined;
      const bt = this.peekType(e.expression);
      const cls = bt && nonNull(bt).k === "class" ? (nonNull(bt) as { cls: ClassInst }).cls : undefined;
      const field = cls?.fields.find((f) => f.name === e.name.text);
      if (!cls || !field || field.fixed || this.prog.findMethod(cls, e.name.text, "get")) return undefined;
      return { key: `${base.key}.${nodeId(decl)}`, root: base.root, rootExpr: base.rootExpr, fields: [...base.fields, { decl, cname: field.cname, type: field.type, embedded: !!field.embedded }] };
    }
    return undefined;
  }

  /**
   * Can reading the path before the loop find a null link where the loop itself might never
   * read it? Locals and parameters of non-nullable types are assigned before they are read
   * (tsc's definite-assignment analysis, and the loop does not assign them); static module arrays
   * always exist. Fields may still be unassigned while their object is being constructed, other
   * module variables before their module's top-level code has run, and nullable types are null
   * whenever the program says so. An embedded header is part of its object: only the object
   * reference can be null (an unassigned embedded header reads as empty).
   */
  private mayBeNull(p: AccessPath, e: ts.Expression): boolean {
    const t = this.peekType(e);
    if (!t || t.k === "nullable") return true;
    if (p.fields.length === 1 && p.fields[0]!.embedded) {
      // `&obj->f` is not null when obj is `this` or a local of a class type (not nullable).
      return !(p.root === null || (this.locals.get(p.root)?.type.k === "class"));
    }
    if (p.fields.length) return true;
    if (p.root && ts.isVariableDeclaration(p.root) && isModuleLevel(p.root)) return !this.prog.globalInfo(p.root).staticArray;
    return false;
  }

  /** C text of a path that yields 0 instead of dereferencing a null link (`self` is never null). */
  private nullSafePath(p: AccessPath): string {
    let prev = this.expr(p.rootExpr).c;
    if (!p.fields.length) return prev;
    let prevNonNull = p.root === null;
    const steps: string[] = [];
    p.fields.forEach((f, i) => {
      const field = f.embedded ? `&(${prev})->${f.cname}` : `(${prev})->${f.cname}`;
      const access = prevNonNull ? field : `(${prev} ? ${field} : 0)`;
      if (i === p.fields.length - 1) { steps.push(`${access};`); return; }
      const t = this.prog.tmp("vp");
      steps.push(`${this.prog.cdecl(f.type, t)} = ${access};`);
      prev = t;
      prevNonNull = false;
    });
    return `({ ${steps.join(" ")} })`;
  }

  /** The hoisted view of an array expression, when a surrounding loop opened one. */
  private viewOf(e: ts.Expression): View | undefined {
    if (!this.views.size) return undefined;
    const p = this.pathOf(e);
    return p && this.views.get(p.key);
  }

  private nested(st: ts.Statement): void {
    this.indent++;
    if (ts.isBlock(st)) for (const s of st.statements) this.stmt(s);
    else this.stmt(st);
    this.indent--;
  }

  private varDeclList(list: ts.VariableDeclarationList): void {
    for (const d of list.declarations) {
      if (!ts.isIdentifier(d.name)) fail(d.name, "destructuring declarations are not supported");
      let type: OType;
      let init: string | undefined;
      if (d.type) {
        type = this.prog.typeFromNode(d.type, this.env);
        if (d.initializer) init = this.coerce(this.exprWithFmt(d.initializer, type), type, d.initializer);
      } else if (d.initializer) {
        const v = this.expr(d.initializer);
        type = this.defaultType(v, d.initializer);
        init = this.coerce(v, type, d.initializer);
      } else {
        return fail(d, `variable ${d.name.text} needs a type annotation or an initializer`);
      }
      const cname = cLocalName(d.name.text);
      this.locals.set(d, { cname, type });
      this.emit(`${this.prog.cdecl(type, cname)}${init !== undefined ? ` = ${init}` : this.zeroInit(type)};`);
    }
  }

  private zeroInit(t: OType): string {
    if (t.k === "iface") return " = {0}";
    return isRefType(nonNull(t)) ? " = 0" : " = 0";
  }

  /** The type a declaration without annotation gets from its initializer. */
  private defaultType(v: V, at: ts.Node): OType {
    if (v.t.k === "null") fail(at, "cannot infer a type from `null`", "annotate the declaration, e.g. `let x: Node | null = null`");
    if (v.t.k === "void") fail(at, "a void expression has no value");
    return v.t;
  }

  private exprWithFmt(e: ts.Expression, t: OType): V {
    return this.expr(e, t);
  }

  /** The C label of a TypeScript label: unique in the translation unit (module inits share one C function). */
  private labelC(l: LabelInfo): string {
    return l.cname ??= this.prog.tmp(`l_${cLocalName(l.name)}_`);
  }

  private loopLabel(name: string | null): LabelInfo | null {
    if (!name) return null;
    const l: LabelInfo = { name, breakUsed: false, continueUsed: false, isLoop: true };
    this.labels.push(l);
    return l;
  }

  private continueTarget(l: LabelInfo | null): void {
    if (l) this.emit(`${this.labelC(l)}_continue:;`);
  }

  private endLoop(l: LabelInfo | null): void {
    if (!l) return;
    if (l.breakUsed) this.emit(`${this.labelC(l)}_break:;`);
    this.labels.pop();
  }

  private loop(label: string | null, head: () => ts.Statement): void {
    const l = this.loopLabel(label);
    const body = head();
    this.nested(body);
    this.indent++;
    this.continueTarget(l);
    this.indent--;
    this.emit("}");
    this.endLoop(l);
  }

  private whileStmt(s: ts.WhileStatement, label: string | null): void {
    const close = this.openViews([s.expression, s.statement]);
    this.loop(label, () => {
      this.emit(`while (${this.cond(s.expression)}) {`);
      return s.statement;
    });
    close();
  }

  private doStmt(s: ts.DoStatement, label: string | null): void {
    const close = this.openViews([s.statement, s.expression]);
    const l = this.loopLabel(label);
    this.emit("do {");
    this.nested(s.statement);
    this.continueTarget(l);
    this.emit(`} while (${this.cond(s.expression)});`);
    this.endLoop(l);
    close();
  }

  private forStmt(s: ts.ForStatement, label: string | null): void {
    this.emit("{");
    this.indent++;
    if (s.initializer) {
      if (ts.isVariableDeclarationList(s.initializer)) this.varDeclList(s.initializer);
      else this.emit(`${this.exprStmt(s.initializer)};`);
    }
    const close = this.openViews([s.condition, s.incrementor, s.statement].filter((n): n is ts.Expression | ts.Statement => !!n));
    const counting = this.countingLoop(s);
    const step = counting && this.boundedStep(counting);
    if (step) this.boundedSteps.add(step);
    const index = counting && this.boundedIndex(s, counting);
    const cond = s.condition ? this.cond(s.condition) : "";
    const inc = s.incrementor ? this.exprStmt(s.incrementor) : "";
    if (index) this.boundedIndexes.push(index);
    this.loop(label, () => {
      this.emit(`for (; ${cond}; ${inc}) {`);
      return s.statement;
    });
    if (index) this.boundedIndexes.pop();
    close();
    this.indent--;
    this.emit("}");
  }

  /**
   * The counting loop a `for` statement is, if it is one: its step is `i++`, `++i`, `i += k`,
   * `i--`, `--i` or `i -= k` (k a positive constant) on a local integer variable i that neither
   * the condition nor the body assigns, so the condition held for the value of i that the step
   * and the body see. `bounds` are the comparisons of i among the condition's `&&` operands.
   */
  private countingLoop(s: ts.ForStatement): CountingLoop | undefined {
    const step = s.incrementor && skipParens(s.incrementor), cond = s.condition;
    if (!step || !cond) return undefined;
    let name: ts.Expression, up: boolean, k: bigint | undefined;
    if ((ts.isPrefixUnaryExpression(step) || ts.isPostfixUnaryExpression(step)) && (step.operator === ts.SyntaxKind.PlusPlusToken || step.operator === ts.SyntaxKind.MinusMinusToken)) {
      name = step.operand; up = step.operator === ts.SyntaxKind.PlusPlusToken; k = 1n;
    } else if (ts.isBinaryExpression(step) && (step.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || step.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken)) {
      name = step.left; up = step.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken; k = this.constValue(step.right);
    } else return undefined;
    if (!ts.isIdentifier(name) || k === undefined || k < 1n) return undefined;
    const sym = this.prog.symbolAt(name);
    const decl = sym?.valueDeclaration;
    const local = decl && ts.isVariableDeclaration(decl) ? this.locals.get(decl) : undefined;
    if (!sym || !decl || !ts.isVariableDeclaration(decl) || !local || local.type.k !== "int") return undefined;
    const isI = (e: ts.Expression): boolean => { const x = skipParens(e); return ts.isIdentifier(x) && this.prog.symbolAt(x) === sym; };
    const bounds: { op: ts.SyntaxKind; b: ts.Expression }[] = [];
    const collect = (c: ts.Expression): void => {
      const e = skipParens(c);
      if (!ts.isBinaryExpression(e)) return;
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) { collect(e.left); collect(e.right); return; }
      const turned = FLIPPED_COMPARISON[op];
      if (!turned) return;
      if (isI(e.left)) bounds.push({ op, b: e.right });
      else if (isI(e.right)) bounds.push({ op: turned, b: e.left });
    };
    collect(cond);
    if (!bounds.length || assigns([cond, s.statement], sym, this.prog)) return undefined;
    return { step, sym, decl, kind: local.type.kind, up, k, bounds };
  }

  /**
   * The step of a counting loop that cannot overflow: under `i < b` or `i <= b` when it steps up,
   * `i > b` or `i >= b` when it steps down. The step runs only after the condition held for the
   * same value of i, so i is at most the largest value b can have (less one when the comparison is
   * strict) when it steps up, at least the smallest when it steps down; when that bound plus k
   * (minus k) fits i's type, the step's overflow check could never fire.
   */
  private boundedStep(loop: CountingLoop): ts.Expression | undefined {
    const range = INT_INFO[loop.kind];
    if (loop.k > range.max) return undefined;
    const less = ts.SyntaxKind.LessThanToken, greater = ts.SyntaxKind.GreaterThanToken;
    const fits = ({ op, b }: { op: ts.SyntaxKind; b: ts.Expression }): boolean => {
      if (loop.up ? op !== less && op !== ts.SyntaxKind.LessThanEqualsToken : op !== greater && op !== ts.SyntaxKind.GreaterThanEqualsToken) return false;
      const v = this.peekValue(b);
      if (!v || v.t.k !== "int") return false;
      const info = INT_INFO[v.t.kind], strict = op === less || op === greater ? 1n : 0n;
      if (loop.up) return (v.cv ?? info.max) - strict + loop.k <= range.max;
      return (v.cv ?? (v.nonneg && info.min < 0n ? 0n : info.min)) + strict - loop.k >= range.min;
    };
    return loop.bounds.some(fits) ? loop.step : undefined;
  }

  /**
   * The loop variable of `for (let i = start; i < a.length; i++)` (or `i += k`) as an index that is
   * in bounds of `a` everywhere in the body: i is declared by the loop, start is at least 0 and i
   * only steps up (so i ≥ 0), and `a` is a path of variables and fields that nothing in the loop
   * assigns, to an array that nothing in the loop can resize (the analysis behind the array views).
   * The body runs only after i < a.length held, and neither side changes until the step: `a[i]`
   * needs no check.
   */
  private boundedIndex(s: ts.ForStatement, loop: CountingLoop): BoundedIndex | undefined {
    if (!loop.up || loop.decl.parent !== s.initializer || !loop.decl.initializer) return undefined;
    if (INT_INFO[loop.kind].signed) {
      const start = this.peekValue(loop.decl.initializer);
      if (!start || !(start.nonneg || (start.cv !== undefined && start.cv >= 0n))) return undefined;
    }
    const lengthOf = (e: ts.Expression): ts.Expression | undefined => {
      const x = skipParens(e);
      return ts.isPropertyAccessExpression(x) && !x.questionDotToken && x.name.text === "length" ? x.expression : undefined;
    };
    const arr = loop.bounds.map(({ op, b }) => (op === ts.SyntaxKind.LessThanToken ? lengthOf(b) : undefined)).find((a) => a !== undefined);
    const path = arr && this.pathOf(arr);
    const t = arr && this.peekType(arr);
    if (!arr || !path || !t || t.k !== "array") return undefined;
    const eff = this.prog.effects.of([s.condition!, loop.step, s.statement]);
    if (!this.stablePath(eff, path) || !this.stableArray(eff, arr)) return undefined;
    return { sym: loop.sym, key: path.key, body: s.statement };
  }

  /** Is this element access `a[i]` in the body of a loop whose boundedIndex i is for a? */
  private inBounds(at: ts.Node): boolean {
    if (!this.boundedIndexes.length || !ts.isElementAccessExpression(at)) return false;
    const idx = skipParens(at.argumentExpression);
    if (!ts.isIdentifier(idx)) return false;
    const sym = this.prog.symbolAt(idx);
    const b = this.boundedIndexes.find((x) => x.sym === sym);
    if (!b || at.getSourceFile() !== b.body.getSourceFile() || at.pos < b.body.pos || at.end > b.body.end) return false;
    return this.pathOf(at.expression)?.key === b.key;
  }

  private forOf(s: ts.ForOfStatement, label: string | null): void {
    if (s.awaitModifier) fail(s, "for await is not supported");
    const it = this.expr(s.expression);
    const t = nonNull(it.t);
    const init = s.initializer;
    if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1 || !ts.isIdentifier(init.declarations[0].name)) {
      return fail(init, "for…of needs a single `const x` or `let x` declaration");
    }
    const d = init.declarations[0];
    const name = cLocalName((d.name as ts.Identifier).text);
    const arr = this.prog.tmp("it");
    const idx = this.prog.tmp("i");
    let elemType: OType;
    let elemExpr: string;
    let bound = `${arr}->len`;
    let step = `${idx}++`;
    let advance = "";
    let close = (): void => {};
    if (t.k === "array" && it.fixed) {
      // A fixed-size field: its elements are in the object, and nothing can resize it.
      elemType = t.elem;
      const d = this.prog.tmp("vd");
      this.emit(`{ ${this.prog.ctype(t.elem)} *const ${d} = ${it.fixed.d};`);
      elemExpr = `${d}[${idx}]`;
      bound = `${it.fixed.n}`;
      close = this.openViews([s.statement]);
    } else if (t.k === "array") {
      elemType = t.elem;
      elemExpr = `((${this.prog.ctype(t.elem)}*)${arr}->data)[${idx}]`;
      this.emit(`{ ostc_array *${arr} = ${it.c};`);
      // Like JavaScript's array iterator, the loop reads the length on every step; when nothing
      // in the body can resize an array of this type, the header is read once.
      const eff = this.prog.effects.of([s.statement]);
      if (this.stableArray(eff, s.expression)) {
        const d = this.prog.tmp("vd"), n = this.prog.tmp("vn");
        this.emit(`  ${this.prog.ctype(t.elem)} *const ${d} = ${arr}->data; const int32_t ${n} = ${arr}->len;`);
        elemExpr = `${d}[${idx}]`;
        bound = n;
      }
      close = this.openViews([s.statement], eff);
    } else if (t.k === "str") {
      // By code point, as JavaScript's string iterator: a surrogate pair is one element.
      elemType = T_STR;
      elemExpr = `OSTC_STR_ITER_AT(${arr}, ${idx})`;
      bound = `OSTC_STR_LEN(${arr})`;
      step = "";
      // Past the element before the body runs: the body may assign the loop variable.
      advance = ` ${idx} += OSTC_STR_LEN(${name});`;
      this.emit(`{ ostc_str ${arr} = ${it.c};`);
    } else {
      return fail(s.expression, `for…of over ${typeName(t)} is not supported`, "iterate over an array or a string");
    }
    if (d.type) this.prog.expectSame(d.type, this.prog.typeFromNode(d.type, this.env), elemType);
    this.locals.set(d, { cname: name, type: elemType });
    this.indent++;
    this.loop(label, () => {
      this.emit(`for (int32_t ${idx} = 0; ${idx} < ${bound}; ${step}) {`);
      this.emit(`  ${this.prog.cdecl(elemType, name)} = ${elemExpr};${advance}`);
      return s.statement;
    });
    close();
    this.indent--;
    this.emit("}");
  }

  private labeled(s: ts.LabeledStatement): void {
    const name = s.label.text;
    const body = s.statement;
    if (ts.isForStatement(body)) return this.forStmt(body, name);
    if (ts.isForOfStatement(body)) return this.forOf(body, name);
    if (ts.isWhileStatement(body)) return this.whileStmt(body, name);
    if (ts.isDoStatement(body)) return this.doStmt(body, name);
    const l: LabelInfo = { name, breakUsed: false, continueUsed: false, isLoop: false };
    this.labels.push(l);
    this.stmt(body);
    if (l.breakUsed) this.emit(`${this.labelC(l)}_break:;`);
    this.labels.pop();
  }

  private switchStmt(s: ts.SwitchStatement): void {
    const d = this.expr(s.expression);
    const dt = nonNull(d.t);
    const clauses = s.caseBlock.clauses;
    const intLike = dt.k === "int" || dt.k === "enum";
    const consts = intLike ? clauses.map((c) => ts.isCaseClause(c) ? this.expr(c.expression, dt.k === "int" ? dt : T_I32).cv : 0n) : [];
    if (intLike && consts.every((c) => c !== undefined) && !isBig(dt.k === "int" ? dt.kind : "i32")) {
      this.emit(`switch (${d.c}) {`);
      clauses.forEach((c, i) => {
        this.emit(ts.isCaseClause(c) ? `case ${cIntLiteral(consts[i]!, dt.k === "int" ? dt : T_I32)}: {` : "default: {");
        this.nested(ts.factory.createBlock(c.statements) as ts.Statement);
        this.emit("}");
      });
      this.emit("}");
      return;
    }
    // General form: pick the clause index by strict equality, left to right, then a C switch on it.
    const tv = this.prog.tmp("sw");
    const ti = this.prog.tmp("case");
    this.emit("{");
    this.indent++;
    this.emit(`${this.prog.cdecl(d.t, tv)} = ${d.c};`);
    this.emit(`int ${ti} = -1;`);
    let first = true;
    clauses.forEach((c, i) => {
      if (!ts.isCaseClause(c)) return;
      const eq = this.equality(ts.SyntaxKind.EqualsEqualsEqualsToken, { c: tv, t: d.t, pure: true }, this.expr(c.expression, d.t), c.expression);
      this.emit(`${first ? "" : "else "}if (${eq}) ${ti} = ${i};`);
      first = false;
    });
    const def = clauses.findIndex((c) => ts.isDefaultClause(c));
    if (def >= 0) this.emit(`${first ? "" : "else "}${ti} = ${def};`);
    this.emit(`switch (${ti}) {`);
    clauses.forEach((c, i) => {
      this.emit(`case ${i}: {`);
      this.nested(ts.factory.createBlock(c.statements) as ts.Statement);
      this.emit("}");
    });
    this.emit("}");
    this.indent--;
    this.emit("}");
  }

  private lowerConstructorBody(ctor: ts.ConstructorDeclaration): void {
    const cls = this.owner!;
    const stmts = ctor.body!.statements;
    const superIdx = stmts.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword);
    if (cls.base && superIdx < 0) fail(ctor, "a derived class constructor must call super(…) at top level of its body");
    if (!cls.base) this.fieldInits(cls, ctor);
    stmts.forEach((s, i) => {
      this.stmt(s);
      if (i === superIdx) this.fieldInits(cls, ctor);
    });
  }

  /** Parameter properties and field initializers of the class itself (not its bases). */
  fieldInits(cls: ClassInst, ctor: ts.ConstructorDeclaration | null): void {
    for (const p of ctor?.parameters ?? []) {
      if (ts.isParameterPropertyDeclaration(p, ctor!) && ts.isIdentifier(p.name)) {
        const f = cls.fields.find((x) => x.decl === p)!, name = cLocalName(p.name.text);
        // A moved array: the parameter names the object's header from now on.
        this.emit(f.embedded ? `${embedArray(`self->${f.cname}`, name)}; ${name} = &self->${f.cname};` : `self->${f.cname} = ${name};`);
      }
    }
    for (const m of cls.decl.members) {
      if (ts.isPropertyDeclaration(m) && !isStatic(m) && m.initializer) {
        const f = cls.fields.find((x) => x.decl === m)!;
        this.line(m);
        if (f.fixed) { this.emit(`${this.fillFixed(`self->${f.cname}`, f)};`); continue; }
        const v = this.coerce(this.expr(m.initializer, f.type), f.type, m.initializer);
        this.emit(f.embedded ? `${embedArray(`self->${f.cname}`, v)};` : `self->${f.cname} = ${v};`);
      }
    }
  }

  /**
   * Fills a fixed-size array field (FieldInfo.fixed) from its fresh array: the elements of a
   * literal, left to right, or N copies of `.fill`'s value. A statement expression.
   */
  private fillFixed(slot: string, f: FieldInfo): string {
    const init = f.fixed!.init, elem = (f.type as { elem: OType }).elem;
    const stores: string[] = [];
    if (ts.isArrayLiteralExpression(init)) {
      init.elements.forEach((el, i) => stores.push(`${slot}[${i}] = ${this.coerce(this.expr(el, elem), elem, el)};`));
    } else {
      const value = (init as ts.CallExpression).arguments[0]!;
      const v = this.prog.tmp("v"), k = this.prog.tmp("k");
      stores.push(`${this.prog.cdecl(elem, v)} = ${this.coerce(this.expr(value, elem), elem, value)};`);
      stores.push(`for (int32_t ${k} = 0; ${k} < ${f.fixed!.length}; ${k}++) ${slot}[${k}] = ${v};`);
    }
    return `({ ${stores.join(" ")} })`;
  }

  /** Body of a synthesized init: forward to the base init, then this class's field initializers. */
  synthesizedInitBody(cls: ClassInst, baseInit: { cname: string; params: OType[] } | null, nargs: number): string {
    this.out = [];
    if (baseInit && cls.base) this.emit(`${baseInit.cname}(${[`(struct ${cls.base.cname} *)self`, ...Array.from({ length: nargs }, (_, i) => `a${i}`)].join(", ")});`);
    this.fieldInits(cls, null);
    return this.out.join("\n");
  }

  // ================================================================== conditions

  /** A C condition with TypeScript truthiness (0, "", null are false). */
  cond(e: ts.Expression): string {
    e = skipParens(e);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const op = e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "||";
      return `(${this.cond(e.left)} ${op} ${this.cond(e.right)})`;
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return `!${this.cond(e.operand)}`;
    return this.truthy(this.expr(e, T_BOOL), e);
  }

  private truthy(v: V, at: ts.Node): string {
    const t = v.t;
    switch (t.k) {
      case "bool": return v.c;
      case "int": case "enum": return `((${v.c}) != 0)`;
      case "str": return `((${v.c})->header != 0)`;
      case "nullable":
        if (t.inner.k === "str") return `({ ostc_str ostc_s_ = (${v.c}); ostc_s_ && ostc_s_->header; })`;
        return `((${v.c}) != 0)`;
      // Always true or always false, but the expression still runs (a call, an assignment).
      case "class": case "array": case "fn": return v.pure ? "1" : `((void)(${v.c}), 1)`;
      case "null": return v.pure ? "0" : `((void)(${v.c}), 0)`;
      default: return fail(at, `a ${typeName(t)} cannot be used as a condition`);
    }
  }

  // ================================================================== expressions

  /** Lowers an expression used as a statement (results discarded; `x++` needs no copy). */
  exprStmt(e: ts.Expression): string {
    e = skipParens(e);
    if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) &&
      (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)) {
      return this.increment(e.operand, e.operator === ts.SyntaxKind.PlusPlusToken, true, e).c;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      return `${this.exprStmt(e.left)}, ${this.exprStmt(e.right)}`;
    }
    return `(void)(${this.expr(e).c})`;
  }

  /** Lowers an expression; `expected` types literals and picks the arithmetic width. */
  expr(e: ts.Expression, expected?: OType): V {
    switch (e.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
        return this.expr((e as ts.ParenthesizedExpression).expression, expected);
      case ts.SyntaxKind.NumericLiteral:
        return this.numLiteral(e as ts.NumericLiteral, expected);
      case ts.SyntaxKind.BigIntLiteral: {
        const v = BigInt((e as ts.BigIntLiteral).text.replace(/n$/, ""));
        const t = expected && nonNull(expected).k === "int" && isBig((nonNull(expected) as { kind: IntKind }).kind) ? nonNull(expected) : tInt(v > INT_INFO.i64.max ? "u64" : "i64");
        return this.intConst(v, t, e);
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return this.strLiteral((e as ts.StringLiteral).text, e);
      case ts.SyntaxKind.TrueKeyword: return { c: "true", t: T_BOOL, pure: true };
      case ts.SyntaxKind.FalseKeyword: return { c: "false", t: T_BOOL, pure: true };
      case ts.SyntaxKind.NullKeyword: return { c: "0", t: T_NULL, pure: true };
      case ts.SyntaxKind.ThisKeyword:
        if (!this.owner || this.fn?.isStatic) fail(e, "`this` outside an instance method");
        return { c: "self", t: { k: "class", cls: this.owner }, pure: true };
      case ts.SyntaxKind.Identifier:
        return this.identifier(e as ts.Identifier);
      case ts.SyntaxKind.TemplateExpression:
        return this.template(e as ts.TemplateExpression, false);
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.property(e as ts.PropertyAccessExpression, expected);
      case ts.SyntaxKind.ElementAccessExpression:
        return this.element(e as ts.ElementAccessExpression);
      case ts.SyntaxKind.CallExpression:
        return this.call(e as ts.CallExpression, expected);
      case ts.SyntaxKind.NewExpression:
        return this.newExpr(e as ts.NewExpression, expected);
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(e as ts.BinaryExpression, expected);
      case ts.SyntaxKind.PrefixUnaryExpression:
        return this.prefix(e as ts.PrefixUnaryExpression, expected);
      case ts.SyntaxKind.PostfixUnaryExpression: {
        const p = e as ts.PostfixUnaryExpression;
        return this.increment(p.operand, p.operator === ts.SyntaxKind.PlusPlusToken, false, p);
      }
      case ts.SyntaxKind.ConditionalExpression:
        return this.conditional(e as ts.ConditionalExpression, expected);
      case ts.SyntaxKind.NonNullExpression: {
        const v = this.expr((e as ts.NonNullExpression).expression, expected);
        if (v.t.k !== "nullable") return v;
        return { c: this.prog.options.checked ? `OSTC_NONNULL(${v.c}, ${this.loc(e)})` : v.c, t: v.t.inner, pure: v.pure };
      }
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        return this.assertion(e as ts.AsExpression);
      case ts.SyntaxKind.ArrayLiteralExpression:
        return this.arrayLiteral(e as ts.ArrayLiteralExpression, expected);
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return fail(e, "function expressions are not supported (they could capture variables)", "declare a function at module level and pass its name");
      case ts.SyntaxKind.ObjectLiteralExpression:
        return fail(e, "object literals are not supported", "declare a class and construct it with new");
      case ts.SyntaxKind.TypeOfExpression:
        return fail(e, "typeof at run time is not supported: types are known at compile time");
      case ts.SyntaxKind.DeleteExpression:
        return fail(e, "delete is not supported: object shapes are fixed");
      case ts.SyntaxKind.AwaitExpression:
        return fail(e, "async code is not supported");
      case ts.SyntaxKind.SuperKeyword:
        return fail(e, "super can only be called or used to call a base method");
      case ts.SyntaxKind.VoidExpression: {
        const v = this.expr((e as ts.VoidExpression).expression);
        return { c: `(void)(${v.c})`, t: T_VOID, pure: v.pure };
      }
      default:
        return fail(e, `expression not supported: ${ts.SyntaxKind[e.kind]}`);
    }
  }

  private numLiteral(e: ts.NumericLiteral, expected?: OType): V {
    const n = Number(e.text);
    if (!Number.isInteger(n)) return fail(e, "floating-point numbers are not supported", "ostc compiles integer types; scale the value, e.g. work in thousandths");
    if (!Number.isSafeInteger(n)) return fail(e, `${e.text} is beyond 2^53 and is not exact in TypeScript`, "use a bigint literal with i64/u64, e.g. 9007199254740993n");
    return this.intConst(BigInt(n), this.literalType(BigInt(n), expected, e), e);
  }

  /** The type an integer constant takes: the expected integer type, else i32 or u32. */
  private literalType(v: bigint, expected: OType | undefined, at: ts.Node): OType {
    const ex = expected && nonNull(expected);
    // The expected type is a hint: `a = big - 800` into a u8 computes 800 as an i32, and the
    // final conversion checks the result (a constant that does not fit is rejected there).
    if (ex && ex.k === "int" && !isBig(ex.kind) && v >= INT_INFO[ex.kind].min && v <= INT_INFO[ex.kind].max) return ex;
    if (ex && ex.k === "enum") return T_I32;
    if (v >= INT_INFO.i32.min && v <= INT_INFO.i32.max) return T_I32;
    if (v >= 0n && v <= INT_INFO.u32.max) return T_U32;
    return fail(at, `the integer ${v} does not fit in 32 bits`, "use a bigint literal (…n) typed i64 or u64");
  }

  /**
   * The typed result of a constant-folded operation: the expected integer type when there is
   * one (a constant that does not fit is an error, as its run-time twin would trap), else the
   * first operand kind that holds the value, else the literal default (i32/u32, i64/u64).
   */
  private foldedConst(v: bigint, expected: OType | undefined, operandKinds: readonly IntKind[], at: ts.Node): V {
    const big = isBig(operandKinds[0]);
    const ex = expected && nonNull(expected);
    if (ex?.k === "int" && isBig(ex.kind) === big) return this.intConst(v, ex, at);
    const kinds: IntKind[] = [...operandKinds, ...(big ? ["i64", "u64"] as const : ["i32", "u32"] as const)];
    const kind = kinds.find((k) => v >= INT_INFO[k].min && v <= INT_INFO[k].max);
    if (!kind) return fail(at, `the constant ${v} does not fit in ${big ? 64 : 32} bits`, big ? undefined : "compute in i64/u64 (bigint) when the value needs more than 32 bits");
    return this.intConst(v, tInt(kind), at);
  }

  private intConst(v: bigint, t: OType, at: ts.Node): V {
    const kind = t.k === "int" ? t.kind : "i32";
    const info = INT_INFO[kind];
    if (v < info.min || v > info.max) fail(at, `the constant ${v} does not fit in ${kind} (${info.min}…${info.max})`);
    return { c: cIntLiteral(v, t), t, pure: true, cv: v };
  }

  private strLiteral(text: string, at: ts.Node): V {
    return { c: `((ostc_str)&${this.prog.stringLiteral(text, at)})`, t: T_STR, pure: true };
  }

  // ------------------------------------------------------------------ names

  /** Resolves the symbol behind an identifier (following imports). */
  symbolOf(n: ts.Node): ts.Symbol | undefined {
    return this.prog.symbolAt(n);
  }

  private identifier(id: ts.Identifier): V {
    if (id.text === "undefined") fail(id, "`undefined` is not a value in ostc", "use null for an absent reference");
    const sym = this.symbolOf(id);
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!decl) return fail(id, `cannot resolve ${id.text}`);
    const local = this.locals.get(decl);
    if (local) return { c: local.cname, t: local.type, pure: true };
    if (ts.isVariableDeclaration(decl)) {
      if (decl.getSourceFile().isDeclarationFile && id.text === "OSTC_CHECKED") return { c: "OSTC_CHECKED", t: T_BOOL, pure: true };
      if (decl.getSourceFile().isDeclarationFile && !this.prog.isDeclaredGlobal(decl)) {
        return fail(id, `${id.text} is not available in ostc programs`);
      }
      if (isModuleLevel(decl)) {
        const g = this.prog.globalInfo(decl);
        if (g.constValue !== undefined) return { c: g.cname, t: g.type, pure: true, cv: g.constValue };
        return { c: g.cname, t: g.type, pure: true };
      }
      return fail(id, `${id.text} is declared outside this function`, "closures are not supported: pass it as a parameter");
    }
    if (ts.isFunctionDeclaration(decl)) {
      if (decl.getSourceFile().isDeclarationFile) fail(id, `${id.text} can only be called`);
      if (decl.typeParameters?.length) fail(id, "a generic function cannot be used as a value");
      const f = this.prog.functionInst(decl, []);
      return { c: f.cname, t: { k: "fn", params: f.params.map((p) => p.type), ret: f.ret }, pure: true };
    }
    if (ts.isParameter(decl)) return fail(id, `${id.text} belongs to another function`, "closures are not supported");
    if (ts.isEnumDeclaration(decl) || ts.isClassDeclaration(decl)) return fail(id, `${id.text} is a type and can't be used as a value here`);
    return fail(id, `${id.text} cannot be used here`);
  }

  // ------------------------------------------------------------------ property access

  private property(e: ts.PropertyAccessExpression, expected?: OType): V {
    if (e.questionDotToken) fail(e, "optional chaining (?.) is not supported", "test for null explicitly");
    const name = e.name.text;
    const sym = this.symbolOf(e.name);
    const decl = sym?.valueDeclaration;
    // Enum members.
    if (decl && ts.isEnumMember(decl)) {
      const en = this.prog.enumInfo(decl.parent);
      const v = en.members.get(decl.name.getText())!;
      return { c: cIntLiteral(v, T_I32), t: { k: "enum", en }, pure: true, cv: v };
    }
    // Namespace imports: `ns.f` is just f.
    const objSym = this.symbolOf(e.expression);
    if (objSym && objSym.flags & ts.SymbolFlags.ValueModule && decl) {
      if (ts.isVariableDeclaration(decl) || ts.isFunctionDeclaration(decl)) return this.identifierLike(e.name, decl);
    }
    // Static members.
    if (decl && (ts.isPropertyDeclaration(decl) || ts.isGetAccessor(decl)) && isStatic(decl)) {
      const cls = this.prog.classInst(decl.parent as ts.ClassDeclaration, []);
      if (ts.isGetAccessor(decl)) {
        const f = this.prog.methodInst(cls, decl, []);
        return { c: `${f.cname}()`, t: f.ret, pure: false };
      }
      const g = this.prog.staticField(cls, decl);
      return { c: g.cname, t: g.type, pure: true, cv: g.constValue };
    }
    const builtin = lowerBuiltinProperty(this, e, expected);
    if (builtin) return builtin;
    const obj = this.expr(e.expression);
    const ot = nonNull(obj.t);
    if (ot.k === "str" || ot.k === "array") {
      if (name === "length") {
        if (obj.fixed) return { c: obj.pure ? `${obj.fixed.n}` : `({ (void)(${obj.fixed.d}); ${obj.fixed.n}; })`, t: T_I32, pure: obj.pure, nonneg: true, cv: obj.pure ? BigInt(obj.fixed.n) : undefined };
        if (ot.k === "str") return { c: `OSTC_STR_LEN(${obj.c})`, t: T_I32, pure: obj.pure, nonneg: true };
        const view = this.viewOf(e.expression);
        return { c: view ? view.n : `(${obj.c})->len`, t: T_I32, pure: obj.pure, nonneg: true };
      }
      return fail(e.name, `${typeName(ot)} has no property ${name} in ostc`);
    }
    if (ot.k === "class") {
      const getter = this.prog.findMethod(ot.cls, name, "get");
      if (getter) return this.callMethod(obj, ot.cls, getter, [], e, "get");
      const f = ot.cls.fields.find((x) => x.name === name);
      if (!f) return fail(e.name, `${typeName(ot)} has no field ${name}`);
      if (f.fixed) return { c: "ostc_fixed_array_as_value", t: f.type, pure: obj.pure, fixed: { d: `(${obj.c})->${f.cname}`, n: f.fixed.length } };
      return { c: f.embedded ? `(&(${obj.c})->${f.cname})` : `(${obj.c})->${f.cname}`, t: f.type, pure: obj.pure };
    }
    return fail(e, `property ${name} of ${typeName(ot)} is not supported`);
  }

  private identifierLike(at: ts.Identifier, decl: ts.Declaration): V {
    if (ts.isVariableDeclaration(decl)) {
      const g = this.prog.globalInfo(decl);
      return { c: g.cname, t: g.type, pure: true, cv: g.constValue };
    }
    if (ts.isFunctionDeclaration(decl)) {
      const f = this.prog.functionInst(decl, []);
      return { c: f.cname, t: { k: "fn", params: f.params.map((p) => p.type), ret: f.ret }, pure: true };
    }
    return fail(at, "unsupported namespace member");
  }

  private element(e: ts.ElementAccessExpression): V {
    if (e.questionDotToken) fail(e, "optional chaining (?.) is not supported");
    const objSym = this.symbolOf(e.expression);
    const enumDecl = objSym?.valueDeclaration;
    if (enumDecl && ts.isEnumDeclaration(enumDecl)) {
      if (hasModifier(enumDecl, ts.SyntaxKind.ConstKeyword)) fail(e, "const enums have no reverse mapping", "drop `const` from the enum to get member names");
      const en = this.prog.enumInfo(enumDecl);
      const idx = this.expr(e.argumentExpression, T_I32);
      return { c: `${en.cname}__name(${this.coerce(idx, T_I32, e.argumentExpression)}, ${this.loc(e)})`, t: T_STR, pure: false };
    }
    const env = lowerProcessEnv(this, e);
    if (env) return env;
    const obj = this.expr(e.expression);
    const ot = nonNull(obj.t);
    const idx = this.expr(e.argumentExpression, T_I32);
    if (idx.t.k !== "int" && idx.t.k !== "enum") fail(e.argumentExpression, "index must be an integer", "dynamic property access is not supported");
    if (ot.k === "array") return { c: this.arrayAt(obj, idx, ot.elem, e, this.viewOf(e.expression)), t: ot.elem, pure: obj.pure && idx.pure };
    if (ot.k === "str") {
      const [sc, ic, wrap] = this.orderPair(obj, this.coerceV(idx, T_I32, e.argumentExpression));
      return { c: wrap(`ostc_str_element(${sc}, ${ic}, ${this.loc(e)})`), t: T_STR, pure: false };
    }
    return fail(e, `indexing ${typeName(ot)} is not supported`);
  }

  /** An lvalue for element i of an array. */
  arrayAt(arr: V, idx: V, elem: OType, at: ts.Node, view?: View): string {
    const T = this.prog.ctype(elem);
    const i = idx.t.k === "int" && isBig(idx.t.kind) ? `(int64_t)(${idx.c})` : idx.c;
    if (this.inBounds(at)) {
      // A loop's bounded index (boundedIndex): no bounds check.
      if (view) return `${view.d}[${i}]`;
      if (arr.fixed && arr.pure) return `${arr.fixed.d}[${i}]`;
      if (!arr.fixed && arr.pure) return `((${T} *)(${arr.c})->data)[${i}]`;
    }
    if (view) return `OSTC_VIEW_AT(${view.d}, ${view.n}, ${i}, ${this.loc(at)})`;
    if (arr.fixed) {
      if (arr.pure) return `OSTC_VIEW_AT(${arr.fixed.d}, ${arr.fixed.n}, ${i}, ${this.loc(at)})`;
      const t = this.prog.tmp("a");
      return `(*({ ${T} *${t} = ${arr.fixed.d}; &OSTC_VIEW_AT(${t}, ${arr.fixed.n}, ${i}, ${this.loc(at)}); }))`;
    }
    if (arr.pure) return `OSTC_AT(${T}, ${arr.c}, ${i}, ${this.loc(at)})`;
    const t = this.prog.tmp("a");
    return `(*({ ostc_array *${t} = ${arr.c}; &OSTC_AT(${T}, ${t}, ${i}, ${this.loc(at)}); }))`;
  }

  // ------------------------------------------------------------------ calls

  private call(e: ts.CallExpression, expected?: OType): V {
    const callee = e.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.superCall(e);
    if (e.flags & ts.NodeFlags.OptionalChain) fail(e, "optional chaining (?.) is not supported", "test for null explicitly");
    const builtin = lowerBuiltinCall(this, e, expected);
    if (builtin) return builtin;
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      const sym = this.symbolOf(callee.name);
      const decl = sym?.valueDeclaration;
      if (callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
        const base = this.owner?.base ?? fail(callee, "super call outside a derived class");
        const found = this.prog.findMethod(base, name, "method") ?? fail(callee.name, `base class has no method ${name}`);
        const f = this.prog.methodInst(found.owner, found.decl, this.methodTypeArgs(found.decl, e, found.owner.env));
        return this.directCall(f, `(struct ${found.owner.cname} *)self`, e.arguments, e);
      }
      if (decl && ts.isMethodDeclaration(decl) && isStatic(decl)) {
        const cls = this.prog.classInst(decl.parent as ts.ClassDeclaration, []);
        const f = this.prog.methodInst(cls, decl, this.methodTypeArgs(decl, e, cls.env));
        return this.directCall(f, null, e.arguments, e);
      }
      const objSym = this.symbolOf(callee.expression);
      if (objSym && objSym.flags & ts.SymbolFlags.ValueModule && decl && ts.isFunctionDeclaration(decl)) {
        return this.freeCall(decl, e, expected);
      }
      const obj = this.expr(callee.expression);
      const ot = nonNull(obj.t);
      if (ot.k === "class") {
        const found = this.prog.findMethod(ot.cls, name, "method");
        if (found) return this.callMethod(obj, ot.cls, found, e.arguments, e, "method");
        const field = ot.cls.fields.find((f) => f.name === name);
        if (field && field.type.k === "fn") return this.indirectCall({ c: `(${obj.c})->${field.cname}`, t: field.type, pure: obj.pure }, e);
        return fail(callee.name, `${typeName(ot)} has no method ${name}`);
      }
      if (ot.k === "iface") return this.ifaceCall(obj, ot.iface, name, e);
      return fail(callee, `method ${name} of ${typeName(ot)} is not supported`);
    }
    if (ts.isIdentifier(callee)) {
      const sym = this.symbolOf(callee);
      const decl = sym?.valueDeclaration;
      if (decl && ts.isFunctionDeclaration(decl) && !this.locals.has(decl)) return this.freeCall(decl, e, expected);
    }
    const fv = this.expr(callee);
    if (nonNull(fv.t).k === "fn") return this.indirectCall(fv, e);
    return fail(callee, `${callee.getText()} is not callable`);
  }

  private freeCall(decl: ts.FunctionDeclaration, e: ts.CallExpression, expected?: OType): V {
    if (decl.getSourceFile().isDeclarationFile && !jsDocTag(decl, "linkname")) {
      return fail(e.expression, `${decl.name?.text ?? "this function"} is not available in ostc programs`);
    }
    const typeArgs = this.inferTypeArgs(decl, e, new Map(this.env), expected);
    const f = this.prog.functionInst(decl, typeArgs);
    return this.directCall(f, null, e.arguments, e);
  }

  private methodTypeArgs(decl: ts.FunctionLikeDeclaration, e: ts.CallExpression, env: TypeEnv): OType[] {
    return this.inferTypeArgs(decl, e, new Map(env), undefined);
  }

  /** Type arguments of a generic call: explicit, or inferred from the argument types. */
  private inferTypeArgs(decl: ts.FunctionLikeDeclaration, e: ts.CallExpression | ts.NewExpression, env: Map<ts.Symbol, OType>, expected?: OType): OType[] {
    const tps = decl.typeParameters ?? [];
    if (!tps.length) return [];
    if (e.typeArguments?.length) return e.typeArguments.map((a) => this.prog.typeFromNode(a, this.env));
    const syms = tps.map((tp) => this.checker.getSymbolAtLocation(tp.name)!);
    const bound = new Map<ts.Symbol, OType>();
    const args = e.arguments ?? [];
    const literalArgs: [ts.TypeNode, V][] = [];
    decl.parameters.forEach((p, i) => {
      const a = args[i];
      if (!a || !p.type) return;
      const v = this.expr(a);
      if (v.cv !== undefined || isLiteralLike(a)) literalArgs.push([p.type, v]);
      else this.unify(p.type, v.t, bound, syms);
    });
    if (expected && decl.type) this.unify(decl.type, expected, bound, syms);
    for (const [tn, v] of literalArgs) this.unify(tn, v.t, bound, syms);
    return syms.map((s, i) => bound.get(s) ?? fail(e, `cannot infer type parameter ${tps[i].name.text}`, "write the type arguments explicitly, e.g. f<u32>(…)"));
  }

  private unify(tn: ts.TypeNode, actual: OType, bound: Map<ts.Symbol, OType>, syms: ts.Symbol[]): void {
    const a = actual;
    if (ts.isTypeReferenceNode(tn)) {
      const s = this.checker.getSymbolAtLocation(tn.typeName);
      if (s && syms.includes(s)) {
        if (!bound.has(s) && a.k !== "null") bound.set(s, a);
        return;
      }
      const name = ts.isIdentifier(tn.typeName) ? tn.typeName.text : "";
      if ((name === "Array" || name === "ReadonlyArray") && a.k === "array" && tn.typeArguments?.[0]) return this.unify(tn.typeArguments[0], a.elem, bound, syms);
      const n = nonNull(a);
      if (n.k === "class" && tn.typeArguments) tn.typeArguments.forEach((ta, i) => n.cls.typeArgs[i] && this.unify(ta, n.cls.typeArgs[i], bound, syms));
      return;
    }
    if (ts.isArrayTypeNode(tn) && a.k === "array") return this.unify(tn.elementType, a.elem, bound, syms);
    if (ts.isUnionTypeNode(tn)) {
      for (const m of tn.types) if (!(ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword)) this.unify(m, nonNull(a), bound, syms);
      return;
    }
    if (ts.isParenthesizedTypeNode(tn)) return this.unify(tn.type, a, bound, syms);
    if (ts.isFunctionTypeNode(tn) && a.k === "fn") {
      tn.parameters.forEach((p, i) => p.type && a.params[i] && this.unify(p.type, a.params[i], bound, syms));
      this.unify(tn.type, a.ret, bound, syms);
    }
  }

  /** Evaluates arguments left to right, converting each to its parameter type. */
  lowerArgs(params: readonly OType[], args: readonly ts.Expression[], at: ts.Node, borrowed: readonly boolean[] = []): { pre: string[]; vals: string[] } {
    if (args.length > params.length) fail(args[params.length], `expected ${params.length} argument(s)`);
    if (args.length < params.length) fail(at, `expected ${params.length} argument(s), got ${args.length}`, "optional parameters and defaults are not supported yet");
    const vs = args.map((a, i) => {
      if (borrowed[i] && ts.isTemplateExpression(skipParens(a))) return this.template(skipParens(a) as ts.TemplateExpression, true);
      return this.expr(a, params[i]);
    });
    return this.sequence(vs.map((v, i) => this.coerceV(v, params[i], args[i])));
  }

  /**
   * Keeps TypeScript's left-to-right evaluation. C leaves the order of operands and arguments
   * unspecified, so when any value has side effects, every non-constant value up to the last
   * such one is evaluated into a temporary first (a pure read may see what an earlier call
   * wrote, so it must not move either); the last impure value stays in place only when nothing
   * after it could observe it.
   */
  sequence(vs: V[]): { pre: string[]; vals: string[] } {
    const lastImpure = vs.findLastIndex((v) => !v.pure);
    const observedAfter = vs.some((v, i) => i > lastImpure && v.cv === undefined);
    const pre: string[] = [];
    const vals = vs.map((v, i) => {
      if (v.c.startsWith("ostc_fmt_stack:")) {
        const [, setup, name] = v.c.split("\u0000");
        pre.push(setup);
        return name;
      }
      if (v.cv !== undefined || i > lastImpure || (i === lastImpure && !observedAfter)) return v.c;
      const t = this.prog.tmp("arg");
      pre.push(`${this.prog.cdecl(v.t, t)} = ${v.c};`);
      return t;
    });
    return { pre, vals };
  }

  /** A call expression, with argument temporaries wrapped in a statement expression when needed. */
  wrapCall(pre: string[], callText: string, ret: OType): string {
    if (!pre.length) return callText;
    return ret.k === "void" || ret.k === "never" ? `({ ${pre.join(" ")} ${callText}; })` : `({ ${pre.join(" ")} ${callText}; })`;
  }

  private borrowedParams(decl: ts.SignatureDeclaration): boolean[] {
    return decl.parameters.map((p) => !!p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) && p.type.typeName.text === "Fmt");
  }

  directCall(f: FuncInst, self: string | null, args: readonly ts.Expression[], at: ts.Node): V {
    this.prog.noteCallSite(f, at);
    const { pre, vals } = this.lowerArgs(f.params.map((p) => p.type), args, at, this.borrowedParams(f.decl));
    const all = self !== null ? [self, ...vals] : vals;
    return { c: this.wrapCall(pre, `${f.cname}(${all.join(", ")})`, f.ret), t: f.ret, pure: false };
  }

  private callMethod(obj: V, cls: ClassInst, found: { owner: ClassInst; decl: ts.FunctionLikeDeclaration }, args: readonly ts.Expression[], at: ts.Node, kind: "method" | "get" | "set"): V {
    const name = (found.decl.name as ts.Identifier).text;
    const key = kind === "method" ? name : `${kind} ${name}`;
    const typeArgs = kind === "method" && ts.isCallExpression(at) ? this.methodTypeArgs(found.decl, at, found.owner.env) : [];
    const f = this.prog.methodInst(found.owner, found.decl, typeArgs);
    if (!this.prog.isVirtual(cls.decl, key)) {
      const self = found.owner === cls ? obj.c : `(struct ${found.owner.cname} *)(${obj.c})`;
      return this.directCall(f, self, args, at);
    }
    if (typeArgs.length) fail(at, "generic methods cannot be overridden (virtual)");
    const { pre, vals } = this.lowerArgs(f.params.map((p) => p.type), args, at, this.borrowedParams(f.decl));
    let self = obj.c;
    if (!obj.pure) {
      const t = this.prog.tmp("self");
      pre.unshift(`struct ${cls.cname} *${t} = ${obj.c};`);
      self = t;
    }
    const ps = [`struct ${found.owner.cname} *`, ...f.params.map((p) => this.prog.ctype(p.type))].join(", ");
    const slot = cLocalName(key.replace(" ", "_"));
    const callText = `((${this.prog.ctype(f.ret)} (*)(${ps}))(${self})->ostc_vt->${slot})(${[`(struct ${found.owner.cname} *)(${self})`, ...vals].join(", ")})`;
    void rootOf;
    return { c: this.wrapCall(pre, callText, f.ret), t: f.ret, pure: false };
  }

  private ifaceCall(obj: V, iface: import("../types.js").IfaceInst, name: string, e: ts.CallExpression): V {
    const m = iface.methods!.find((x) => x.name === name) ?? fail(e, `${iface.decl.name.text} has no method ${name}`);
    const params = m.sig.parameters.map((p) => this.prog.typeFromNode(p.type!, iface.env));
    const ret = m.sig.type ? this.prog.typeFromNode(m.sig.type, iface.env) : T_VOID;
    const { pre, vals } = this.lowerArgs(params, e.arguments, e, this.borrowedParams(m.sig));
    const t = this.prog.tmp("if");
    pre.unshift(`struct ${iface.cname} ${t} = ${obj.c};`);
    return { c: `({ ${pre.join(" ")} ${t}.itab->${cLocalName(name)}(${[`${t}.obj`, ...vals].join(", ")}); })`, t: ret, pure: false };
  }

  private indirectCall(fv: V, e: ts.CallExpression): V {
    const ft = nonNull(fv.t) as Extract<OType, { k: "fn" }>;
    const { pre, vals } = this.lowerArgs(ft.params, e.arguments, e);
    let fn = fv.c;
    if (!fv.pure && pre.length) {
      const t = this.prog.tmp("fn");
      pre.unshift(`${this.prog.ctype(ft)} ${t} = ${fv.c};`);
      fn = t;
    }
    const target = this.prog.options.checked && fv.t.k === "nullable" ? `OSTC_NONNULL(${fn}, ${this.loc(e)})` : fn;
    return { c: this.wrapCall(pre, `(${target})(${vals.join(", ")})`, ft.ret), t: ft.ret, pure: false };
  }

  private superCall(e: ts.CallExpression): V {
    const cls = this.owner ?? fail(e, "super() outside a constructor");
    const base = cls.base ?? fail(e, "super() in a class without a base");
    const init = this.initOf(base, e);
    const { pre, vals } = this.lowerArgs(init.params, e.arguments, e);
    return { c: this.wrapCall(pre, `${init.cname}(${[`(struct ${base.cname} *)self`, ...vals].join(", ")})`, T_VOID), t: T_VOID, pure: false };
  }

  /** The init function of a class instance (its constructor, or a synthesized one). */
  initOf(cls: ClassInst, at?: ts.Node): { cname: string; params: OType[]; decl: ts.ConstructorDeclaration | null } {
    const ctor = cls.decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    if (ctor) {
      const f = this.prog.methodInst(cls, ctor, []);
      if (at) this.prog.noteCallSite(f, at);
      return { cname: f.cname, params: f.params.map((p) => p.type), decl: ctor };
    }
    return this.prog.synthesizedInit(cls, this);
  }

  // ------------------------------------------------------------------ new

  private newExpr(e: ts.NewExpression, expected?: OType): V {
    const builtin = lowerNewBuiltin(this, e, expected);
    if (builtin) return builtin;
    const sym = this.symbolOf(e.expression);
    const decl = sym?.declarations?.find(ts.isClassDeclaration);
    if (!decl) return fail(e.expression, "new needs a class declared in TypeScript");
    if (hasModifier(decl, ts.SyntaxKind.AbstractKeyword)) fail(e, "cannot instantiate an abstract class");
    let typeArgs: OType[] = [];
    if (decl.typeParameters?.length) {
      if (e.typeArguments?.length) typeArgs = e.typeArguments.map((a) => this.prog.typeFromNode(a, this.env));
      else {
        const ex = expected && nonNull(expected);
        if (ex?.k === "class" && ex.cls.decl === decl) typeArgs = [...ex.cls.typeArgs];
        else {
          const ctor = decl.members.find(ts.isConstructorDeclaration);
          typeArgs = ctor ? this.inferTypeArgs({ ...ctor, typeParameters: decl.typeParameters } as unknown as ts.FunctionLikeDeclaration, e, new Map(this.env)) : fail(e, "write the type arguments, e.g. new Stack<u32>()");
        }
      }
    }
    const cls = this.prog.classInst(decl, typeArgs);
    this.prog.instantiateClassMembers(cls);
    const t = this.prog.tmp("o");
    const construct = this.constructInPlace(cls, e, t);
    return { c: `({ struct ${cls.cname} *${t} = ostc_alloc(sizeof(struct ${cls.cname})); ${construct}; ${t}; })`, t: { k: "class", cls }, pure: false };
  }

  /** Sets the vtable and runs the constructor on the object at C pointer `target`. */
  constructInPlace(cls: ClassInst, e: ts.NewExpression, target: string): string {
    const init = this.initOf(cls, e);
    const { pre, vals } = this.lowerArgs(init.params, e.arguments ?? [], e, init.decl ? this.borrowedParams(init.decl) : []);
    const vt = cls.hasVtable ? `${target}->ostc_vt = (const void *)&${this.prog.vtableOf(cls)}; ` : "";
    return `${pre.join(" ")} ${vt}${init.cname}(${[target, ...vals].join(", ")})`;
  }

  // ------------------------------------------------------------------ operators

  private binary(e: ts.BinaryExpression, expected?: OType): V {
    const op = e.operatorToken.kind;
    switch (op) {
      case ts.SyntaxKind.EqualsToken:
        return this.assign(e);
      case ts.SyntaxKind.EqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return fail(e.operatorToken, `\`${e.operatorToken.getText()}\` converts types loosely`, `write \`${e.operatorToken.getText()}=\``);
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsEqualsToken: {
        const [l, r] = this.operandPair(e.left, e.right);
        return { c: this.equality(op, l, r, e), t: T_BOOL, pure: l.pure && r.pure };
      }
      case ts.SyntaxKind.LessThanToken: case ts.SyntaxKind.LessThanEqualsToken:
      case ts.SyntaxKind.GreaterThanToken: case ts.SyntaxKind.GreaterThanEqualsToken:
        return this.relational(e);
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.BarBarToken: {
        const l = this.expr(e.left, T_BOOL), r = this.expr(e.right, T_BOOL);
        if (l.t.k !== "bool" || r.t.k !== "bool") {
          return fail(e, `\`${e.operatorToken.getText()}\` on non-boolean values returns one of the operands in TypeScript`, "use a boolean expression, `??` for null defaults, or a conditional `c ? a : b`");
        }
        return { c: `(${l.c} ${op === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "||"} ${r.c})`, t: T_BOOL, pure: l.pure && r.pure };
      }
      case ts.SyntaxKind.QuestionQuestionToken: {
        const l = this.expr(e.left, expected);
        if (l.t.k !== "nullable") return l;
        const r = this.expr(e.right, l.t.inner);
        const t = this.prog.tmp("nc");
        return { c: `({ ${this.prog.cdecl(l.t, t)} = ${l.c}; ${t} ? ${t} : ${this.coerce(r, l.t.inner, e.right)}; })`, t: r.t.k === "nullable" ? l.t : l.t.inner, pure: false };
      }
      case ts.SyntaxKind.CommaToken: {
        const l = this.exprStmt(e.left);
        const r = this.expr(e.right, expected);
        return { c: `(${l}, ${r.c})`, t: r.t, pure: false };
      }
      case ts.SyntaxKind.InstanceOfKeyword:
        return this.instanceOf(e);
      case ts.SyntaxKind.InKeyword:
        return fail(e, "`in` tests property names at run time, which ostc does not keep");
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return this.power(e, expected);
      case ts.SyntaxKind.SlashToken:
        return this.division(e, "plain", expected);
    }
    const compound = COMPOUND[op];
    if (compound !== undefined) return this.compoundAssign(e, compound);
    if (op === ts.SyntaxKind.PlusToken) {
      const lt = this.peekType(e.left), rt = this.peekType(e.right);
      if (lt?.k === "str" || rt?.k === "str" || nonNull(lt ?? T_VOID).k === "str" || nonNull(rt ?? T_VOID).k === "str") return this.concat(e);
    }
    if (ARITH_OPS.has(op)) return this.arith(op, e.left, e.right, e, expected);
    if (BIT_OPS.has(op)) return this.bitwise(op, e.left, e.right, e, expected);
    return fail(e.operatorToken, `operator ${e.operatorToken.getText()} is not supported`);
  }

  /** The type an expression would have, without emitting anything (undefined if it cannot be typed alone). */
  peekType(e: ts.Expression): OType | undefined {
    return this.peekValue(e)?.t;
  }

  /** An expression lowered without emitting anything (undefined if it cannot be lowered alone). */
  private peekValue(e: ts.Expression): V | undefined {
    const saved = this.out;
    this.out = [];
    try {
      return this.expr(e);
    } catch (err) {
      if (err instanceof OstcError) return undefined;
      throw err;
    } finally {
      this.out = saved;
    }
  }

  /** Lowers two operands so that a constant adopts the other side's integer type. */
  operandPair(a: ts.Expression, b: ts.Expression, expected?: OType): [V, V] {
    const ex = expected && nonNull(expected).k === "int" ? expected : undefined;
    let l = this.expr(a, ex);
    let r = this.expr(b, ex);
    if (l.cv !== undefined && r.cv === undefined && (r.t.k === "int" || r.t.k === "enum")) l = this.expr(a, this.fitsOr(l.cv, r.t));
    else if (r.cv !== undefined && l.cv === undefined && (l.t.k === "int" || l.t.k === "enum")) r = this.expr(b, this.fitsOr(r.cv, l.t));
    return [l, r];
  }

  /** t if constant v fits in it, else the default type of v. */
  private fitsOr(v: bigint, t: OType): OType | undefined {
    if (t.k === "enum") return T_I32;
    if (t.k !== "int") return undefined;
    const info = INT_INFO[t.kind];
    if (v >= info.min && v <= info.max) return t;
    return undefined;
  }

  private intKindOf(v: V, at: ts.Node, what: string): IntKind {
    const t = v.t;
    if (t.k === "int") return t.kind;
    if (t.k === "enum") return "i32";
    return fail(at, `${what} needs integer operands, got ${typeName(t)}`);
  }

  /** + - * % on integers: exact TypeScript results, trapping (checked) or wrapping (release) on overflow. */
  arith(op: ts.SyntaxKind, a: ts.Expression, b: ts.Expression, at: ts.Node, expected?: OType): V {
    const [l, r] = this.operandPair(a, b, expected);
    const lk = this.intKindOf(l, a, "arithmetic"), rk = this.intKindOf(r, b, "arithmetic");
    if (isBig(lk) !== isBig(rk)) fail(at, "cannot mix bigint (i64/u64) and number operands", "convert with BigInt(x) or Number(x)");
    if (l.cv !== undefined && r.cv !== undefined) return this.foldedConst(foldArith(op, l.cv, r.cv, at), expected, [lk, rk], at);
    const kind = this.arithKind(lk, rk, l, r, expected, at);
    const T = INT_INFO[kind].c;
    const loc = this.loc(at);
    const [lc, rc, wrap] = this.orderPair(l, r);
    const mixed = op === ts.SyntaxKind.PercentToken ? mixedSign32(kind, lk, rk, l, r) : undefined;
    if (mixed) return { c: wrap(`OSTC_MOD_${mixed}(${lc}, ${rc}, ${loc})`), t: tInt(kind), pure: false };
    const mac = op === ts.SyntaxKind.PlusToken ? "OSTC_ADD" : op === ts.SyntaxKind.MinusToken ? "OSTC_SUB" : op === ts.SyntaxKind.AsteriskToken ? "OSTC_MUL" : "OSTC_MOD";
    const c = wrap(`${mac}(${T}, ${lc}, ${rc}, ${loc})`);
    return { c, t: tInt(kind), pure: l.pure && r.pure && op !== ts.SyntaxKind.PercentToken, sum: this.sumParts(op, lk, rk, l, r, lc, rc, kind) };
  }

  /** For a u32 ± signed 32-bit sum (an i53), its parts, so a comparison can stay in 32-bit arithmetic. */
  private sumParts(op: ts.SyntaxKind, lk: IntKind, rk: IntKind, l: V, r: V, lc: string, rc: string, kind: IntKind): V["sum"] {
    if (kind !== "i53" || l.cv !== undefined || r.cv !== undefined || lc !== l.c || rc !== r.c) return undefined;
    const signed32 = (k: IntKind) => k === "i8" || k === "i16" || k === "i32";
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken) {
      const sub = op === ts.SyntaxKind.MinusToken;
      if (lk === "u32" && signed32(rk)) return { u: lc, s: rc, sub };
      if (!sub && signed32(lk) && rk === "u32") return { u: rc, s: lc, sub, swapped: true };
    }
    return undefined;
  }

  /**
   * C text of two operands evaluated left to right (see sequence()); `wrap` puts the
   * temporaries around the expression built from them.
   */
  orderPair(l: V, r: V): [string, string, (c: string) => string] {
    const { pre, vals } = this.sequence([l, r]);
    return [vals[0], vals[1], (c) => pre.length ? `({ ${pre.join(" ")} ${c}; })` : c];
  }

  /** The integer kind arithmetic is computed in. */
  private arithKind(lk: IntKind, rk: IntKind, l: V, r: V, expected: OType | undefined, at: ts.Node): IntKind {
    const ex = expected && nonNull(expected);
    if (l.cv !== undefined && r.cv === undefined) lk = rk;
    if (r.cv !== undefined && l.cv === undefined) rk = lk;
    if (ex?.k === "int" && isBig(ex.kind) === isBig(lk) && intContains(ex.kind, lk) && intContains(ex.kind, rk)) return ex.kind;
    const ls = INT_INFO[lk].signed, rs = INT_INFO[rk].signed;
    if (isBig(lk) && ls !== rs) fail(at, "mixing i64 and u64 in arithmetic", "convert with i64(x) or u64(x)");
    return joinInt(lk, rk);
  }

  private division(e: ts.BinaryExpression, mode: "plain" | "trunc" | "floor", expected?: OType): V {
    const [l, r] = this.operandPair(e.left, e.right, expected);
    const lk = this.intKindOf(l, e.left, "division"), rk = this.intKindOf(r, e.right, "division");
    if (isBig(lk) && isBig(rk)) mode = "trunc"; // bigint division truncates in TypeScript
    else if (isBig(lk) !== isBig(rk)) fail(e, "cannot mix bigint (i64/u64) and number operands");
    if (mode === "plain") {
      return fail(e, "`/` on integers yields a fraction in TypeScript", "write Math.trunc(a / b) or Math.floor(a / b) for integer division");
    }
    if (l.cv !== undefined && r.cv !== undefined) {
      if (r.cv === 0n) fail(e, "division by zero");
      let q = l.cv / r.cv;
      if (mode === "floor" && l.cv % r.cv !== 0n && (l.cv < 0n) !== (r.cv < 0n)) q -= 1n;
      return this.foldedConst(q, expected, [lk, rk], e);
    }
    const kind = this.arithKind(lk, rk, l, r, expected, e);
    const [lc, rc, wrap] = this.orderPair(l, r);
    const mixed = mode === "trunc" ? mixedSign32(kind, lk, rk, l, r) : undefined;
    if (mixed) return { c: wrap(`OSTC_DIV_${mixed}(${lc}, ${rc}, ${this.loc(e)})`), t: tInt(kind), pure: false };
    const T = INT_INFO[kind].c;
    const mac = mode === "floor" && INT_INFO[kind].signed ? "OSTC_FLOORDIV" : "OSTC_DIV";
    return { c: wrap(`${mac}(${T}, ${lc}, ${rc}, ${this.loc(e)})`), t: tInt(kind), pure: false };
  }

  /** Integer division in the forms TypeScript programmers write: Math.trunc(a / b), Math.floor(a / b), (a / b) | 0. */
  intDivision(e: ts.BinaryExpression, mode: "trunc" | "floor", expected?: OType): V {
    return this.division(e, mode, expected);
  }

  private power(e: ts.BinaryExpression, expected?: OType): V {
    const [l, r] = this.operandPair(e.left, e.right, expected);
    if (l.cv !== undefined && r.cv !== undefined) {
      if (r.cv < 0n) fail(e, "negative exponents give fractions");
      const v = l.cv ** r.cv;
      return this.foldedConst(v, expected, [this.intKindOf(l, e.left, "`**`"), this.intKindOf(r, e.right, "`**`")], e);
    }
    return fail(e, "`**` is only supported on constants", "write a loop, or shift for powers of two");
  }

  /** & | ^ << >> >>>: TypeScript converts operands with ToInt32 and yields i32 (u32 for >>>). */
  private bitwise(op: ts.SyntaxKind, a: ts.Expression, b: ts.Expression, at: ts.Node, expected?: OType): V {
    const l = this.wrapOperand(a), r = this.wrapOperand(b);
    const lBig = this.isBigOperand(l, a), rBig = this.isBigOperand(r, b);
    if (lBig || rBig) return this.bigBitwise(op, a, b, at, expected);
    if (l.cv !== undefined && r.cv !== undefined) {
      const v = foldBitwise(op, l.cv, r.cv);
      return this.intConst(v, op === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken ? T_U32 : T_I32, at);
    }
    const [lc, rc, wrap] = this.orderPair(l, r);
    const v = this.bitwiseOnNumbers(op, { ...l, c: lc }, { ...r, c: rc });
    return { ...v, c: wrap(v.c), pure: l.pure && r.pure };
  }

  /** A 32-bit bitwise operator on lowered number operands: ToInt32/ToUint32 are C conversions. */
  private bitwiseOnNumbers(op: ts.SyntaxKind, l: V, r: V): V {
    const as = (v: V, kind: IntKind): string => v.t.k === "int" && v.t.kind === kind ? v.c : `(${INT_INFO[kind].c})(${v.c})`;
    switch (op) {
      case ts.SyntaxKind.AmpersandToken: return { c: `(${as(l, "i32")} & ${as(r, "i32")})`, t: T_I32, pure: false };
      case ts.SyntaxKind.BarToken: return { c: `(${as(l, "i32")} | ${as(r, "i32")})`, t: T_I32, pure: false };
      case ts.SyntaxKind.CaretToken: return { c: `(${as(l, "i32")} ^ ${as(r, "i32")})`, t: T_I32, pure: false };
      case ts.SyntaxKind.LessThanLessThanToken: return { c: `(int32_t)(${as(l, "u32")} << (${as(r, "u32")} & 31u))`, t: T_I32, pure: false };
      case ts.SyntaxKind.GreaterThanGreaterThanToken: return { c: `(${as(l, "i32")} >> (${as(r, "u32")} & 31u))`, t: T_I32, pure: false };
      default: return { c: `(${as(l, "u32")} >> (${as(r, "u32")} & 31u))`, t: T_U32, pure: false };
    }
  }

  /** Is a lowered integer operand a bigint (i64/u64) rather than a number? */
  isBigOperand(v: V, at: ts.Node): boolean {
    return isBig(this.intKindOf(v, at, "this operator"));
  }

  /**
   * The value of an operand of which only the low bits matter: the argument of a wrapping
   * conversion (u32(), i8()…) or an operand of a bitwise operator, both of which keep only the
   * low bits in TypeScript. So `u32(h * 31 + c)` wraps the way it does under Node instead of
   * trapping: number arithmetic (+ - * and negation) inside it is computed exactly in int64_t,
   * and checked builds trap when an intermediate leaves ±(2^53-1), where TypeScript's own
   * result turns inexact (the result is typed i53); bigint arithmetic wraps modulo 2^64, which
   * keeps the low bits exact (the result is typed u64).
   */
  wrapOperand(e: ts.Expression): V {
    const x = skipParens(e);
    if (ts.isBinaryExpression(x) && RING_OPS.has(x.operatorToken.kind)) {
      const l = this.wrapOperand(x.left), r = this.wrapOperand(x.right);
      const big = this.isBigOperand(l, x.left);
      if (big !== this.isBigOperand(r, x.right)) fail(x, "cannot mix bigint (i64/u64) and number operands", "convert with BigInt(x) or Number(x)");
      const op = x.operatorToken.kind;
      if (l.cv !== undefined && r.cv !== undefined) return this.wideConst(foldArith(op, l.cv, r.cv, x), big, x);
      const [lc, rc, wrap] = this.orderPair(l, r);
      const pure = l.pure && r.pure;
      if (big) {
        const sym = op === ts.SyntaxKind.PlusToken ? "+" : op === ts.SyntaxKind.MinusToken ? "-" : "*";
        return { c: wrap(`((uint64_t)(${lc}) ${sym} (uint64_t)(${rc}))`), t: tInt("u64"), pure };
      }
      const mac = op === ts.SyntaxKind.PlusToken ? "OSTC_EXACT_ADD" : op === ts.SyntaxKind.MinusToken ? "OSTC_EXACT_SUB" : "OSTC_EXACT_MUL";
      return { c: wrap(`${mac}(${lc}, ${rc}, ${this.loc(x)})`), t: tInt("i53"), pure };
    }
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.LessThanLessThanToken) {
      // A bigint's left shift keeps growing in TypeScript; its low 64 bits are the C shift's.
      const l = this.wrapOperand(x.left);
      if (this.isBigOperand(l, x.left)) {
        const r = this.expr(x.right);
        if (!this.isBigOperand(r, x.right)) fail(x, "cannot mix bigint (i64/u64) and number operands");
        if (l.cv !== undefined && r.cv !== undefined) return this.wideConst(l.cv << r.cv, true, x);
        const [lc, rc, wrap] = this.orderPair(l, r);
        const shifted = `ostc_sh_ < 0 ? (ostc_trap("negative shift count under a wrapping conversion", ${this.loc(x)}), (uint64_t)0) : ostc_sh_ > 63 ? (uint64_t)0 : (uint64_t)(${lc}) << ostc_sh_`;
        return { c: wrap(`({ int64_t ostc_sh_ = (${rc}); ${shifted}; })`), t: tInt("u64"), pure: false };
      }
    }
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.MinusToken) {
      const v = this.wrapOperand(x.operand);
      const big = this.isBigOperand(v, x.operand);
      if (v.cv !== undefined) return this.wideConst(-v.cv, big, x);
      return big ? { c: `((uint64_t)0 - (uint64_t)(${v.c}))`, t: tInt("u64"), pure: v.pure }
        : { c: `(-(int64_t)(${v.c}))`, t: tInt("i53"), pure: v.pure };
    }
    if (ts.isConditionalExpression(x)) {
      const a = this.wrapOperand(x.whenTrue), b = this.wrapOperand(x.whenFalse);
      const big = this.isBigOperand(a, x.whenTrue);
      if (big !== this.isBigOperand(b, x.whenFalse)) fail(x, "cannot mix bigint (i64/u64) and number operands");
      const T = big ? "uint64_t" : "int64_t";
      return { c: `(${this.cond(x.condition)} ? (${T})(${a.c}) : (${T})(${b.c}))`, t: tInt(big ? "u64" : "i53"), pure: false };
    }
    const v = this.expr(x);
    this.intKindOf(v, x, "this operator");
    return v;
  }

  /** A constant inside wrapOperand(): exact, and within ±(2^53-1) for numbers as in TypeScript. */
  private wideConst(v: bigint, big: boolean, at: ts.Node): V {
    if (big) return { c: `((uint64_t)${BigInt.asUintN(64, v)}ULL)`, t: tInt("u64"), pure: true, cv: v };
    if (v > MAX_SAFE || v < -MAX_SAFE) fail(at, `the constant ${v} is beyond 2^53 and is not exact in TypeScript`, "use Math.imul for 32-bit products, or i64/u64 (bigint) arithmetic");
    return { c: `((int64_t)${v}LL)`, t: tInt("i53"), pure: true, cv: v };
  }

  private bigBitwise(op: ts.SyntaxKind, a: ts.Expression, b: ts.Expression, at: ts.Node, expected?: OType): V {
    const [l, r] = this.operandPair(a, b, expected);
    const lk = this.intKindOf(l, a, "bitwise operator"), rk = this.intKindOf(r, b, "bitwise operator");
    if (!isBig(lk) || !isBig(rk)) fail(at, "cannot mix bigint (i64/u64) and number operands", "convert with BigInt(x) or Number(x)");
    if (op === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) fail(at, "bigints have no `>>>` in TypeScript", "use `>>` on a u64");
    if (l.cv !== undefined && r.cv !== undefined) return this.foldedConst(foldBigBitwise(op, l.cv, r.cv), expected, [lk, rk], at);
    const kind = op === ts.SyntaxKind.LessThanLessThanToken || op === ts.SyntaxKind.GreaterThanGreaterThanToken ? lk : this.arithKind(lk, rk, l, r, expected, at);
    const [lc, rc, wrap] = this.orderPair(l, r);
    const v = this.bigBitwiseOnValues(op, { ...l, c: lc }, { ...r, c: rc }, kind, at);
    return { ...v, c: wrap(v.c), pure: l.pure && r.pure && v.pure };
  }

  /** A bitwise operator on lowered bigint operands, computed in `kind`. */
  private bigBitwiseOnValues(op: ts.SyntaxKind, l: V, r: V, kind: IntKind, at: ts.Node): V {
    const T = INT_INFO[kind].c;
    switch (op) {
      case ts.SyntaxKind.AmpersandToken: return { c: `((${T})(${l.c}) & (${T})(${r.c}))`, t: tInt(kind), pure: true };
      case ts.SyntaxKind.BarToken: return { c: `((${T})(${l.c}) | (${T})(${r.c}))`, t: tInt(kind), pure: true };
      case ts.SyntaxKind.CaretToken: return { c: `((${T})(${l.c}) ^ (${T})(${r.c}))`, t: tInt(kind), pure: true };
      case ts.SyntaxKind.LessThanLessThanToken: return { c: `OSTC_SHL64(${T}, ${l.c}, ${r.c}, ${this.loc(at)})`, t: tInt(kind), pure: false };
      default: return { c: `({ int64_t ostc_sh_ = (${r.c}); (${T})(ostc_sh_ > 63 ? ((${T})(${l.c}) < 0 ? -1 : 0) : ((${T})(${l.c}) >> ostc_sh_)); })`, t: tInt(kind), pure: false };
    }
  }

  /** === and !== with TypeScript meaning: exact across integer widths, by content for strings. */
  equality(op: ts.SyntaxKind, l: V, r: V, at: ts.Node): string {
    const [lc, rc, wrap] = this.orderPair(l, r);
    return wrap(this.equalityOf(op, l, r, lc, rc, at));
  }

  /** equality() on operands already in evaluation order (lc, rc are their C texts). */
  private equalityOf(op: ts.SyntaxKind, l: V, r: V, lc: string, rc: string, at: ts.Node): string {
    const neg = op === ts.SyntaxKind.ExclamationEqualsEqualsToken;
    const lt = l.t, rt = r.t;
    const isNum = (t: OType) => t.k === "int" || t.k === "enum";
    if (isNum(lt) && isNum(rt)) {
      const cmp = this.intCompare(l, r, lc, rc, "==", at);
      return neg ? `!${cmp}` : cmp;
    }
    if (lt.k === "null" || rt.k === "null") {
      // The `null`-typed side (a literal, or a call returning null) is evaluated for its effects.
      const [nul, other] = lt.k === "null" ? [l, rc] : [r, lc];
      const test = `((${other}) ${neg ? "!=" : "=="} 0)`;
      return nul.pure ? test : `((void)(${nul === l ? lc : rc}), ${test})`;
    }
    const ln = nonNull(lt), rn = nonNull(rt);
    if (ln.k === "str" && rn.k === "str") return `${neg ? "!" : ""}ostc_str_eq(${lc}, ${rc})`;
    if (ln.k === "bool" && rn.k === "bool") return `((${lc}) ${neg ? "!=" : "=="} (${rc}))`;
    if ((ln.k === "class" && rn.k === "class") || (ln.k === "array" && rn.k === "array") || (ln.k === "fn" && rn.k === "fn")) {
      return `((const void *)(${lc}) ${neg ? "!=" : "=="} (const void *)(${rc}))`;
    }
    if (ln.k === "iface" && rn.k === "iface") return `((${lc}).obj ${neg ? "!=" : "=="} (${rc}).obj)`;
    return fail(at, `cannot compare ${typeName(lt)} with ${typeName(rt)}`);
  }

  /** Exact integer comparison across widths and signedness. */
  private intCompare(l: V, r: V, lc: string, rc: string, op: string, at: ts.Node): string {
    const lk: IntKind = l.t.k === "int" ? l.t.kind : "i32", rk: IntKind = r.t.k === "int" ? r.t.kind : "i32";
    // u32 ± i32 (an i53) against an unsigned 32-bit value: exact in 32-bit arithmetic.
    const unsigned32 = (v: V, k: IntKind) => k === "u8" || k === "u16" || k === "u32" || (k === "i32" && !!v.nonneg);
    const flip: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==" };
    if (l.sum && lk === "i53" && lc === l.c && unsigned32(r, rk)) return sumCompare(l.sum, op, rc);
    // On the right, the sum moves before the left operand: only when neither side has effects.
    if (r.sum && rk === "i53" && rc === r.c && unsigned32(l, lk) && l.pure && r.pure) return sumCompare(r.sum, flip[op], lc);
    if (isBig(lk) !== isBig(rk)) fail(at, "cannot compare bigint (i64/u64) with number", "convert with BigInt(x) or Number(x)");
    if (isBig(lk) && INT_INFO[lk].signed !== INT_INFO[rk].signed) {
      const [s, u] = INT_INFO[lk].signed ? [lc, rc] : [rc, lc];
      const sFirst = INT_INFO[lk].signed;
      // Exact: a negative i64 is below every u64.
      const body = (sv: string, uv: string) => {
        switch (op) {
          case "==": return `(${sv} >= 0 && (uint64_t)${sv} == ${uv})`;
          case "<": return sFirst ? `(${sv} < 0 || (uint64_t)${sv} < ${uv})` : `(${sv} >= 0 && ${uv} < (uint64_t)${sv})`;
          case "<=": return sFirst ? `(${sv} < 0 || (uint64_t)${sv} <= ${uv})` : `(${sv} >= 0 && ${uv} <= (uint64_t)${sv})`;
          case ">": return sFirst ? `(${sv} >= 0 && (uint64_t)${sv} > ${uv})` : `(${sv} < 0 || ${uv} > (uint64_t)${sv})`;
          default: return sFirst ? `(${sv} >= 0 && (uint64_t)${sv} >= ${uv})` : `(${sv} < 0 || ${uv} >= (uint64_t)${sv})`;
        }
      };
      return `({ int64_t ostc_sv_ = (${s}); uint64_t ostc_uv_ = (${u}); ${body("ostc_sv_", "ostc_uv_")}; })`;
    }
    if (isBig(lk)) return `((${lc}) ${op} (${rc}))`;
    const same = INT_INFO[lk].signed === INT_INFO[rk].signed;
    if (same || intContains("i32", lk) && intContains("i32", rk)) return `((${lc}) ${op} (${rc}))`;
    if ((lk === "u32" && intContains("i32", rk) && r.nonneg) || (intContains("i32", lk) && rk === "u32" && l.nonneg)) {
      // A length against a u32: the signed side is never negative, so one unsigned compare.
      return `((uint32_t)(${lc}) ${op} (uint32_t)(${rc}))`;
    }
    if ((lk === "u32" && intContains("i32", rk)) || (intContains("i32", lk) && rk === "u32")) {
      // A signed 32-bit value against a u32: a sign test and a 32-bit compare, not two int64_t.
      const sFirst = rk === "u32";
      const decl = sFirst ? `int32_t ostc_sv_ = (${lc}); uint32_t ostc_uv_ = (${rc});` : `uint32_t ostc_uv_ = (${lc}); int32_t ostc_sv_ = (${rc});`;
      return `({ ${decl} ${mixedSignCompare(op, sFirst, "uint32_t")}; })`;
    }
    return `((int64_t)(${lc}) ${op} (int64_t)(${rc}))`;
  }

  private relational(e: ts.BinaryExpression): V {
    const [l, r] = this.operandPair(e.left, e.right);
    const op = e.operatorToken.getText();
    const [lc, rc, wrap] = this.orderPair(l, r);
    const pure = l.pure && r.pure;
    if ((l.t.k === "int" || l.t.k === "enum") && (r.t.k === "int" || r.t.k === "enum")) {
      return { c: wrap(this.intCompare(l, r, lc, rc, op, e)), t: T_BOOL, pure };
    }
    if (nonNull(l.t).k === "str" && nonNull(r.t).k === "str") return { c: wrap(`(ostc_str_cmp(${lc}, ${rc}) ${op} 0)`), t: T_BOOL, pure };
    return fail(e, `cannot order ${typeName(l.t)} and ${typeName(r.t)}`);
  }

  private instanceOf(e: ts.BinaryExpression): V {
    const obj = this.expr(e.left);
    const sym = this.symbolOf(e.right);
    const decl = sym?.declarations?.find(ts.isClassDeclaration) ?? fail(e.right, "instanceof needs a class");
    const ot = nonNull(obj.t);
    if (ot.k !== "class") fail(e.left, "instanceof needs a class instance");
    if (decl.typeParameters?.length) fail(e.right, "instanceof a generic class is not supported");
    const target = this.prog.classInst(decl, []);
    if (!ot.cls.hasVtable) {
      // No subclass overrides anything: the static type decides.
      let k: ClassInst | null = ot.cls;
      while (k && k !== target) k = k.base;
      return { c: k ? `(${obj.c} != 0)` : "false", t: T_BOOL, pure: obj.pure };
    }
    const subs = this.prog.concreteSubclasses(target);
    const t = this.prog.tmp("io");
    const tests = subs.map((s) => `${t}->ostc_vt == (const void *)&${this.prog.vtableOf(s)}`);
    return { c: `({ struct ${ot.cls.cname} *${t} = ${obj.c}; ${t} && (${tests.join(" || ") || "0"}); })`, t: T_BOOL, pure: false };
  }

  private concat(e: ts.BinaryExpression): V {
    // Flatten a + b + c … into one formatting call.
    const parts: ts.Expression[] = [];
    const walk = (x: ts.Expression): void => {
      x = skipParens(x);
      if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const lt = this.peekType(x.left), rt = this.peekType(x.right);
        if ((lt && nonNull(lt).k === "str") || (rt && nonNull(rt).k === "str")) { walk(x.left); walk(x.right); return; }
      }
      parts.push(x);
    };
    walk(e);
    // Left-associativity: numbers before the first string add up numerically.
    const firstStr = parts.findIndex((p) => nonNull(this.peekType(p) ?? T_VOID).k === "str");
    if (firstStr > 1) fail(e, "numbers are added before the first string here", "parenthesise the numeric sum or use a template literal");
    const vs = parts.map((p) => this.expr(p));
    return this.formatParts(vs, parts, false, e);
  }

  /** A template literal: heap string, or stack string when it is passed to a borrowed (Fmt) parameter. */
  template(e: ts.TemplateExpression, borrowed: boolean): V {
    const vs: V[] = [];
    const nodes: ts.Node[] = [];
    if (e.head.text) { vs.push(this.strLiteral(e.head.text, e.head)); nodes.push(e.head); }
    for (const span of e.templateSpans) {
      vs.push(this.expr(span.expression));
      nodes.push(span.expression);
      if (span.literal.text) { vs.push(this.strLiteral(span.literal.text, span.literal)); nodes.push(span.literal); }
    }
    return this.formatParts(vs, nodes, borrowed, e);
  }

  /** ostc_fmt_part initialisers for values, in order. */
  fmtParts(vs: V[], nodes: readonly ts.Node[], forConsole: boolean): { pre: string[]; parts: string[] } {
    const { pre, vals } = this.sequence(vs);
    const parts = vs.map((v, i) => {
      const t = v.t;
      const c = vals[i];
      switch (t.k) {
        case "str": case "null": return `{OSTC_F_STR, {.s = ${c}}}`;
        case "nullable":
          if (t.inner.k === "str" && t.undef) return `{OSTC_F_STR, {.s = ({ ostc_str ostc_u_ = ${c}; ostc_u_ ? ostc_u_ : (ostc_str)&${this.prog.stringLiteral("undefined", nodes[i]!)}; })}}`;
          if (t.inner.k === "str") return `{OSTC_F_STR, {.s = ${c}}}`;
          return fail(nodes[i], `cannot format ${typeName(t)}`);
        case "bool": return `{OSTC_F_BOOL, {.i = ${c}}}`;
        case "enum": return `{OSTC_F_I64, {.i = ${c}}}`;
        case "int": {
          const big = isBig(t.kind);
          const signed = INT_INFO[t.kind].signed;
          const kind = big && forConsole ? (signed ? "OSTC_F_BIGINT_I" : "OSTC_F_BIGINT_U") : signed ? "OSTC_F_I64" : "OSTC_F_U64";
          return `{${kind}, {.${signed ? "i" : "u"} = ${c}}}`;
        }
        default: return fail(nodes[i], `cannot format a ${typeName(t)} as text`, "format its fields");
      }
    });
    return { pre, parts };
  }

  private formatParts(vs: V[], nodes: readonly ts.Node[], borrowed: boolean, at: ts.Node): V {
    if (vs.length === 1 && vs[0].t.k === "str") return vs[0];
    const { pre, parts } = this.fmtParts(vs, nodes, false);
    const arr = this.prog.tmp("fp");
    const decl = `const ostc_fmt_part ${arr}[] = {${parts.join(", ")}};`;
    if (borrowed) {
      const name = this.prog.tmp("fs");
      // Marker understood by sequence(): the setup runs before the call, in the same block.
      return { c: `ostc_fmt_stack:\u0000${pre.join(" ")} ${decl} OSTC_FMT_STACK(${name}, ${arr}, ${parts.length});\u0000${name}`, t: T_STR, pure: false };
    }
    void at;
    return { c: `({ ${pre.join(" ")} ${decl} ostc_fmt_heap(${arr}, ${parts.length}); })`, t: T_STR, pure: false };
  }

  private prefix(e: ts.PrefixUnaryExpression, expected?: OType): V {
    switch (e.operator) {
      case ts.SyntaxKind.ExclamationToken:
        return { c: `!${this.cond(e.operand)}`, t: T_BOOL, pure: this.peekPure(e.operand) };
      case ts.SyntaxKind.PlusPlusToken:
      case ts.SyntaxKind.MinusMinusToken:
        return this.increment(e.operand, e.operator === ts.SyntaxKind.PlusPlusToken, true, e);
      case ts.SyntaxKind.MinusToken: {
        const inner = skipParens(e.operand);
        if (ts.isNumericLiteral(inner)) {
          const v = -BigInt(Number(inner.text));
          if (!Number.isInteger(Number(inner.text))) fail(e, "floating-point numbers are not supported");
          return this.intConst(v, this.literalType(v, expected, e), e);
        }
        if (ts.isBigIntLiteral(inner)) {
          const v = -BigInt(inner.text.replace(/n$/, ""));
          const ex = expected && nonNull(expected);
          return this.intConst(v, ex?.k === "int" && isBig(ex.kind) ? ex : tInt("i64"), e);
        }
        const v = this.expr(e.operand, expected);
        const k = this.intKindOf(v, e.operand, "negation");
        if (v.cv !== undefined) return this.foldedConst(-v.cv, expected, [k], e);
        const ex = expected && nonNull(expected);
        let kind: IntKind = INT_INFO[k].signed ? k : k === "u32" ? "i64" : k === "u64" ? fail(e, "negating a u64", "convert with i64(x)") : "i32";
        if (ex?.k === "int" && INT_INFO[ex.kind].signed && intContains(ex.kind, k) && isBig(ex.kind) === isBig(k)) kind = ex.kind;
        if (kind === "i64" && !isBig(k)) fail(e, "negating a u32 gives a value that needs more than 32 bits", "convert first: -i32(x)");
        return { c: `OSTC_NEG(${INT_INFO[kind].c}, ${v.c}, ${this.loc(e)})`, t: tInt(kind), pure: v.pure };
      }
      case ts.SyntaxKind.PlusToken:
        return fail(e, "unary + converts to a floating-point number", "drop it: the value is already an integer");
      case ts.SyntaxKind.TildeToken: {
        const v = this.expr(e.operand);
        const k = this.intKindOf(v, e.operand, "~");
        if (isBig(k)) return { c: `(~(${v.c}))`, t: v.t, pure: v.pure };
        if (v.cv !== undefined) return this.intConst(BigInt.asIntN(32, ~v.cv), T_I32, e);
        return { c: `(~(int32_t)(${v.c}))`, t: T_I32, pure: v.pure };
      }
    }
    return fail(e, "unsupported unary operator");
  }

  private peekPure(e: ts.Expression): boolean {
    const saved = this.out;
    try { return this.expr(e).pure; } catch { return false; } finally { this.out = saved; }
  }

  private conditional(e: ts.ConditionalExpression, expected?: OType): V {
    const c = this.cond(e.condition);
    let a = this.expr(e.whenTrue, expected), b = this.expr(e.whenFalse, expected);
    let t: OType;
    if (a.t.k === "null" && b.t.k !== "null") t = isRefType(nonNull(b.t)) ? { k: "nullable", inner: nonNull(b.t) } : fail(e, "null and a non-reference");
    else if (b.t.k === "null" && a.t.k !== "null") t = isRefType(nonNull(a.t)) ? { k: "nullable", inner: nonNull(a.t) } : fail(e, "null and a non-reference");
    else if (a.t.k === "int" && b.t.k === "int") {
      if (a.cv !== undefined && b.cv === undefined) a = this.expr(e.whenTrue, this.fitsOr(a.cv, b.t) ?? expected);
      if (b.cv !== undefined && a.cv === undefined) b = this.expr(e.whenFalse, this.fitsOr(b.cv, a.t) ?? expected);
      const ex = expected && nonNull(expected);
      t = ex?.k === "int" ? ex : tInt(this.arithKind((a.t as { kind: IntKind }).kind, (b.t as { kind: IntKind }).kind, a, b, undefined, e));
    } else if (expected && a.t.k !== b.t.k) t = expected;
    else if (a.t.k === "class" && b.t.k === "class" && a.t.cls !== b.t.cls) t = expected ?? fail(e, "branches have different classes", "annotate the target type");
    else t = a.t.k === "nullable" ? a.t : b.t;
    return { c: `(${c} ? ${this.coerce(a, t, e.whenTrue)} : ${this.coerce(b, t, e.whenFalse)})`, t, pure: a.pure && b.pure };
  }

  private assertion(e: ts.AsExpression): V {
    if (e.type.kind === ts.SyntaxKind.ConstKeyword || (ts.isTypeReferenceNode(e.type) && e.type.typeName.getText() === "const")) return this.expr(e.expression);
    const target = this.prog.typeFromNode(e.type, this.env);
    const v = this.expr(e.expression, target);
    const from = v.t;
    if (sameType(from, target) || sameType(nonNull(from), target)) return { ...v, t: target };
    if (from.k === "int" && target.k === "int") {
      if (v.cv !== undefined) return this.intConst(v.cv, target, e);
      return fail(e, `\`as ${target.kind}\` does not convert a ${from.kind} at run time in TypeScript`, `write ${target.kind}(x) for a wrapping conversion, or assign it to a ${target.kind} variable for a checked one`);
    }
    const fromCls = nonNull(from), toCls = nonNull(target);
    if (fromCls.k === "class" && toCls.k === "class") {
      // Class to class (a downcast, or an upcast), from `C` or `C | null`: an unchecked pointer
      // cast, as TypeScript's `as` checks nothing at run time; a null stays null, typed `target`.
      return { c: `((struct ${toCls.cls.cname} *)(${v.c}))`, t: target, pure: v.pure };
    }
    if (from.k === "enum" && target.k === "int") return { ...v, t: target };
    if (from.k === "int" && target.k === "enum") return { ...v, t: target };
    return { c: this.coerce(v, target, e), t: target, pure: v.pure };
  }

  private arrayLiteral(e: ts.ArrayLiteralExpression, expected?: OType): V {
    const ex = expected && nonNull(expected);
    let elem: OType;
    if (ex?.k === "array") elem = ex.elem;
    else if (e.elements.length) {
      const first = this.expr(e.elements[0]);
      elem = first.t;
      if (elem.k === "null") fail(e, "cannot infer the element type", "annotate the array type");
    } else return fail(e, "cannot infer the element type of []", "annotate it, e.g. `const xs: u32[] = []`");
    for (const el of e.elements) if (ts.isSpreadElement(el)) fail(el, "spread is not supported");
    const { pre, vals } = this.sequence(e.elements.map((el) => this.coerceV(this.expr(el, elem), elem, el)));
    const T = this.prog.ctype(elem);
    if (!vals.length) return { c: `ostc_array_new(0, sizeof(${T}))`, t: { k: "array", elem }, pure: false };
    const init = elem.k === "iface" ? vals.map((x) => `${x}`).join(", ") : vals.join(", ");
    return { c: `({ ${pre.join(" ")} ostc_array_from((${T}[]){${init}}, ${vals.length}, sizeof(${T})); })`, t: { k: "array", elem }, pure: false };
  }

  // ------------------------------------------------------------------ assignment

  /** A C lvalue for an assignable expression; setters are returned separately. */
  private lvalue(e: ts.Expression): { c: string; t: OType; pure: boolean; setter?: (value: string) => string; elem?: ElementTarget } {
    e = skipParens(e);
    if (ts.isIdentifier(e)) {
      const sym = this.symbolOf(e);
      const decl = sym?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && (decl.parent.flags & ts.NodeFlags.Const)) fail(e, `cannot assign to const ${e.text}`);
      const v = this.identifier(e);
      return { c: v.c, t: v.t, pure: true };
    }
    if (ts.isPropertyAccessExpression(e)) {
      const sym = this.symbolOf(e.name);
      const decl = sym?.valueDeclaration;
      if (decl && ts.isPropertyDeclaration(decl) && isStatic(decl)) {
        const g = this.prog.staticField(this.prog.classInst(decl.parent as ts.ClassDeclaration, []), decl);
        return { c: g.cname, t: g.type, pure: true };
      }
      if (decl && ts.isVariableDeclaration(decl)) {
        const v = this.property(e);
        return { c: v.c, t: v.t, pure: true };
      }
      const obj = this.expr(e.expression);
      const ot = nonNull(obj.t);
      if (ot.k === "class") {
        const setter = this.prog.findMethod(ot.cls, e.name.text, "set");
        if (setter) {
          const f = this.prog.methodInst(setter.owner, setter.decl, []);
          const getter = this.prog.findMethod(ot.cls, e.name.text, "get");
          const self = `(struct ${setter.owner.cname} *)(${obj.c})`;
          return {
            c: getter ? `${this.prog.methodInst(getter.owner, getter.decl, []).cname}((struct ${getter.owner.cname} *)(${obj.c}))` : "0",
            t: f.params[0].type, pure: obj.pure,
            setter: (value) => `${f.cname}(${self}, ${value})`,
          };
        }
        const f = ot.cls.fields.find((x) => x.name === e.name.text) ?? fail(e.name, `${typeName(ot)} has no field ${e.name.text}`);
        if (f.decl && hasModifier(f.decl, ts.SyntaxKind.ReadonlyKeyword) && !(this.fn && ts.isConstructorDeclaration(this.fn.decl))) fail(e, `${f.name} is readonly`);
        if (f.embedded) return { c: `(&(${obj.c})->${f.cname})`, t: f.type, pure: obj.pure, setter: (value) => embedArray(`(${obj.c})->${f.cname}`, value) };
        return { c: `(${obj.c})->${f.cname}`, t: f.type, pure: obj.pure };
      }
      if (ot.k === "array" && e.name.text === "length") fail(e, "assigning to length is not supported", "use pop() or build a new array");
      return fail(e, "not assignable");
    }
    if (ts.isElementAccessExpression(e)) {
      const obj = this.expr(e.expression);
      const ot = nonNull(obj.t);
      if (ot.k !== "array") fail(e, ot.k === "str" ? "strings are immutable" : "only array elements can be assigned by index");
      const idx = this.expr(e.argumentExpression, T_I32);
      return { c: this.arrayAt(obj, idx, ot.elem, e, this.viewOf(e.expression)), t: ot.elem, pure: obj.pure && idx.pure, elem: { arr: obj, idx, at: e } };
    }
    return fail(e, "this expression cannot be assigned to");
  }

  /**
   * `a[i] = value` where computing the value may run code: the array and the index are evaluated
   * first (left to right), then the value, and only then the element's address, because the value
   * may have grown the array (push moves its elements; the old storage is freed). `compute`
   * builds the stored value from the element's current value (compound assignment) or ignores it.
   */
  private storeElement(target: ElementTarget, t: OType, compute: (current: V) => string): string {
    const h = this.prog.tmp("h"), i = this.prog.tmp("i"), v = this.prog.tmp("v");
    const fixed = target.arr.fixed;
    const arr: V = fixed ? { c: h, t: target.arr.t, pure: true, fixed: { d: h, n: fixed.n } } : { c: h, t: target.arr.t, pure: true };
    const slot = (): string => this.arrayAt(arr, { c: i, t: target.idx.t, pure: true }, t, target.at);
    const value = compute({ c: slot(), t, pure: true });
    const header = fixed ? `${this.prog.ctype(t)} *${h} = ${fixed.d};` : `ostc_array *${h} = ${target.arr.c};`;
    return `({ ${header} ${this.prog.cdecl(target.idx.t, i)} = ${target.idx.c}; ${this.prog.cdecl(t, v)} = ${value}; ${slot()} = ${v}; ${v}; })`;
  }

  private assign(e: ts.BinaryExpression): V {
    if (ts.isArrayLiteralExpression(e.left) || ts.isObjectLiteralExpression(e.left)) fail(e.left, "destructuring assignment is not supported");
    const field = this.ownFieldStore(e.left);
    if (field?.fixed) return { c: this.fillFixed(`self->${field.cname}`, field), t: T_VOID, pure: false };
    const lv = this.lvalue(e.left);
    const rv = this.expr(e.right, lv.t);
    const val = this.coerce(rv, lv.t, e.right);
    if (lv.setter && field?.moves && ts.isIdentifier(skipParens(e.right)) && this.symbolOf(skipParens(e.right))?.valueDeclaration === field.moves) {
      // The parameter's array moved into the object: the parameter names the object's header now.
      return { c: `({ ${lv.setter(val)}; ${this.locals.get(field.moves)!.cname} = &self->${field.cname}; })`, t: T_VOID, pure: false };
    }
    if (lv.setter) return { c: lv.setter(val), t: T_VOID, pure: false };
    // Left to right: a value with side effects, or one that reads what the target's side effects
    // may change (`f()[g()] = x`), comes after the target's address.
    const ordered = !rv.pure || (!lv.pure && rv.cv === undefined);
    if (ordered && lv.elem) return { c: this.storeElement(lv.elem, lv.t, () => val), t: lv.t, pure: false };
    if (ordered && !ts.isIdentifier(skipParens(e.left))) {
      // Left-to-right: the target's address first, then the value.
      const p = this.prog.tmp("p");
      return { c: `({ ${this.prog.ctype(lv.t)} *${p} = &(${lv.c}); *${p} = ${val}; })`, t: lv.t, pure: false };
    }
    return { c: `(${lv.c} = ${val})`, t: lv.t, pure: false };
  }

  /** The field of `this` that a constructor's `this.f = …` stores to. */
  private ownFieldStore(left: ts.Expression): FieldInfo | undefined {
    const l = skipParens(left);
    if (!this.owner || !this.fn || !ts.isConstructorDeclaration(this.fn.decl) || !ts.isPropertyAccessExpression(l) || l.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    return this.owner.fields.find((f) => f.name === l.name.text && f.owner === this.owner);
  }

  private compoundAssign(e: ts.BinaryExpression, op: ts.BinaryOperator): V {
    const lv = this.lvalue(e.left);
    const t = lv.t;
    if (this.boundedSteps.has(e) && t.k === "int" && lv.pure && !lv.setter) {
      // A bounded loop step `i += k` (boundedStep) cannot overflow: no check.
      return { c: `(${lv.c} = ((${INT_INFO[t.kind].c})(${lv.c} ${op === ts.SyntaxKind.PlusToken ? "+" : "-"} ${cIntLiteral(this.constValue(e.right)!, t)})))`, t, pure: false };
    }
    const cur: V = { c: lv.c, t, pure: true };
    let value: V;
    // A constant that does not fit the target's type (`i8v -= 200`) is computed in a wider type and narrowed.
    const k = t.k === "int" ? INT_INFO[t.kind] : undefined;
    const cv = k ? this.constValue(e.right) : undefined;
    const rhs = BIT_OPS.has(op) && k && !k.big ? this.wrapOperand(e.right)
      : this.expr(e.right, cv !== undefined && k && (cv < k.min || cv > k.max) ? undefined : t);
    if (nonNull(t).k === "str" && op === ts.SyntaxKind.PlusToken) {
      value = this.formatParts([cur, rhs], [e.left, e.right], false, e);
    } else {
      value = this.binaryOnValues(op, cur, rhs, e, t);
    }
    const val = this.coerce(value, t, e);
    if (lv.setter) return { c: lv.setter(val), t: T_VOID, pure: false };
    if (lv.elem && !(lv.pure && rhs.pure)) {
      const elem = lv.elem;
      const c = this.storeElement(elem, t, (current) => {
        const v2 = nonNull(t).k === "str" ? this.formatParts([current, rhs], [e.left, e.right], false, e) : this.binaryOnValues(op, current, rhs, e, t);
        return this.coerce(v2, t, e);
      });
      return { c, t, pure: false };
    }
    if (lv.pure) return { c: `(${lv.c} = ${val})`, t, pure: false };
    const p = this.prog.tmp("p");
    const curP: V = { c: `(*${p})`, t, pure: true };
    const value2 = nonNull(t).k === "str" ? this.formatParts([curP, rhs], [e.left, e.right], false, e) : this.binaryOnValues(op, curP, rhs, e, t);
    return { c: `({ ${this.prog.ctype(t)} *${p} = &(${lv.c}); *${p} = ${this.coerce(value2, t, e)}; })`, t, pure: false };
  }

  /** Applies a binary operator to already-lowered operands (for compound assignment). */
  private binaryOnValues(op: ts.BinaryOperator, l: V, r: V, at: ts.Node, target: OType): V {
    const lk = this.intKindOf(l, at, "compound assignment");
    if (r.cv !== undefined && r.t.k === "int" && !isBig(r.t.kind) && !isBig(lk)) {
      const fits = this.fitsOr(r.cv, l.t);
      if (fits) r = { ...r, c: cIntLiteral(r.cv, fits), t: fits };
    }
    const rk = this.intKindOf(r, at, "compound assignment");
    const [lc, rc, wrap] = this.orderPair(l, r);
    const L: V = { ...l, c: lc }, R: V = { ...r, c: rc };
    if (op === ts.SyntaxKind.SlashToken) {
      if (!(isBig(lk) && isBig(rk))) fail(at, "`/=` on integers yields a fraction in TypeScript", "write x = Math.trunc(x / y)");
      return { c: wrap(`OSTC_DIV(${INT_INFO[lk].c}, ${lc}, ${rc}, ${this.loc(at)})`), t: l.t, pure: false };
    }
    let v: V;
    if (BIT_OPS.has(op)) v = isBig(lk) ? this.bigBitwiseOnValues(op, L, R, lk, at) : this.bitwiseOnNumbers(op, L, R);
    else {
      const kind = this.arithKind(lk, rk, l, r, target, at);
      const mac = op === ts.SyntaxKind.PlusToken ? "OSTC_ADD" : op === ts.SyntaxKind.MinusToken ? "OSTC_SUB" : op === ts.SyntaxKind.AsteriskToken ? "OSTC_MUL" : "OSTC_MOD";
      v = { c: `${mac}(${INT_INFO[kind].c}, ${lc}, ${rc}, ${this.loc(at)})`, t: tInt(kind), pure: false };
    }
    return { ...v, c: wrap(v.c), pure: false };
  }

  /** ++ and --, prefix or postfix; `discard` when the old value is not needed. */
  private increment(operand: ts.Expression, inc: boolean, prefixOrDiscard: boolean, at: ts.Node): V {
    const lv = this.lvalue(operand);
    const t = lv.t;
    const kind = t.k === "int" ? t.kind : fail(operand, `++/-- needs an integer, got ${typeName(t)}`);
    const T = INT_INFO[kind].c;
    const loc = this.loc(at);
    // A bounded loop step (boundedStep) cannot overflow: no check.
    const step = this.boundedSteps.has(at) ? (x: string) => `((${T})(${x} ${inc ? "+" : "-"} 1))` : (x: string) => `${inc ? "OSTC_ADD" : "OSTC_SUB"}(${T}, ${x}, 1, ${loc})`;
    if (lv.setter) {
      const tmp = this.prog.tmp("old");
      return { c: `({ ${T} ${tmp} = ${lv.c}; ${lv.setter(step(tmp))}; ${prefixOrDiscard ? step(tmp) : tmp}; })`, t, pure: false };
    }
    if (prefixOrDiscard) {
      if (lv.pure) return { c: `(${lv.c} = ${step(lv.c)})`, t, pure: false };
      const p = this.prog.tmp("p");
      return { c: `({ ${T} *${p} = &(${lv.c}); *${p} = ${step(`*${p}`)}; })`, t, pure: false };
    }
    const p = this.prog.tmp("p"), old = this.prog.tmp("old");
    return { c: `({ ${T} *${p} = &(${lv.c}); ${T} ${old} = *${p}; *${p} = ${step(old)}; ${old}; })`, t, pure: false };
  }

  // ------------------------------------------------------------------ conversions

  /** Converts a lowered value to type `to` with TypeScript meaning (checked narrowing, upcasts, interface boxing). */
  coerce(v: V, to: OType, at: ts.Node): string {
    return this.coerceV(v, to, at).c;
  }

  coerceV(v: V, to: OType, at: ts.Node): V {
    const from = v.t;
    if (sameType(from, to) || from.k === "never") return v;
    if (to.k === "void") return v;
    if (to.k === "int" && (from.k === "int" || from.k === "enum")) {
      const fk: IntKind = from.k === "int" ? from.kind : "i32";
      if (v.cv !== undefined) return this.intConst(v.cv, to, at);
      if (isBig(fk) !== isBig(to.kind)) fail(at, `cannot use a ${typeName(from)} where ${to.kind} is expected`, isBig(to.kind) ? "convert with BigInt(x)" : "convert with Number(x)");
      if (intContains(to.kind, fk)) return { ...v, c: `(${INT_INFO[to.kind].c})(${v.c})`, t: to };
      // A length (0 … 2^31-1) fits every unsigned type of at least 31 bits unchecked.
      if (v.nonneg && !INT_INFO[to.kind].signed && INT_INFO[to.kind].max >= INT_INFO.i32.max && !isBig(fk)) return { ...v, c: `(${INT_INFO[to.kind].c})(${v.c})`, t: to };
      return { c: `OSTC_NARROW(${INT_INFO[to.kind].c}, ${v.c}, ${this.loc(at)})`, t: to, pure: v.pure };
    }
    if (to.k === "enum" && (from.k === "int" || from.k === "enum")) {
      if (from.k === "int" && from.kind !== "i32") return { c: this.coerce(v, T_I32, at), t: to, pure: v.pure };
      return { ...v, t: to };
    }
    if (to.k === "nullable") {
      if (from.k === "null") return v.pure ? { c: "0", t: to, pure: true } : { c: `((void)(${v.c}), (${this.prog.ctype(to)})0)`, t: to, pure: false };
      if (from.k === "nullable") return { c: this.coerceV({ ...v, t: from.inner }, to.inner, at).c, t: to, pure: v.pure };
      return { c: this.coerceV(v, to.inner, at).c, t: to, pure: v.pure };
    }
    if (from.k === "nullable") return this.coerceV({ ...v, t: from.inner }, to, at);
    if (from.k === "null" && isRefType(to)) {
      return fail(at, `null is not a ${typeName(to)}`, `declare the type as \`${typeName(to)} | null\``);
    }
    if (to.k === "class" && from.k === "class") {
      for (let k: ClassInst | null = from.cls; k; k = k.base) if (k === to.cls) return { c: `((struct ${to.cls.cname} *)(${v.c}))`, t: to, pure: v.pure };
      return fail(at, `${typeName(from)} is not a ${typeName(to)}`);
    }
    if (to.k === "iface" && from.k === "class") {
      const itab = this.prog.itabOf(from.cls, to.iface, at);
      return { c: `((struct ${to.iface.cname}){ .obj = (${v.c}), .itab = &${itab} })`, t: to, pure: v.pure };
    }
    if (to.k === "fn" && from.k === "fn") {
      if (sameType(to, from)) return v;
      return fail(at, `function type mismatch: ${typeName(from)} is not ${typeName(to)}`, "parameter and result types must match exactly");
    }
    if (to.k === "bool" && from.k === "bool") return v;
    if (to.k === "str" && from.k === "str") return v;
    return fail(at, `type mismatch: expected ${typeName(to)}, got ${typeName(from)}`);
  }
}

/**
 * An array literal of constants (`[1, 2n, -3]`): like a lone constant, its element type is only
 * a default, so generic inference lets the other arguments decide first.
 */
function isLiteralLike(e: ts.Expression): boolean {
  e = skipParens(e);
  if (ts.isArrayLiteralExpression(e)) return e.elements.length > 0 && e.elements.every(isLiteralLike);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) return isLiteralLike(e.operand);
  return ts.isNumericLiteral(e) || ts.isBigIntLiteral(e);
}

/**
 * `sum op c` exactly, for a u32 ± i32 sum and an unsigned 32-bit c, through OSTC_SUMCMP: the sum
 * is a 33-bit value hi:lo, and only hi = 0 needs a 32-bit compare of lo. The operands are
 * evaluated in their TypeScript order, then c.
 */
function sumCompare(sum: NonNullable<V["sum"]>, op: string, c: string): string {
  const above = op === ">" || op === ">=" ? 1 : 0; // result when the sum is ≥ 2^32
  const below = op === "<" || op === "<=" ? 1 : 0; // result when the sum is negative
  const [x, y] = sum.swapped ? [sum.s, sum.u] : [sum.u, sum.s];
  return `OSTC_SUMCMP(${op}, ${x}, ${y}, ${sum.swapped ? 0 : 1}, ${sum.sub ? 1 : 0}, ${c}, ${above}, ${below})`;
}

/**
 * Stores a fresh array into an embedded header (FieldInfo.embedded): the header is copied into
 * the object and the temporary one freed.
 */
function embedArray(slot: string, value: string): string {
  return `({ ostc_array *ostc_e_ = (${value}); ${slot} = *ostc_e_; ${slot}.flags = OSTC_ARRAY_EMBEDDED; ostc_free(ostc_e_); })`;
}

/** Prelude functions that compile to inline C with no stores. */
const INLINE_PURE_INTRINSICS = new Set(["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "sizeof", "load8", "load16", "load32", "load64", "Number", "BigInt"]);

/**
 * Does the statement leave the loop (at nesting depth `depth` inside it) instead of going round
 * again: a return, an unlabeled break of the loop itself, a call of panic, or a block ending so?
 */
function leavesLoop(n: ts.Node, depth: number): boolean {
  if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) return true;
  if (ts.isBreakStatement(n)) return !n.label && depth === 0;
  if (ts.isBlock(n)) return n.statements.length > 0 && leavesLoop(n.statements[n.statements.length - 1], depth);
  if (ts.isExpressionStatement(n) && ts.isCallExpression(n.expression) && ts.isIdentifier(n.expression.expression)) return n.expression.expression.text === "panic";
  return false;
}

/** Number.MAX_SAFE_INTEGER: beyond it, TypeScript's number arithmetic is inexact. */
const MAX_SAFE = 2n ** 53n - 1n;

/** Is the declaration at module level (not inside a function)? */
function isModuleLevel(d: ts.VariableDeclaration): boolean {
  const st = d.parent?.parent;
  return !!st && ts.isVariableStatement(st) && (ts.isSourceFile(st.parent) || ts.isModuleBlock(st.parent));
}

/** Folds + - * % with exact integer arithmetic. */
function foldArith(op: ts.SyntaxKind, a: bigint, b: bigint, at: ts.Node): bigint {
  switch (op) {
    case ts.SyntaxKind.PlusToken: return a + b;
    case ts.SyntaxKind.MinusToken: return a - b;
    case ts.SyntaxKind.AsteriskToken: return a * b;
    default:
      if (b === 0n) fail(at, "division by zero");
      return a % b;
  }
}

/** Folds bitwise operators on bigints: exact, as TypeScript's bigints have no width. */
function foldBigBitwise(op: ts.SyntaxKind, a: bigint, b: bigint): bigint {
  switch (op) {
    case ts.SyntaxKind.AmpersandToken: return a & b;
    case ts.SyntaxKind.BarToken: return a | b;
    case ts.SyntaxKind.CaretToken: return a ^ b;
    case ts.SyntaxKind.LessThanLessThanToken: return a << b;
    default: return a >> b;
  }
}

/**
 * For `%` and truncating `/` joined to i53 from a u32 and a signed 32-bit operand (neither a
 * constant): the ostc.h macro suffix that computes the exact result in 32-bit arithmetic
 * (OSTC_MOD_U32_I32…), avoiding gcc's 64-bit division calls; undefined otherwise.
 */
function mixedSign32(kind: IntKind, lk: IntKind, rk: IntKind, l: V, r: V): "U32_I32" | "I32_U32" | undefined {
  if (kind !== "i53" || l.cv !== undefined || r.cv !== undefined) return undefined;
  const signed32 = (k: IntKind) => k === "i8" || k === "i16" || k === "i32";
  if (lk === "u32" && signed32(rk)) return "U32_I32";
  if (signed32(lk) && rk === "u32") return "I32_U32";
  return undefined;
}

/**
 * Exact `ostc_sv_ op ostc_uv_` (sFirst) or `ostc_uv_ op ostc_sv_` between a signed and an unsigned
 * value of the same width: a negative value is below every unsigned one.
 */
function mixedSignCompare(op: string, sFirst: boolean, U: string): string {
  const sv = "ostc_sv_", uv = "ostc_uv_";
  switch (op) {
    case "==": return `(${sv} >= 0 && (${U})${sv} == ${uv})`;
    case "<": return sFirst ? `(${sv} < 0 || (${U})${sv} < ${uv})` : `(${sv} >= 0 && ${uv} < (${U})${sv})`;
    case "<=": return sFirst ? `(${sv} < 0 || (${U})${sv} <= ${uv})` : `(${sv} >= 0 && ${uv} <= (${U})${sv})`;
    case ">": return sFirst ? `(${sv} >= 0 && (${U})${sv} > ${uv})` : `(${sv} < 0 || ${uv} > (${U})${sv})`;
    default: return sFirst ? `(${sv} >= 0 && (${U})${sv} >= ${uv})` : `(${sv} < 0 || ${uv} >= (${U})${sv})`;
  }
}

/** Folds bitwise operators with TypeScript's ToInt32/ToUint32 semantics. */
function foldBitwise(op: ts.SyntaxKind, a: bigint, b: bigint): bigint {
  const i = (x: bigint) => BigInt.asIntN(32, x);
  const u = (x: bigint) => BigInt.asUintN(32, x);
  const s = Number(u(b) & 31n);
  switch (op) {
    case ts.SyntaxKind.AmpersandToken: return i(i(a) & i(b));
    case ts.SyntaxKind.BarToken: return i(i(a) | i(b));
    case ts.SyntaxKind.CaretToken: return i(i(a) ^ i(b));
    case ts.SyntaxKind.LessThanLessThanToken: return i(u(a) << BigInt(s));
    case ts.SyntaxKind.GreaterThanGreaterThanToken: return i(a) >> BigInt(s);
    default: return u(a) >> BigInt(s);
  }
}

export { T_NULL, T_STR, T_BOOL, T_VOID };

/**
 * Whether code in `region` assigns the variable `sym` (=, compound assignment, ++/--, a
 * destructuring target, a for…of or for…in variable), as tsc's own assignment-target test.
 */
function assigns(region: readonly ts.Node[], sym: ts.Symbol, prog: ProgramLowerer): boolean {
  const target = (id: ts.Node): boolean => {
    let n = id;
    for (let p = n.parent; p; n = p, p = p.parent) {
      if (ts.isBinaryExpression(p)) return p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
      if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken;
      if (ts.isForInStatement(p) || ts.isForOfStatement(p)) return p.initializer === n;
      if (ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p)) { n = p.parent; p = n; continue; }
      if (ts.isPropertyAssignment(p)) { if (p.name === n) return false; n = p.parent; p = n; continue; }
      if (!(ts.isParenthesizedExpression(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isNonNullExpression(p))) return false;
    }
    return false;
  };
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) && prog.symbolAt(n) === sym && target(n)) || !!ts.forEachChild(n, (c) => visit(c) || undefined);
  return region.some(visit);
}
