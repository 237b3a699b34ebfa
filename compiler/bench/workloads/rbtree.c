/* A red-black tree (CLRS, parent pointers): 200 000 inserts of pseudo-random keys, 400 000 lookups. */
#include "bench.h"

typedef struct RbNode { struct RbNode *left, *right, *parent; bool red; uint32_t key, val; } RbNode;
typedef struct RbTree { RbNode *root; uint32_t size; } RbTree;

static void rotate_left(RbTree *t, RbNode *x) {
  RbNode *y = x->right;
  x->right = y->left;
  if (y->left) y->left->parent = x;
  y->parent = x->parent;
  if (!x->parent) t->root = y;
  else if (x == x->parent->left) x->parent->left = y;
  else x->parent->right = y;
  y->left = x;
  x->parent = y;
}

static void rotate_right(RbTree *t, RbNode *x) {
  RbNode *y = x->left;
  x->left = y->right;
  if (y->right) y->right->parent = x;
  y->parent = x->parent;
  if (!x->parent) t->root = y;
  else if (x == x->parent->right) x->parent->right = y;
  else x->parent->left = y;
  y->right = x;
  x->parent = y;
}

static void fix_insert(RbTree *t, RbNode *z) {
  while (z->parent && z->parent->red) {
    RbNode *p = z->parent, *g = p->parent;
    if (p == g->left) {
      RbNode *u = g->right;
      if (u && u->red) { p->red = false; u->red = false; g->red = true; z = g; }
      else {
        if (z == p->right) { z = p; rotate_left(t, z); }
        z->parent->red = false;
        z->parent->parent->red = true;
        rotate_right(t, z->parent->parent);
      }
    } else {
      RbNode *u = g->left;
      if (u && u->red) { p->red = false; u->red = false; g->red = true; z = g; }
      else {
        if (z == p->left) { z = p; rotate_right(t, z); }
        z->parent->red = false;
        z->parent->parent->red = true;
        rotate_left(t, z->parent->parent);
      }
    }
  }
  t->root->red = false;
}

static void insert(RbTree *t, uint32_t key, uint32_t val) {
  RbNode *p = NULL, *x = t->root;
  while (x) {
    p = x;
    if (key < x->key) x = x->left;
    else if (key > x->key) x = x->right;
    else { x->val = val; return; }
  }
  RbNode *z = ostc_alloc(sizeof *z);
  z->key = key; z->val = val; z->red = true; z->parent = p;
  if (!p) t->root = z;
  else if (key < p->key) p->left = z;
  else p->right = z;
  t->size++;
  fix_insert(t, z);
}

static RbNode *find(const RbTree *t, uint32_t key) {
  RbNode *x = t->root;
  while (x && x->key != key) x = key < x->key ? x->left : x->right;
  return x;
}

static uint32_t height(const RbNode *n) {
  if (!n) return 0;
  uint32_t l = height(n->left), r = height(n->right);
  return 1 + (l > r ? l : r);
}

void ostc_program_init(void) {
  RbTree *tree = ostc_alloc(sizeof *tree);
  uint32_t x = 12345;
  for (uint32_t i = 0; i < 200000; i++) {
    x = x * 1103515245u + 12345;
    insert(tree, x >> 12, i);
  }
  uint32_t acc = 0;
  x = 12345;
  for (uint32_t i = 0; i < 400000; i++) {
    x = x * 1103515245u + 12345;
    RbNode *n = find(tree, (x >> 12) + (i & 1));
    if (n) acc += n->val;
  }
  bench_print_u32(acc ^ tree->size ^ (height(tree->root) << 24));
}
