// stringFromBytes: one character per byte, slice-style positions.
function main(): void {
  const text = "héllo, wörld\n";
  const bytes = new Array<u8>(text.length).fill(0);
  for (let i = 0; i < text.length; i++) bytes[i] = u8(text.charCodeAt(i));
  console.log(stringFromBytes(bytes, 0, bytes.length) === text);
  console.log(stringFromBytes(bytes, 0, 5), stringFromBytes(bytes, 7, -1), `[${stringFromBytes(bytes, 9, 3)}]`);
  console.log(stringFromBytes(bytes, -6, 1000).length, stringFromBytes(bytes, -100, 2));
  const all = new Array<u8>(256).fill(0);
  for (let i = 0; i < 256; i++) all[i] = u8(i);
  const s = stringFromBytes(all, 0, 256);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i) * (i + 1);
  console.log(s.length, sum, s.charCodeAt(255), s.slice(65, 91));
}
main();
