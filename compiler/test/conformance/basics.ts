function fib(n: i32): i32 {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
let total: u32 = 0;
for (let i = 0; i < 10; i++) total += u32(i);
console.log("fib(20) =", fib(20), total, true);
console.log(`template ${fib(10)} and ${-5} ${123456789012n}`);
const xs: u32[] = [1, 2, 3];
xs.push(10);
let s = 0;
for (const x of xs) s += i32(x);
console.log(s, xs.length, "abc".charCodeAt(1), "hello".slice(1, 3));
