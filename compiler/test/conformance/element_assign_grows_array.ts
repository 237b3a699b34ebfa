// An element assignment whose value grows the array: the element is written into the grown array.
function grow(a: u32[], n: u32): u32 {
  for (let i: u32 = 0; i < n; i++) a.push(i);
  return 77;
}
function main(): void {
  const a: u32[] = [1];
  a[0] = grow(a, 100);
  console.log(a[0], a.length, a[99]);
  a[1] += grow(a, 1000);
  console.log(a[1], a.length);
  const b: u32[][] = [[5]];
  b[0][0] = grow(b[0], 50);
  console.log(b[0][0], b[0].length);
}
main();
