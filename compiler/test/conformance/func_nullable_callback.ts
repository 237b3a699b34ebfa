// Nullable function values: optional callbacks tested before calling.
type Hook = (n: i32) => void;
let total = 0;
function addHook(n: i32): void { total += n; }
function run(n: i32, hook: Hook | null): i32 {
  for (let i = 1; i <= n; i++) if (hook !== null) hook(i);
  return total;
}
console.log(run(4, addHook), run(4, null), run(2, addHook));
let h: Hook | null = null;
console.log(h === null);
h = addHook;
h!(100);
console.log(total);
