// A tiny LZ77-style compressor emitting (offset, length, next) triples, and its decompressor.
class Tri { constructor(readonly off: i32, readonly len: i32, readonly ch: string) {} }
function compress(s: string): Tri[] {
  const out: Tri[] = [];
  let i = 0;
  while (i < s.length) {
    let bestLen = 0, bestOff = 0;
    for (let j = Math.max(0, i - 32); j < i; j++) {
      let k = 0;
      while (i + k < s.length - 1 && s.charAt(j + k) === s.charAt(i + k) && k < 15) k++;
      if (k > bestLen) { bestLen = k; bestOff = i - j; }
    }
    out.push(new Tri(bestOff, bestLen, s.charAt(i + bestLen)));
    i += bestLen + 1;
  }
  return out;
}
function decompress(t: Tri[]): string {
  let s = "";
  for (const x of t) { const start = s.length - x.off; for (let k = 0; k < x.len; k++) s += s.charAt(start + k); s += x.ch; }
  return s;
}
for (const s of ["abracadabra abracadabra", "aaaaaaaaaaaaaaaaaaaa", "no repeats here", ""]) {
  const c = compress(s);
  console.log(c.length, decompress(c) === s, c.length > 0 ? `${c[c.length - 1].off},${c[c.length - 1].len}` : "-");
}
