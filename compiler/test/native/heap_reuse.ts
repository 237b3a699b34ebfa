// stdout: object reused | 0 0 0 | array reused | 0 | 3 GiB went through the heap
// What only a native build can show: dispose() hands memory back. A released block is handed out
// again (zeroed), and 3 GiB of 1 MiB arrays fit in a 32-bit address space only if each is unmapped.
class Node3 { a: u32 = 0; b: u32 = 0; c: u32 = 0; }
/** Module arrays and objects are static: the work is in a function. */
function main(): void {
  const x = make();
  x.a = 1; x.b = 2; x.c = 3;
  const at = addressOf(x);
  dispose(x);
  const y = make();
  console.log(addressOf(y) === at ? "object reused" : "object not reused");
  console.log(y.a, y.b, y.c);
  const arr = new Array<u32>(100).fill(7);
  const data = addressOf(arr);
  dispose(arr);
  const arr2: u32[] = [];
  arr2.push(0);
  for (let i = 1; i < 100; i++) arr2.push(0);
  console.log(addressOf(arr2) === data ? "array reused" : "array not reused");
  console.log(arr2[99]);
  for (let i = 0; i < 3072; i++) {
    const big = new Array<u32>(262144).fill(0);
    big[i] = u32(i);
    dispose(big);
  }
  console.log("3 GiB went through the heap");
}
function make(): Node3 { return new Node3(); }
main();
