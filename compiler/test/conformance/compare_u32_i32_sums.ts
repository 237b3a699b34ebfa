// u32 ± i32 sums compared with unsigned values, at the edges of 2^32 and 0.
function check(u: u32, s: i32, c: u32): string {
  let r = "";
  r += (u + s > c) ? "1" : "0";
  r += (u + s >= c) ? "1" : "0";
  r += (u + s < c) ? "1" : "0";
  r += (u + s <= c) ? "1" : "0";
  r += (u + s === c) ? "1" : "0";
  r += (u + s !== c) ? "1" : "0";
  r += (u - s > c) ? "1" : "0";
  r += (u - s < c) ? "1" : "0";
  r += (u - s === c) ? "1" : "0";
  r += (s + u > c) ? "1" : "0";
  r += (c < u + s) ? "1" : "0";
  r += (c >= u - s) ? "1" : "0";
  return r;
}
const us: u32[] = [0, 1, 2, 100, 2147483647, 2147483648, 4294967294, 4294967295];
const ss: i32[] = [0, 1, -1, 2, -2, 100, -100, 2147483647, -2147483648, -2147483647];
const cs: u32[] = [0, 1, 99, 100, 101, 4294967295, 4294967294, 2147483648];
let all = "";
let n = 0;
for (const u of us) for (const s of ss) for (const c of cs) { all += check(u, s, c); n++; }
let h: u32 = 0;
for (let i = 0; i < all.length; i++) h = (Math.imul(h, 31) + all.charCodeAt(i)) >>> 0;
console.log(n, h);
const arr = [1, 2, 3];
let len = 0;
let k: u32 = 4294967295;
let m: i32 = 1;
if (k + m > arr.length) len++;
if (arr.length < k + m) len++;
let big: i32 = 2147483647;
if (arr.length === k - big - big + 1) len++;
if (arr.length === k - m - 4294967291) len++;
console.log(len);
