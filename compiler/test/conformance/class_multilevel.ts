// Three-level hierarchy with overridden methods and getters at each level; base-typed references.
class Shape {
  get name(): string { return "shape"; }
  area(): i32 { return 0; }
  report(): string { return `${this.name}:${this.area()}`; }
}
class Rect extends Shape {
  constructor(readonly w: i32, readonly h: i32) { super(); }
  get name(): string { return "rect"; }
  area(): i32 { return this.w * this.h; }
}
class Square extends Rect {
  constructor(s: i32) { super(s, s); }
  get name(): string { return "square"; }
}
const all: Shape[] = [new Shape(), new Rect(2, 5), new Square(3)];
for (const s of all) console.log(s.report(), s.name, s instanceof Rect);
let sum = 0;
for (const s of all) sum += s.area();
console.log(sum);
