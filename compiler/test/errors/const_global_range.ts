// error: the constant -2147483647 does not fit in u32
// at: 5:16
// A module-level constant is range-checked against its declared type (Node would store a negative number).
const hi: u32 = 0x80000000;
const v: u32 = hi | 1;
console.log(v);
