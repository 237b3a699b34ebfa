// Arrays of nullable references and nullable arrays.
class Slot { constructor(readonly id: i32) {} }
const slots: (Slot | null)[] = new Array<Slot | null>(5).fill(null);
slots[1] = new Slot(10);
slots[3] = new Slot(30);
let used = 0, ids = 0;
for (const s of slots) if (s !== null) { used++; ids += s.id; }
console.log(used, ids, slots[0] === null, slots[3]!.id);
let maybe: i32[] | null = null;
console.log(maybe === null);
maybe = [1, 2, 3];
console.log(maybe.length, maybe![2]);
const names: (string | null)[] = ["a", null, "c"];
let joined = "";
for (const n of names) joined += n ?? "-";
console.log(joined);
