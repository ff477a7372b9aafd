package io.touchline.collector.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnionFindTest {

  /** A chain 0 <- 1 <- 2 <- 3: each key hangs under the one before it. */
  private static UnionFind chain() {
    UnionFind forest = new UnionFind();
    for (int key = 0; key < 4; key++) {
      assertThat(forest.add()).isEqualTo(key);
    }
    for (int key = 1; key < 4; key++) {
      forest.link(key, key - 1);
    }
    return forest;
  }

  @Test
  void aNewKeyIsASetOfItsOwn() {
    UnionFind forest = new UnionFind();
    int a = forest.add();
    int b = forest.add();
    assertThat(forest.find(a)).isEqualTo(a);
    assertThat(forest.root(b)).isEqualTo(b);
    assertThat(forest.isRoot(a)).isTrue();
  }

  @Test
  void rootWalksWithoutChangingAnythingAndFindShortensThePath() {
    UnionFind forest = chain();
    assertThat(forest.root(3)).isEqualTo(0);
    assertThat(forest.isRoot(3)).isFalse();
    // Still a chain: resetting 1 cuts 2 and 3 off from 0.
    UnionFind walked = chain();
    walked.root(3);
    walked.reset(1);
    assertThat(walked.root(3)).isEqualTo(1);

    // find hangs every key it passed straight under the root: resetting 1 then cuts off only 1.
    UnionFind found = chain();
    assertThat(found.find(3)).isEqualTo(0);
    found.reset(1);
    assertThat(found.root(3)).isEqualTo(0);
    assertThat(found.root(2)).isEqualTo(0);
    assertThat(found.root(1)).isEqualTo(1);
  }

  @Test
  void linkJoinsSetsAndLinkingAKeyToItselfMakesItARoot() {
    UnionFind forest = new UnionFind();
    for (int key = 0; key < 4; key++) {
      forest.add();
    }
    forest.link(1, 0);
    forest.link(3, 2);
    forest.link(2, 0);
    assertThat(forest.find(3)).isEqualTo(0);
    assertThat(forest.find(1)).isEqualTo(0);
    forest.link(2, 2);
    assertThat(forest.isRoot(2)).isTrue();
  }

  @Test
  void clearForgetsEveryKey() {
    UnionFind forest = chain();
    forest.clear();
    assertThat(forest.add()).isEqualTo(0);
    assertThat(forest.isRoot(0)).isTrue();
  }
}
