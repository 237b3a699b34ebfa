// trap: température → 25 °C ✗ 😀
// line: 5
function check(t: i32): void {
  const unit = "°C";
  if (t > 20) panic(`température → ${t} ${unit} ✗ ${String.fromCodePoint(0x1f600)}`);
}
check(10);
check(25);
