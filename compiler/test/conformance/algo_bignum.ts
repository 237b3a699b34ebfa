// Arbitrary-precision decimal arithmetic on arrays of base-10000 limbs: factorial of 50.
function mulSmall(a: u32[], m: u32): void {
  let carry: u32 = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] * m + carry;
    a[i] = v % 10000;
    carry = Math.trunc(v / 10000);
  }
  while (carry > 0) { a.push(carry % 10000); carry = Math.trunc(carry / 10000); }
}
function str(a: u32[]): string {
  let s = String(a[a.length - 1]);
  for (let i = a.length - 2; i >= 0; i--) s += String(a[i]).padStart(4, "0");
  return s;
}
const f: u32[] = [1];
for (let i: u32 = 2; i <= 50; i++) mulSmall(f, i);
console.log(str(f), f.length);
const p: u32[] = [1];
for (let i = 0; i < 100; i++) mulSmall(p, 2);
console.log(str(p));
