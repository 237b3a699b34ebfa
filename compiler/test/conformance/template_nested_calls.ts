// Template literals with nested templates, method calls, ternaries and bigints; passed to functions.
function wrap(s: string): string { return `[${s}]`; }
class P { constructor(readonly x: i32, readonly y: i32) {} show(): string { return `(${this.x},${this.y})`; } }
const pts: P[] = [new P(1, -2), new P(-3, 4)];
for (const p of pts) console.log(`${wrap(p.show())} ${p.x > 0 ? `right ${p.x}` : `left ${-p.x}`} ${`${p.y}`.length}`);
const n: u64 = 18446744073709551615n;
console.log(`${n} ${n / 2n} ${wrap(`${n % 10n}`)}`);
