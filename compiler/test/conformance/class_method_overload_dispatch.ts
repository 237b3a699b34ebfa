// Virtual dispatch through a base-typed variable reassigned to different subclasses.
class Greeter { greet(n: string): string { return `hello ${n}`; } twice(n: string): string { return this.greet(n) + "; " + this.greet(n); } }
class Loud extends Greeter { greet(n: string): string { return super.greet(n).toUpperCase(); } }
class Quiet extends Greeter { greet(n: string): string { return `(${n})`; } }
let g: Greeter = new Greeter();
const out: string[] = [g.twice("a")];
g = new Loud(); out.push(g.twice("b"));
g = new Quiet(); out.push(g.twice("c"));
console.log(out.join(" | "));
