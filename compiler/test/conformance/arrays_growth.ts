// Array growth past several capacity doublings, pop back down, then reuse; arrays of strings grow too.
const xs: u32[] = [];
for (let i: u32 = 0; i < 10000; i++) xs.push(i * 3);
let s: u64 = 0n;
for (const x of xs) s += BigInt(x);
console.log(xs.length, xs[9999], s);
while (xs.length > 3) xs.pop();
xs.push(7);
console.log(xs.join(","));
const words: string[] = [];
for (let i = 0; i < 500; i++) words.push(`w${i}`);
console.log(words.length, words[499], words.slice(250, 253).join(" "));
