// Helper: classes implementing an interface from another module.
import type { Shape } from "./_mathlib.ts";
export class Rect implements Shape {
  constructor(readonly w: i32, readonly h: i32) {}
  area(): i32 { return this.w * this.h; }
}
export class Square implements Shape {
  constructor(readonly side: i32) {}
  area(): i32 { return this.side * this.side; }
}
export function totalArea(shapes: Shape[]): i32 {
  let t = 0;
  for (const s of shapes) t += s.area();
  return t;
}
console.log("init _shapes");
