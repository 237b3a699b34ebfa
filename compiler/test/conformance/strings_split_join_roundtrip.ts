// Parsing a key=value config with split/trim and reassembling it.
const text = " name = openos \nversion= 0.1\n\n# comment\nmodules =vfs, net ,tty \n";
const lines = text.split("\n");
const keys: string[] = [], vals: string[] = [];
for (const raw of lines) {
  const line = raw.trim();
  if (line.length === 0 || line.startsWith("#")) continue;
  const eq = line.indexOf("=");
  keys.push(line.slice(0, eq).trim());
  vals.push(line.slice(eq + 1).trim());
}
const mods = vals[2].split(",");
const cleaned: string[] = [];
for (const m of mods) cleaned.push(m.trim().toUpperCase());
console.log(keys.join("|"), vals.join("|"), cleaned.join("+"), lines.length);
