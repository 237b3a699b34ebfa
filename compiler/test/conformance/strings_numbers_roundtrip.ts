// Parsing decimal strings by hand and printing back; digit sums; leading zeros.
function parse(s: string): i64 {
  let neg = false, i = 0, v: i64 = 0n;
  if (s.charAt(0) === "-") { neg = true; i = 1; }
  // Accumulate towards the sign so that the most negative i64 parses without overflow.
  for (; i < s.length; i++) v = v * 10n + (neg ? -1n : 1n) * BigInt(s.charCodeAt(i) - 48);
  return v;
}
for (const s of ["0", "42", "-17", "007", "9223372036854775807", "-9223372036854775808"]) {
  const v = parse(s);
  console.log(s, v, String(v) === s);
}
