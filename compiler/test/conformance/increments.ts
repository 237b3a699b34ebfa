// ++/-- prefix and postfix on locals, fields, array elements, statics; values of the expressions.
class C { n: u8 = 254; static total = 0; }
const c = new C();
const a: i32[] = [5, 5];
let i = 0;
console.log(i++, i, ++i, i, i--, i, --i, i);
console.log(c.n++, c.n, --c.n, c.n);
console.log(a[0]++, a[0], ++a[1], a[1], a[0]--, --a[1], a.join(","));
C.total++; ++C.total; C.total--;
console.log(C.total);
let j = 0;
const xs: i32[] = [10, 20, 30, 40];
console.log(xs[j++], xs[j++], xs[++j], j);
for (let k = 3; k > 0; k--) j += k;
console.log(j);
let big: i64 = 9007199254740991n;
big++;
big++;
console.log(big, big--, big);
