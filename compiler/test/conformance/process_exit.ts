// process.exit with a status: output before it appears, code after it never runs.
function finish(code: i32): never {
  console.log("exiting with", code);
  process.exit(code);
}
console.log("start");
let n = 0;
for (let i = 0; i < 10; i++) n += i;
if (n === 45) finish(3);
console.log("unreachable");
