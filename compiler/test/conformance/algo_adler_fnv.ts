// Adler-32 and FNV-1a checksums over strings, using wrapping conversions for the hash state.
function adler32(s: string): u32 {
  let a: u32 = 1, b: u32 = 0;
  for (let i = 0; i < s.length; i++) { a = (a + s.charCodeAt(i)) % 65521; b = (b + a) % 65521; }
  return u32((b << 16) | a);
}
function fnv1a(s: string): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = u32(Math.imul(h ^ s.charCodeAt(i), 0x01000193));
  return h;
}
function djb2(s: string): u32 {
  let h: u32 = 5381;
  for (let i = 0; i < s.length; i++) h = u32(h * 33 + s.charCodeAt(i));
  return h;
}
for (const s of ["", "a", "Wikipedia", "The quick brown fox jumps over the lazy dog", "x".repeat(1000)]) {
  console.log(adler32(s), fnv1a(s), djb2(s));
}
