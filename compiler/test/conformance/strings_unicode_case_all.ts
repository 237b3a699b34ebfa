// toUpperCase and toLowerCase of every code point of planes 0 and 1 (the BMP's code units one
// by one, lone surrogates included), and the final-sigma rule of toLowerCase next to each BMP code
// unit, hashed per block of 4096 so that a difference from Node names its block. Disposing the
// interned one-code-point strings is harmless.
function fnv(h: u32, s: string): u32 {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619) >>> 0;
  return Math.imul(x ^ s.length, 16777619) >>> 0;
}
for (let block = 0; block < 0x20000; block += 0x1000) {
  let up: u32 = 2166136261, low: u32 = 2166136261, sigma: u32 = 2166136261;
  for (let cp = block; cp < block + 0x1000; cp++) {
    const s = cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    const u = s.toUpperCase(), l = s.toLowerCase();
    up = fnv(up, u);
    low = fnv(low, l);
    dispose(u);
    dispose(l);
    if (cp < 0x10000) {
      const before = "A" + s + "\u03a3", after = "A\u03a3" + s + "b", alone = s + "\u03a3";
      const lb = before.toLowerCase(), la = after.toLowerCase(), ll = alone.toLowerCase();
      sigma = fnv(fnv(fnv(sigma, lb), la), ll);
      dispose(before); dispose(after); dispose(alone); dispose(lb); dispose(la); dispose(ll);
    }
    dispose(s); // an interned string of one code point: left alone

  }
  console.log(block.toString(), up, low, sigma);
}
