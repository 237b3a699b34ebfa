// Number and bigint to string conversions: toString(), String(), template literals, concatenation.
const vals: i32[] = [0, 7, -7, 2147483647, -2147483648];
for (const v of vals) console.log(v.toString(), String(v), `${v}`, "" + v, v.toString().length);
const u: u32 = 4294967295;
const b: i64 = -9223372036854775808n;
console.log(u.toString(), String(b), b.toString(), `${18446744073709551615n}`);
const digits = String(1234567890);
let sum = 0;
for (const ch of digits) sum += ch.charCodeAt(0) - 48;
console.log(sum);
