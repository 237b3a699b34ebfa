// process.exit with a computed status from deep inside recursion; output is flushed first.
function dive(n: i32): i32 {
  if (n === 0) { console.log("bottom reached"); process.exit(n + 42); }
  return dive(n - 1) + 1;
}
console.log("diving");
console.log(dive(1000));
