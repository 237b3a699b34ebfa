/**
 * Where an array field's header and elements live. By default an array field is a pointer to a
 * heap header `{len, cap, data, flags}`, and an element access is three dependent loads
 * (`obj->f`, `->data`, the element); with -fno-strict-aliasing gcc must reload the first two
 * after every store. Two layouts shorten that when the program gives the object the only
 * reference to the array:
 *
 * - **embedded header** (`ostc_array f;` inside the object, read as `&obj->f`): a `readonly`
 *   field that receives exactly one fresh array, from its initializer, from one top-level
 *   `this.f = <fresh array>` in the constructor, or from a constructor parameter that every
 *   construction passes a fresh array (`new Zone(arrayAt<u8>(…))`, `new Zone(new Array…)`).
 *   Such a parameter "moves" its array into the object: the header is copied in, and the
 *   parameter is rebound to the object's header, so later uses still see one array.
 * - **fixed storage** (`T f[N];` inside the object): additionally, the array has a constant
 *   length (`new Array<T>(N).fill(v)` or a literal of N elements) and the whole program uses the
 *   field only to index it, read its length or iterate over it, so it can never be resized,
 *   aliased or freed. Then there is no header at all: an element is one load from the object, as
 *   a C array member is.
 *
 * Classes with an exact layout (@packed, @size, @offset) keep pointer fields.
 */
import ts from "../typescript.cjs";
import type { FunctionLowerer } from "./function.js";
import { type ProgramLowerer, hasModifier, jsDocTag, skipParens } from "./program.js";

/** Fixed storage is used up to this many bytes per field (objects come from the kernel heap). */
const FIXED_MAX_BYTES = 512;

/** How an array field is stored (see the module comment). */
export interface ArrayFieldStorage {
  readonly embedded: boolean;
  /** The constructor parameter whose fresh array the embedded header takes over. */
  readonly moves?: ts.ParameterDeclaration;
  /** Fixed storage: the constant length and the expression that gives the elements. */
  readonly fixed?: { readonly length: number; readonly init: ts.Expression };
}

type ConstructorCall = ts.NewExpression | ts.CallExpression;

export class FieldStorageAnalysis {
  private readonly checker: ts.TypeChecker;
  private index: { calls: Map<ts.Node, ConstructorCall[]>; accesses: Map<string, ts.PropertyAccessExpression[]> } | undefined;

  constructor(private readonly prog: ProgramLowerer) {
    this.checker = prog.checker;
  }

  /**
   * The storage of an array field: a property declaration, or a parameter property of `ctor`.
   * `probe` folds constant lengths; `elemSize` is the C size of one element.
   */
  storageOf(cls: ts.ClassDeclaration, m: ts.PropertyDeclaration | ts.ParameterDeclaration, ctor: ts.ConstructorDeclaration | undefined,
    probe: FunctionLowerer, elemSize: number): ArrayFieldStorage {
    const none: ArrayFieldStorage = { embedded: false };
    if (!hasModifier(m, ts.SyntaxKind.ReadonlyKeyword) || jsDocTag(m, "offset") !== undefined) return none;
    if (jsDocTag(cls, "packed") !== undefined || jsDocTag(cls, "size") !== undefined) return none;
    if (ts.isParameter(m)) {
      return ctor && this.movesIntoObject(ctor, m, this.parameterPropertyStoreEnd(cls, ctor)) ? { embedded: true, moves: m } : none;
    }
    const sym = this.prog.symbolAt(m.name);
    const assignments: ts.BinaryExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const l = skipParens(n.left);
        if (ts.isPropertyAccessExpression(l) && this.prog.symbolAt(l.name) === sym) assignments.push(n);
      }
      ts.forEachChild(n, visit);
    };
    if (ctor?.body) visit(ctor.body);
    let value: ts.Expression;
    if (m.initializer) {
      if (assignments.length !== 0) return none;
      value = m.initializer;
    } else {
      if (assignments.length !== 1 || !ctor?.body) return none;
      const a = assignments[0]!;
      const statement = ctor.body.statements.find((st) => ts.isExpressionStatement(st) && skipParens(st.expression) === a);
      const left = skipParens(a.left);
      if (!statement || !ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) return none;
      value = skipParens(a.right);
      const param = ts.isIdentifier(value) ? this.parameterOf(value, ctor) : undefined;
      if (param) return this.movesIntoObject(ctor, param, statement.end, value) ? { embedded: true, moves: param } : none;
    }
    if (!this.isFreshArray(value)) return none;
    const length = this.constantLength(value, probe);
    if (length !== undefined && length > 0 && length * elemSize <= FIXED_MAX_BYTES && this.onlyIndexed(m, assignments[0]?.left)) {
      return { embedded: false, fixed: { length, init: skipParens(value) } };
    }
    return { embedded: true };
  }

  /**
   * A fresh array: one that no other reference can reach yet (`new Array…`, `.fill` of one, an
   * array literal without spreads, an `arrayAt` view).
   */
  isFreshArray(e: ts.Expression): boolean {
    e = skipParens(e);
    if (ts.isArrayLiteralExpression(e)) return !e.elements.some(ts.isSpreadElement);
    if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === "Array";
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "fill") return this.isFreshArray(e.expression.expression);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "arrayAt") {
      const decl = this.prog.symbolAt(e.expression)?.declarations?.[0];
      return !!decl && decl.getSourceFile().isDeclarationFile;
    }
    return false;
  }

  /** N of `new Array<T>(N).fill(v)` with a constant N, or the element count of a literal. */
  private constantLength(e: ts.Expression, probe: FunctionLowerer): number | undefined {
    e = skipParens(e);
    if (ts.isArrayLiteralExpression(e)) return e.elements.length;
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== "fill" || e.arguments.length !== 1) return undefined;
    const ne = skipParens(e.expression.expression);
    if (!ts.isNewExpression(ne) || ne.arguments?.length !== 1) return undefined;
    const n = probe.constValue(ne.arguments[0]!);
    return n !== undefined && n <= 0x7fffffffn ? Number(n) : undefined;
  }

  /**
   * Is every use of the field, anywhere in the program, `x.f[i]`, `x.f.length` or
   * `for (… of x.f)` (besides the constructor's one store to it, `storeTarget`)?
   */
  private onlyIndexed(m: ts.PropertyDeclaration, storeTarget: ts.Expression | undefined): boolean {
    const target = storeTarget && skipParens(storeTarget);
    for (const pa of this.indexed().accesses.get((m.name as ts.Identifier).text) ?? []) {
      // Compared by declaration: on an instance of a generic class the symbol is an instantiation.
      if (pa === target || this.prog.symbolAt(pa.name)?.valueDeclaration !== m) continue;
      const p = pa.parent;
      if (ts.isElementAccessExpression(p) && p.expression === pa) continue;
      if (ts.isPropertyAccessExpression(p) && p.expression === pa && p.name.text === "length") continue;
      if (ts.isForOfStatement(p) && p.expression === pa) continue;
      return false;
    }
    return true;
  }

  /** The parameter of `ctor` an identifier names (not a parameter property), if any. */
  private parameterOf(id: ts.Identifier, ctor: ts.ConstructorDeclaration): ts.ParameterDeclaration | undefined {
    const decl = this.prog.symbolAt(id)?.valueDeclaration;
    if (!decl || !ts.isParameter(decl) || decl.parent !== ctor || ts.isParameterPropertyDeclaration(decl, ctor)) return undefined;
    return decl;
  }

  /** Where a parameter property is stored: at the start of the body, or after `super(…)`. */
  private parameterPropertyStoreEnd(cls: ts.ClassDeclaration, ctor: ts.ConstructorDeclaration): number {
    if (!this.prog.baseClassDecl(cls) || !ctor.body) return ctor.body?.getStart() ?? ctor.end;
    const sup = ctor.body.statements.find((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword);
    return sup ? sup.end : ctor.end;
  }

  /**
   * Can the field take over the array of constructor parameter `p`? Every construction must pass
   * a fresh array for it; the constructor never assigns `p`, and before the store (which ends at
   * `storeEnd`) only indexes it, reads its length or iterates over it, so that no other reference
   * to the array exists when its header moves into the object.
   */
  private movesIntoObject(ctor: ts.ConstructorDeclaration, p: ts.ParameterDeclaration, storeEnd: number, storeValue?: ts.Expression): boolean {
    if (p.dotDotDotToken || p.initializer || p.questionToken || !ts.isIdentifier(p.name) || !ctor.body) return false;
    const sym = this.prog.symbolAt(p.name);
    let ok = true;
    const visit = (n: ts.Node): void => {
      if (!ok) return;
      if (ts.isIdentifier(n) && n !== storeValue && this.prog.symbolAt(n) === sym) {
        let use: ts.Node = n;
        while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
        const parent = use.parent;
        const assigned = (ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
          ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken));
        const indexedOnly = (ts.isElementAccessExpression(parent) && parent.expression === use) ||
          (ts.isPropertyAccessExpression(parent) && parent.expression === use && parent.name.text === "length") ||
          (ts.isForOfStatement(parent) && parent.expression === use);
        if (assigned || (n.end <= storeEnd && !indexedOnly)) ok = false;
      }
      ts.forEachChild(n, visit);
    };
    visit(ctor.body);
    if (!ok) return false;
    const index = ctor.parameters.indexOf(p);
    return (this.indexed().calls.get(ctor) ?? []).every((call) => {
      const arg = call.arguments?.[index];
      return !!arg && !ts.isSpreadElement(arg) && !call.arguments!.slice(0, index).some(ts.isSpreadElement) && this.isFreshArray(arg);
    });
  }

  /**
   * One pass over the program: every `new C(…)` and `super(…)` by the constructor it runs (tsc
   * resolves a class without a constructor to its base's), and every property access by name.
   */
  private indexed(): NonNullable<FieldStorageAnalysis["index"]> {
    if (this.index) return this.index;
    const calls = new Map<ts.Node, ConstructorCall[]>();
    const accesses = new Map<string, ts.PropertyAccessExpression[]>();
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) || (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword)) {
        const decl = this.checker.getResolvedSignature(n)?.declaration;
        if (decl && ts.isConstructorDeclaration(decl)) {
          const list = calls.get(decl) ?? [];
          list.push(n);
          calls.set(decl, list);
        }
      } else if (ts.isPropertyAccessExpression(n)) {
        const list = accesses.get(n.name.text) ?? [];
        list.push(n);
        accesses.set(n.name.text, list);
      }
      ts.forEachChild(n, visit);
    };
    for (const sf of this.prog.files) visit(sf);
    return this.index = { calls, accesses };
  }
}
