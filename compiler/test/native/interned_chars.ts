// stdout: no allocation | 1200 | 日本語😀é | still interned
// Strings of one code point (for…of, charAt, s[i], String.fromCharCode/fromCodePoint) are
// interned: after the first use of a block of code points, taking them allocates nothing (a block
// released just before is handed out again afterwards), and dispose leaves them alone.
class Cell { a: u32 = 0; b: u32 = 0; }
function visit(text: string, rounds: i32): i32 {
  let units = 0;
  for (let r = 0; r < rounds; r++) {
    for (const ch of text) units += ch.length;
    for (let i = 0; i < text.length; i++) units += text.charAt(i).length + text[i].length - 1;
    units += String.fromCharCode(0x65e5).length + String.fromCodePoint(0x1f600).length - 3;
  }
  return units;
}
function main(): void {
  const text = "日本語😀é";
  visit(text, 1);
  const probe = new Cell();
  const at = addressOf(probe);
  dispose(probe);
  const units = visit(text, 100);
  const next = new Cell();
  console.log(addressOf(next) === at ? "no allocation" : "allocated");
  console.log(units);
  let again = "";
  for (const ch of text) { again += ch; dispose(ch); }
  console.log(again);
  let same = true;
  for (let i = 0; i < text.length; i++) { const c = text[i]; dispose(c); same = same && text[i] === String.fromCharCode(text.charCodeAt(i)); }
  console.log(same ? "still interned" : "corrupted");
}
main();
