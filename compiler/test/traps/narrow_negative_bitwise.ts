// trap: value out of range for uint32_t
// line: 4
let hi: u32 = 0x80000000;
const v: u32 = hi | 1;
console.log(v);
