// usize/isize are u32/i32 on i386.
const page: usize = 4096;
const neg: isize = -4096;
function alignUp(x: usize, a: usize): usize {
  return u32((x + a - 1) & ~(a - 1));
}
function alignDown(x: usize, a: usize): usize {
  return u32(x & ~(a - 1));
}
console.log(page, neg, alignUp(5000, page), alignDown(5000, page), alignUp(0, page));
console.log(u32(alignUp(0x7fffffff, page)), alignDown(0xfffff123, page));
let total: usize = 0;
for (let i: usize = 0; i < 10; i++) total += i * page;
console.log(total);
const d: isize = neg * 3 + 1;
console.log(d, Math.trunc(d / page), Math.floor(d / page), d % 7);
