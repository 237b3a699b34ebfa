// Conditional expressions mixing widths, nullable branches, strings and class subtypes.
class A { name(): string { return "A"; } }
class B extends A { name(): string { return "B"; } }
function pick(f: boolean): A { return f ? new B() : new A(); }
const u: u8 = 200, i: i16 = -300;
const w = true ? u : i;
const n: string | null = false ? "x" : null;
console.log(w, (u > 100 ? u : i) + 1, n === null, pick(true).name(), pick(false).name(), (n ?? "dflt").length);
