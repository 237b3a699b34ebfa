// error: dispose needs the object's class type, not an interface
// at: 7:11
interface Shape { area(): u32; }
class Sq { area(): u32 { return 4; } }
function drop(s: Shape): void {
  console.log(s.area());
  dispose(s);
}
drop(new Sq());
