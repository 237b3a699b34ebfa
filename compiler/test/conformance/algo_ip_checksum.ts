// The Internet checksum (RFC 1071) over a byte array, with carry folding.
function checksum(bytes: u8[]): u16 {
  let sum: u32 = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1] << 8;
  while (sum >>> 16 !== 0) sum = (sum & 0xffff) + (sum >>> 16);
  return u16(~sum);
}
const header: u8[] = [0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7];
const c = checksum(header);
console.log(c, c.toString(), c === 0xb861);
header[10] = u8(c >>> 8);
header[11] = u8(c);
console.log(checksum(header));
const odd: u8[] = [0xff, 0xff, 0xff];
console.log(checksum(odd), checksum([]));
