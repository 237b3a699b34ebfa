// UTF-8 encoding and decoding of code points into byte arrays, as a tty layer does.
function encode(cp: u32, out: u8[]): void {
  if (cp < 0x80) out.push(u8(cp));
  else if (cp < 0x800) { out.push(u8(0xc0 | (cp >>> 6))); out.push(u8(0x80 | (cp & 0x3f))); }
  else if (cp < 0x10000) { out.push(u8(0xe0 | (cp >>> 12))); out.push(u8(0x80 | ((cp >>> 6) & 0x3f))); out.push(u8(0x80 | (cp & 0x3f))); }
  else { out.push(u8(0xf0 | (cp >>> 18))); out.push(u8(0x80 | ((cp >>> 12) & 0x3f))); out.push(u8(0x80 | ((cp >>> 6) & 0x3f))); out.push(u8(0x80 | (cp & 0x3f))); }
}
function decode(b: u8[]): u32[] {
  const cps: u32[] = [];
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let cp: u32, n: i32;
    if (c < 0x80) { cp = c; n = 0; } else if (c < 0xe0) { cp = c & 0x1f; n = 1; } else if (c < 0xf0) { cp = c & 0x0f; n = 2; } else { cp = c & 0x07; n = 3; }
    i++;
    for (let k = 0; k < n; k++) cp = u32((cp << 6) | (b[i++] & 0x3f));
    cps.push(cp);
  }
  return cps;
}
const points: u32[] = [0x41, 0xe9, 0x3b1, 0x20ac, 0xffff, 0x1f600, 0x10ffff];
const bytes: u8[] = [];
for (const p of points) encode(p, bytes);
const hex: string[] = [];
for (const b of bytes) hex.push(b.toString());
console.log(bytes.length, hex.join(" "));
console.log(decode(bytes).join(" "), decode(bytes).join(",") === points.join(","));
