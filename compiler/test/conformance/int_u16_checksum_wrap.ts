// 16-bit one's-complement sums and u16 wrap-around counters (TCP sequence-number style compare).
function seqLess(a: u32, b: u32): boolean { return i32(a - b) < 0; }
let seq: u32 = 4294967290;
const seen: string[] = [];
for (let i = 0; i < 10; i++) { const next = u32(seq + 3); seen.push(`${seqLess(seq, next)}`); seq = next; }
console.log(seq, seen.join(","));
let port: u16 = 65530;
const ports: u16[] = [];
for (let i = 0; i < 10; i++) { ports.push(port); port = u16(port + 1); }
console.log(ports.join(" "));
