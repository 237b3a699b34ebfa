// Counting loops whose condition bounds the step (the checked build leaves the step unchecked):
// every form reaches its type's limit exactly, and computes what it computes under Node.
let n = 0;
for (let i: u8 = 250; i < 255; i++) n += i;
console.log(n);
let last: i32 = 0;
for (let i: i32 = 2147483640; i < 2147483647; ++i) last = i;
console.log(last);
let digits: u32 = 0;
for (let i: u32 = 5; i > 0; i--) digits = digits * 10 + i;
console.log(digits);
let low = 0;
for (let i: i8 = -120; (i > -128); --i) low++;
console.log(low);
const a: i32[] = [3, 1, 4, 1, 5, 9];
let sum = 0;
for (let i = 0; i < a.length && a[i] !== 5; i++) sum += a[i];
console.log(sum);
const limit: u16 = 65535;
let steps: u32 = 0;
for (let i: u32 = 65530; limit > i; i++) steps++;
console.log(steps);
let evens = 0;
for (let i: u8 = 0; i < 255; i++) {
  if (i % 2 === 1) continue;
  evens++;
}
console.log(evens);
let big: u64 = 0n;
for (let i: u64 = 18446744073709551610n; i < 18446744073709551615n; i++) big = i;
console.log(big);
outer: for (let i: u8 = 253; i < 255; i++) {
  for (let j: u8 = 0; j < 3; j++) {
    if (j === 1) continue outer;
    console.log(i, j);
  }
}
// `<=`, `>=` and constant steps `+= k`, `-= k`, each as close to its type's limit as the step allows.
let fives = 0;
for (let i: u8 = 0; i <= 250; i += 5) fives++;
console.log(fives);
let down = 0;
for (let i: i32 = 10; i >= 0; i--) down += i;
console.log(down);
let signals = 0;
for (let s: i32 = 1; s <= 64; s++) signals += s;
console.log(signals);
let words = 0;
for (let off: u32 = 0; off < 48; off += 4) words++;
console.log(words);
let sevens = 0;
for (let i: i8 = 127; i >= -121; i -= 7) sevens++;
console.log(sevens);
