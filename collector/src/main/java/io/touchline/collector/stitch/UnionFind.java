package io.touchline.collector.stitch;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * A forest over key numbers {@code 0..size-1}, each tree a set named by its root. The profile index
 * keeps two: its groups (every link) and its profiles (the links the rules accepted).
 *
 * <p>{@link #root} only reads, so readers may walk while holding a shared lock; {@link #find} also
 * shortens the path it walked, and so is the writer's alone. Which set a key is in, and which key
 * is its root, is the same whichever of the two walked: shortening only moves keys closer to their
 * root.
 */
final class UnionFind {

  private final IntArrayList parent = new IntArrayList();

  /** Adds a key as a set of its own; returns its number (the keys so far). */
  int add() {
    int key = parent.size();
    parent.add(key);
    return key;
  }

  /** The root of {@code key}'s set, changing nothing. */
  int root(int key) {
    int root = key;
    while (parent.getInt(root) != root) {
      root = parent.getInt(root);
    }
    return root;
  }

  /** The root of {@code key}'s set; every key on the way is then linked to it directly. */
  int find(int key) {
    int root = root(key);
    while (parent.getInt(key) != root) {
      int next = parent.getInt(key);
      parent.set(key, root);
      key = next;
    }
    return root;
  }

  boolean isRoot(int key) {
    return parent.getInt(key) == key;
  }

  /**
   * Hangs {@code from} under {@code into}. Callers pass roots to join two sets, or rebuild a set
   * key by key after deciding it anew; {@code into == from} makes the key a root.
   */
  void link(int from, int into) {
    parent.set(from, into);
  }

  /** Makes the key a set of its own again (its former children keep pointing at it). */
  void reset(int key) {
    parent.set(key, key);
  }

  void clear() {
    parent.clear();
  }
}
