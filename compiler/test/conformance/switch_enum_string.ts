// switch on enums and strings, with non-constant case expressions and defaults in the middle.
enum Op { Add, Sub, Mul, Neg = 10 }
function apply(op: Op, a: i32, b: i32): i32 {
  switch (op) {
    case Op.Add: return a + b;
    case Op.Sub: return a - b;
    default: return 0;
    case Op.Mul: return a * b;
  }
}
function cmd(s: string): string {
  switch (s) {
    case "ls":
    case "dir":
      return "list";
    case "r" + "m":
      return "remove";
    default:
      return "unknown";
    case "":
      return "empty";
  }
}
const key = "cat";
function dynamic(s: string): i32 {
  switch (s) {
    case key: return 1;
    case key.toUpperCase(): return 2;
  }
  return 0;
}
console.log(apply(Op.Add, 3, 4), apply(Op.Sub, 3, 4), apply(Op.Mul, 3, 4), apply(Op.Neg, 3, 4));
console.log(cmd("ls"), cmd("dir"), cmd("rm"), cmd(""), cmd("x"), dynamic("cat"), dynamic("CAT"), dynamic("dog"));
