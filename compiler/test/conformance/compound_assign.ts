// Every compound assignment operator on locals, fields, array elements and statics.
class Box { v: i32 = 100; static s: u32 = 7; }
const b = new Box();
const arr: i32[] = [1, 2, 3];
let x: i32 = 10;
x += 5; x -= 3; x *= 4; x %= 7; x <<= 3; x >>= 1; x |= 0x100; x &= 0x1ff; x ^= 0x55;
console.log(x);
let u: u32 = 0xffffffff;
u >>>= 4; u -= 1; u = u32(u ^ 0xf0000000);
console.log(u);
b.v += 23; b.v *= -2; b.v >>= 2; b.v %= 9;
arr[1] += 40; arr[2] *= arr[1]; arr[0] -= arr[2]; arr[0] <<= 1;
Box.s *= 6; Box.s += 1; Box.s >>>= 1;
console.log(b.v, arr.join(" "), Box.s);
let s = "a";
s += "b"; s += 1; s += true;
let big: u64 = 1n;
big <<= 40n; big += 5n; big *= 3n; big /= 2n; big %= 1000000007n; big |= 1n; big ^= 3n; big &= 0xfffffffffn; big >>= 2n;
console.log(s, big);
let i8v: i8 = 100;
i8v -= 200;
console.log(i8v);
