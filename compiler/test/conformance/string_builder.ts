// Building strings in loops: += with numbers/bools, join of parts, repeat and padding for a table.
const rows: string[] = [];
for (let i: u32 = 1; i <= 5; i++) {
  let line = String(i).padStart(3) + " |";
  for (let j: u32 = 1; j <= 5; j++) line += String(i * j).padStart(4);
  rows.push(line);
}
console.log("    " + "-".repeat(21));
console.log(rows.join("\n"));
let csv = "";
for (let k = 0; k < 4; k++) csv += (k > 0 ? "," : "") + (k % 2 === 0) + ":" + (k - 2);
console.log(csv, csv.length, csv.split(",").length);
