// Fields of every type: integers of each width, bool, string, arrays, nullable refs, functions, enums.
enum Mode { Off, On }
function noop(x: i32): i32 { return x; }
class Everything {
  a: i8 = -1; b: u8 = 255; c: i16 = -300; d: u16 = 60000; e: i32 = -7; f: u32 = 4000000000;
  g: i64 = -9n; h: u64 = 18446744073709551615n; flag = true; name = "all";
  list: u16[] = [1, 2]; next: Everything | null = null; fn: (x: i32) => i32 = noop; mode: Mode = Mode.On;
}
const x = new Everything();
x.next = new Everything();
x.next.name = "second";
console.log(x.a, x.b, x.c, x.d, x.e, x.f, x.g, x.h, x.flag, x.name, x.list.length, x.next.name, x.fn(5), x.mode, Mode[x.mode]);
x.b = u8(x.b + 1);
x.list.push(x.d);
console.log(x.b, x.list.join(","), x.next.next === null);
