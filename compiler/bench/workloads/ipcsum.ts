/** The Internet checksum (RFC 1071) over a 64 KiB buffer, 2400 times. */
function ipChecksum(buf: u8[], n: i32): u32 {
  let sum: u32 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) sum += (u32(buf[i]) << 8 | buf[i + 1]) >>> 0;
  if (i < n) sum += u32(buf[i]) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const N = 65536;
const buf = new Array<u8>(N).fill(0);
for (let i = 0; i < N; i++) buf[i] = u8(i * 13 + (i >>> 8));
/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  let acc: u32 = 0;
  for (let r = 0; r < 2400; r++) {
    buf[r & 1023] = u8(r);
    acc = (Math.imul(acc, 31) + ipChecksum(buf, N - (r & 1))) >>> 0;
  }
  console.log(acc);
}

main();
