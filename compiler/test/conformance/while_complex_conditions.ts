// Loop conditions with && || and side effects in the condition.
let i = 0, calls = 0;
function more(): boolean { calls++; return i < 5; }
while (more() && i !== 3) i++;
console.log(i, calls);
const data: i32[] = [3, 1, 4, 1, 5, 9, 2, 6];
let k = 0;
while (k < data.length && !(data[k] > 4 || data[k] === 1 && k > 2)) k++;
console.log(k, data[k]);
let n: u32 = 1;
do n <<= 1; while (n < 1000 && n !== 64);
console.log(n);
