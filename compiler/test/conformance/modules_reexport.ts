// Re-exports: renamed (`square as sq`), passed through, and `export *`; module init order.
import { add, sq, Counter, Rect, Square, totalArea } from "./_reexport.ts";
import type { Shape } from "./_mathlib.ts";
console.log("main starts");
console.log(add(1, 1), sq(12));
const shapes: Shape[] = [new Rect(2, 3), new Square(4), new Rect(10, 1)];
console.log(totalArea(shapes), new Counter().bump(3));
