// Mutually recursive evaluation over a tree of expression nodes (classes with child arrays).
class Expr { constructor(readonly op: string, readonly val: i64, readonly kids: Expr[]) {} }
function leaf(v: i64): Expr { return new Expr("n", v, []); }
function evalSum(e: Expr): i64 { let s: i64 = 0n; for (const k of e.kids) s += evalAny(k); return s; }
function evalProd(e: Expr): i64 { let p: i64 = 1n; for (const k of e.kids) p *= evalAny(k); return p; }
function evalAny(e: Expr): i64 { return e.op === "+" ? evalSum(e) : e.op === "*" ? evalProd(e) : e.val; }
function show(e: Expr): string {
  if (e.op === "n") return `${e.val}`;
  const parts: string[] = [];
  for (const k of e.kids) parts.push(show(k));
  return `(${parts.join(` ${e.op} `)})`;
}
const tree = new Expr("+", 0n, [leaf(1n), new Expr("*", 0n, [leaf(2n), leaf(-3n), new Expr("+", 0n, [leaf(4n), leaf(5n)])]), leaf(1000000000000n)]);
console.log(show(tree), "=", evalAny(tree));
