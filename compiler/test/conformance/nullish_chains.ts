// ?? chains with nullable strings and objects; ?? with side effects evaluated only when needed.
let evals = 0;
function def(s: string): string { evals++; return s; }
const a: string | null = null;
const b: string | null = "bee";
console.log(a ?? b ?? def("c"), evals, a ?? def("d"), evals, b ?? def("e"), evals);
class Conf { parent: Conf | null = null; value: string | null = null; }
const root = new Conf(); root.value = "root";
const child = new Conf(); child.parent = root;
function lookup(c: Conf): string { return c.value ?? (c.parent !== null ? lookup(c.parent) : "none"); }
console.log(lookup(child), lookup(new Conf()));
