// Named imports of functions, constants, mutable bindings, classes and enums.
import { add, square, SCALE, calls, Counter, Color } from "./_mathlib.ts";
console.log(add(2, 3), square(9), SCALE, calls);
const c = new Counter();
c.bump(4);
console.log(c.bump(6), Color.Red, Color.Green, Color.Blue, Color[Color.Blue], calls);
