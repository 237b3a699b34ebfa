// Namespace imports: `import * as m`.
import * as m from "./_mathlib.ts";
console.log(m.add(m.SCALE, 1), m.square(m.add(1, 2)), m.calls);
const k = new m.Counter();
console.log(k.bump(m.Color.Blue), m.Color.Green);
