// An abstract base with an array of subclass instances; virtual calls in loops; method overriding chain.
abstract class Op { abstract apply(x: i64): i64; name(): string { return "op"; } }
class Add extends Op { constructor(readonly k: i64) { super(); } apply(x: i64): i64 { return x + this.k; } name(): string { return `+${this.k}`; } }
class Mul extends Op { constructor(readonly k: i64) { super(); } apply(x: i64): i64 { return x * this.k; } name(): string { return `*${this.k}`; } }
class Square extends Mul { constructor() { super(0n); } apply(x: i64): i64 { return x * x; } name(): string { return "^2"; } }
const pipeline: Op[] = [new Add(3n), new Mul(-2n), new Square(), new Add(-100n), new Square()];
let v: i64 = 7n;
let desc = "";
for (const op of pipeline) { v = op.apply(v); desc += op.name() + " "; }
console.log(desc.trim(), v, pipeline[2] instanceof Mul, pipeline[1] instanceof Square);
