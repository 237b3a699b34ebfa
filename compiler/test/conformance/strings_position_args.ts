// The optional position arguments of the search methods (clamped as JavaScript clamps them),
// split's limit (ToUint32: -1 is no limit), concat with several strings, trimStart/trimEnd and
// split() without a separator, on one-byte and two-byte text alike.
for (const s of ["abcabc", "αβγαβγ", "a😀a😀"]) {
  const b = s.slice(1, 2);
  const out: string[] = [];
  for (const p of [-5, 0, 1, 2, 3, 4, 6, 99]) {
    out.push(`${s.indexOf(b, p)}/${s.lastIndexOf(b, p)}/${s.includes(b, p)}/${s.startsWith(b, p)}/${s.endsWith(b, p)}`);
  }
  console.log(s, b, out.join(" "), s.lastIndexOf(b), s.indexOf("", 99), s.lastIndexOf("", -3), s.lastIndexOf(""));
}
const csv = "a,β,c,δ,e";
const lims: i32[] = [0, 1, 2, 5, 9, -1];
for (const lim of lims) console.log(lim, csv.split(",", lim).join("|"), csv.split("", lim).length);
console.log("x".concat("y", "ζ", "", "1"), "".concat(), "ab".concat(), `[${" \u3000 mid \t ".trimStart()}]`, `[${" \u3000 mid \t ".trimEnd()}]`);
console.log("".split("").length, "".split(",").length, "ab".split("ab").length);
