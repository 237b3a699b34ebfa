// Classes: fields with initializers, constructors, parameter properties, methods, identity.
class Point {
  static count: i32 = 0;
  z: i32 = 7;
  constructor(public x: i32, public readonly y: i32) { Point.count++; }
  add(o: Point): Point { return new Point(this.x + o.x, this.y + o.y); }
  toString(): string { return `(${this.x}, ${this.y}, ${this.z})`; }
  scale(k: i32): Point { this.x *= k; this.z *= k; return this; }
}
const a = new Point(1, 2);
const b = new Point(10, 20);
const c = a.add(b);
console.log(c.toString(), Point.count);
c.scale(2).scale(3);
console.log(c.x, c.y, c.z, a === a, a === b, c.toString());
const ps: Point[] = [a, b, c];
let sx = 0;
for (const p of ps) sx += p.x;
console.log(sx, ps.indexOf(b), ps.includes(c));
