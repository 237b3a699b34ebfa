// CRC-32 (IEEE) with a 256-entry table, as a network stack computes it.
const table = new Array<u32>(256).fill(0);
for (let n: u32 = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? u32(0xedb88320 ^ (c >>> 1)) : c >>> 1;
  table[n] = c;
}
function crc32(s: string): u32 {
  let crc: u32 = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = u32(table[(crc ^ s.charCodeAt(i)) & 0xff] ^ (crc >>> 8));
  return u32(crc ^ 0xffffffff);
}
console.log(crc32(""), crc32("a"), crc32("123456789"), crc32("The quick brown fox jumps over the lazy dog"));
console.log(table[1], table[255], crc32("123456789").toString());
