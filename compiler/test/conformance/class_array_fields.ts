// Objects holding arrays of objects: a tiny file-system tree with recursive size and path listing.
class Inode {
  children: Inode[] = [];
  constructor(readonly name: string, readonly size: u32) {}
  add(c: Inode): Inode { this.children.push(c); return c; }
  total(): u32 { let s = this.size; for (const c of this.children) s += c.total(); return s; }
  list(prefix: string, out: string[]): void {
    const p = prefix + "/" + this.name;
    out.push(`${p}:${this.size}`);
    for (const c of this.children) c.list(p, out);
  }
}
const root = new Inode("", 0);
const bin = root.add(new Inode("bin", 4096));
bin.add(new Inode("sh", 120000)); bin.add(new Inode("ls", 80000));
const etc = root.add(new Inode("etc", 4096));
etc.add(new Inode("passwd", 1234));
const out: string[] = [];
root.list("", out);
console.log(root.total(), out.length, out.join(" "));
