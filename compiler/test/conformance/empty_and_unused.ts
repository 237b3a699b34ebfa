// Empty statements, empty blocks, unused functions and classes, and an empty loop body compile.
;;
function unused(x: i32): i32 { return x * 2; }
class Unused { v = 1; m(): i32 { return this.v; } }
{ }
for (let i = 0; i < 3; i++) { }
let n = 0;
while (n++ < 5);
if (n > 0) { } else { }
console.log("ok", n);
