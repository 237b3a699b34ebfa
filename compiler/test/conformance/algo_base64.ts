// Base64 encode/decode of byte arrays with padding.
const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function encode(b: u8[]): string {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8) | (i + 2 < b.length ? b[i + 2] : 0);
    out += ALPHA.charAt((n >> 18) & 63) + ALPHA.charAt((n >> 12) & 63);
    out += i + 1 < b.length ? ALPHA.charAt((n >> 6) & 63) : "=";
    out += i + 2 < b.length ? ALPHA.charAt(n & 63) : "=";
  }
  return out;
}
function decode(s: string): u8[] {
  const out: u8[] = [];
  for (let i = 0; i < s.length; i += 4) {
    let n = 0, pad = 0;
    for (let j = 0; j < 4; j++) {
      const c = s.charAt(i + j);
      if (c === "=") { pad++; n <<= 6; } else n = (n << 6) | ALPHA.indexOf(c);
    }
    out.push(u8(n >> 16));
    if (pad < 2) out.push(u8(n >> 8));
    if (pad < 1) out.push(u8(n));
  }
  return out;
}
function bytes(s: string): u8[] { const b: u8[] = []; for (let i = 0; i < s.length; i++) b.push(u8(s.charCodeAt(i))); return b; }
for (const s of ["", "f", "fo", "foo", "foobar", "OpenOS kernel"]) {
  const e = encode(bytes(s));
  const d = decode(e);
  let back = "";
  for (const x of d) back += String.fromCharCode(x);
  console.log(`"${s}" -> ${e} -> "${back}"`, back === s);
}
const all: u8[] = [];
for (let i = 0; i < 256; i++) all.push(u8(255 - i));
console.log(encode(all).length, encode(all).slice(0, 24), decode(encode(all)).join(",") === all.join(","));
