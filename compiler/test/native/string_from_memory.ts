// stdout: abc | [] | [] | 5 hello
// stringFromMemory copies bytes at an address (here an array's storage) into a new string.
function main(): void {
  const all = new Array<u8>(256).fill(0);
  for (let i = 0; i < 256; i++) all[i] = u8(i);
  console.log(stringFromMemory(addressOf(all) + 97, 3));
  console.log(`[${stringFromMemory(0, 0)}]`);
  console.log(`[${stringFromMemory(addressOf(all), -4)}]`);
  const s = "hello";
  const copy = stringFromMemory(addressOf(s), s.length);
  console.log(copy.length, copy);
}
main();
