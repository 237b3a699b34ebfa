// Run-length encoding and decoding of byte strings; round trip check.
function rle(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s.charAt(j) === s.charAt(i) && j - i < 9) j++;
    out += `${j - i}${s.charAt(i)}`;
    i = j;
  }
  return out;
}
function unrle(s: string): string {
  let out = "";
  for (let i = 0; i + 1 < s.length; i += 2) out += s.charAt(i + 1).repeat(s.charCodeAt(i) - 48);
  return out;
}
for (const s of ["", "a", "aaabccddddd", "x".repeat(25) + "yz", "abcabc"]) {
  const e = rle(s);
  console.log(e, unrle(e) === s, e.length, s.length);
}
