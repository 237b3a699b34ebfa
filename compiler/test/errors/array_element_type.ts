// error: type mismatch: expected i32[], got u8[]
// at: 4:19
const xs: u8[] = [1, 2];
const ys: i32[] = xs;
console.log(ys.length);
