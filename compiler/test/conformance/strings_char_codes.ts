// Character code arithmetic: Caesar cipher, case toggling and digit checks by char codes.
function caesar(s: string, k: i32): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out += String.fromCharCode((c - 97 + k + 26) % 26 + 97);
    else if (c >= 65 && c <= 90) out += String.fromCharCode((c - 65 + k + 26) % 26 + 65);
    else out += s.charAt(i);
  }
  return out;
}
function toggle(s: string): string { let o = ""; for (const ch of s) { const c = ch.charCodeAt(0); o += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c >= 97 && c <= 122 ? c - 32 : c); } return o; }
const msg = "Hello, OpenOS 2024!";
console.log(caesar(msg, 3), caesar(caesar(msg, 3), -3) === msg, toggle(msg));
let digits = 0;
for (const ch of msg) if (ch >= "0" && ch <= "9") digits++;
console.log(digits);
