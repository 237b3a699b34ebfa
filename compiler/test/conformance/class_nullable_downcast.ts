// `as Sub` on a nullable base type (`Base | null`): the result is typed Sub (or Sub | null),
// a Sub stays itself and a null stays null, as TypeScript's `as` checks nothing at run time.
class Entry {
  next: Entry | null = null;
  constructor(readonly name: string) {}
  size(): u32 { return 0; }
}
class FileEntry extends Entry {
  constructor(name: string, readonly bytes: u32) { super(name); }
  size(): u32 { return this.bytes; }
}
class DirEntry extends Entry {
  first: Entry | null = null;
  size(): u32 { return 4096; }
}
class LinkEntry extends FileEntry {
  target = "";
}

function find(list: Entry | null, name: string): Entry | null {
  for (let e = list; e !== null; e = e.next) if (e.name === name) return e;
  return null;
}

const root = new DirEntry("/");
const f = new FileEntry("a.txt", 12);
const l = new LinkEntry("b", 3);
l.target = "a.txt";
const d = new DirEntry("etc");
f.next = l;
l.next = d;
root.first = f;

// A downcast from a nullable value, guarded by instanceof.
const a = find(root.first, "a.txt");
if (a instanceof FileEntry) console.log("file", (a as FileEntry).bytes, a.size());

// Straight to a local typed by the cast.
const b = find(root.first, "b");
const link = b as LinkEntry;
console.log("link", link.name, link.target, link.bytes, link.size());

// Two levels down, through an intermediate class.
const asFile: FileEntry = b as FileEntry;
console.log("as file", asFile.bytes, asFile instanceof LinkEntry);

// A field of nullable type, cast in an expression.
const dir = find(root.first, "etc");
console.log("dir", (dir as DirEntry).first === null, (dir as DirEntry).size());
console.log("root first", (root.first as FileEntry).bytes);

// A null stays null, whether the target is Sub or Sub | null.
const missing = find(root.first, "nothing");
const m1 = missing as FileEntry;
const m2 = missing as FileEntry | null;
console.log("missing", m1 === null, m2 === null, (m2 ?? f) === f);
const m3: DirEntry | null = find(null, "x") as DirEntry | null;
console.log("null list", m3 === null);

// In a loop over a nullable chain, with a cast per kind.
let total: u32 = 0;
for (let e: Entry | null = root.first; e !== null; e = e.next) {
  if (e instanceof LinkEntry) total += (e as LinkEntry).target.length;
  else if (e instanceof FileEntry) total += (e as FileEntry).bytes;
  else if (e instanceof DirEntry) total += (e as DirEntry).first === null ? 1 : 2;
}
console.log("total", total);

// An upcast from a nullable subclass value.
function firstFile(x: DirEntry): FileEntry | null {
  return x.first instanceof FileEntry ? x.first as FileEntry : null;
}
const up = firstFile(root) as Entry;
console.log("up", up.name, up.size());
