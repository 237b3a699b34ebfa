// i16 and u16: limits, conversions, mixing with i32.
const smin: i16 = -32768;
const smax: i16 = 32767;
const umax: u16 = 65535;
const umin: u16 = 0;
console.log(smin, smax, umax, umin);
console.log(smin + smax, smax + 1, umax + 1, smin - 1);
console.log(i16(smax + 1), i16(umax), u16(smin), u16(-1), u16(65536 + 5));
let s: i16 = -100;
s *= 300;
console.log(s);
let u: u16 = 1;
for (let i = 0; i < 15; i++) u *= 2;
console.log(u, u16(u * 2), u >> 3, u >>> 15);
const mixed: i32 = smin * 2 + umax;
console.log(mixed, smin < umin, umax > smax, i32(smin) === -32768);
