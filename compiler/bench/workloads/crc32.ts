/** CRC-32 (IEEE, table-driven) over a 64 KiB buffer, 400 times. */
const table = new Array<u32>(256).fill(0);

function initTable(): void {
  for (let i: u32 = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? (0xedb88320 ^ (c >>> 1)) >>> 0 : c >>> 1;
    table[i] = c;
  }
}

function crc32(buf: u8[], n: i32): u32 {
  let c: u32 = 0xffffffff;
  for (let i = 0; i < n; i++) c = (table[(c ^ buf[i]) & 0xff] ^ (c >>> 8)) >>> 0;
  return (c ^ 0xffffffff) >>> 0;
}

const N = 65536;
initTable();
const buf = new Array<u8>(N).fill(0);
for (let i = 0; i < N; i++) buf[i] = u8(i * 7 + 3);
/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  let acc: u32 = 0;
  for (let r = 0; r < 400; r++) {
    buf[r] = u8(r);
    acc = (acc ^ crc32(buf, N)) >>> 0;
  }
  console.log(acc);
}

main();
