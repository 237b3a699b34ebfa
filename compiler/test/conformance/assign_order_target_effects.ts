// `target = value` evaluates the target's object and index before the value, even when the value
// itself has no side effects but reads state that the target's calls change.
let made = 0;
const arr: u32[] = [0, 0, 0];
class Box { x: i32 = 0; readonly cells = new Array<i32>(3).fill(0); }
const box = new Box();
function get(): u32[] { made++; return arr; }
function next(): i32 { made += 10; return 1; }
function theBox(): Box { made += 100; return box; }
get()[next()] = u32(made);
console.log(made, arr[1]);
theBox().x = made;
console.log(made, box.x);
theBox().cells[next()] = made;
console.log(made, box.cells[1], box.cells.length);
let i = 0;
arr[i++] = u32(i);
console.log(i, arr[0]);
