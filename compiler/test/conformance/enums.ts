// Numeric enums with reverse mapping, explicit and negative values; const enums.
enum Op { Add, Sub, Mul = 10, Div, Neg = -3, Max = 0x7fffffff }
const enum Flag { None = 0, Read = 1, Write = 2, Exec = 4, All = Read | Write | Exec }
console.log(Op.Add, Op.Sub, Op.Mul, Op.Div, Op.Neg, Op.Max);
console.log(Op[Op.Add], Op[Op.Div], Op[Op.Neg], Op[0], Op[11]);
const ops: Op[] = [Op.Mul, Op.Add, Op.Neg];
for (const o of ops) console.log(o, Op[o], o === Op.Mul, o > Op.Sub);
let perms: i32 = Flag.Read | Flag.Exec;
console.log(perms, (perms & Flag.Write) !== 0, (perms & Flag.Exec) !== 0, Flag.All);
function name(o: Op): string { return `op=${Op[o]}(${o})`; }
console.log(name(Op.Sub));
function pick(i: i32): Op { return i > 0 ? Op.Div : Op.Add; }
const cur = pick(1);
console.log(cur === Op.Div, cur !== Op.Add);
