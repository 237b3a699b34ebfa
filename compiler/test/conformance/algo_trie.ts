// A trie over lowercase ASCII with insertion, lookup and prefix counting.
class TrieNode {
  children: (TrieNode | null)[] = new Array<TrieNode | null>(26).fill(null);
  terminal = false;
  count = 0;
}
class Trie {
  root = new TrieNode();
  insert(w: string): void {
    let n = this.root;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i) - 97;
      let next = n.children[c];
      if (next === null) { next = new TrieNode(); n.children[c] = next; }
      n = next;
      n.count++;
    }
    n.terminal = true;
  }
  private walk(w: string): TrieNode | null {
    let n: TrieNode | null = this.root;
    for (let i = 0; i < w.length && n !== null; i++) n = n.children[w.charCodeAt(i) - 97];
    return n;
  }
  has(w: string): boolean { const n = this.walk(w); return n !== null && n.terminal; }
  prefixCount(p: string): i32 { const n = this.walk(p); return n === null ? 0 : n.count; }
}
const t = new Trie();
for (const w of "the then there these this that than thus kernel kern kept".split(" ")) t.insert(w);
console.log(t.has("the"), t.has("th"), t.has("kern"), t.has("kernels"), t.prefixCount("th"), t.prefixCount("the"), t.prefixCount("ke"), t.prefixCount("x"));
