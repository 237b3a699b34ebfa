// indexOf, includes, join, slice, fill, reverse; new Array(n).fill(v).
const a: i32[] = [5, 3, 9, 3, -1];
console.log(a.indexOf(3), a.indexOf(42), a.includes(9), a.includes(10));
const names: string[] = ["root", "bin", "etc"];
console.log(names.join("/"), names.join(), names.indexOf("bin"), names.includes("usr"));
console.log(a.slice(1, 3).length, a.slice(-2)[0], a.slice(2).length, a.slice(-10, 2).length, a.slice(3, 1).length);
const s = names.slice(1);
s[0] = "sbin";
console.log(names[1], s[0], s.join("+"));
const z = new Array<u32>(5).fill(7);
console.log(z.length, z[4], z.fill(1)[0]);
const r = [1, 2, 3, 4];
r.reverse();
console.log(r[0], r[3], r.reverse()[0]);
const strs = new Array<string>(3).fill("ab");
console.log(strs.join(""));
const bools = new Array<boolean>(2).fill(false);
bools[1] = true;
console.log(bools.indexOf(true));
