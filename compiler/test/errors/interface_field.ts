// error: interfaces used as values may only declare methods
// at: 4:15
// hint: use a class for data, or an abstract class
interface P { x: i32; }
class Q implements P { x: i32 = 1; }
const p: P = new Q();
console.log(p.x);
