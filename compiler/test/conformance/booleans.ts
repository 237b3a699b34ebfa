// Booleans: printing, comparison, negation, arrays of booleans, boolean fields.
function yes(): boolean { return true; }
const t = yes(), f = !yes();
console.log(t, f, !t, t === f, t !== f, t && f, t || f);
const bits: boolean[] = [true, false, true, true];
let ones = 0;
for (const b of bits) if (b) ones++;
console.log(ones, bits.indexOf(false), bits.includes(true), `${t}-${f}`);
class Switch { on = false; toggle(): boolean { this.on = !this.on; return this.on; } }
const s = new Switch();
console.log(s.toggle(), s.toggle(), s.on, String(t), t.toString());
const cmp: boolean = 3 > 2;
console.log(cmp, (5 < 3) === false);
