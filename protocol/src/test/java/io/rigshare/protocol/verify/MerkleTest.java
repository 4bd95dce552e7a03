package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTest {
  private static final HexFormat HEX = HexFormat.of();

  private static float[][] rows(Random random, int count, int width) {
    float[][] rows = new float[count][width];
    for (float[] row : rows) {
      for (int j = 0; j < width; j++) {
        row[j] = random.nextFloat() * 2 - 1;
      }
    }
    return rows;
  }

  private static Merkle tree(float[][] rows) {
    byte[][] leaves = new byte[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      leaves[i] = Merkle.leaf(i, rows[i]);
    }
    return Merkle.of(leaves);
  }

  private static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      sha.update(part);
    }
    return sha.digest();
  }

  @Test
  void leavesAndNodesAreTheDocumentedHashes() throws Exception {
    float[] row0 = {1.0f, -0.5f};
    float[] row1 = {0.25f, 0.0f};
    byte[] bytes0 = HEX.parseHex("0000803f000000bf"); // 1.0f and -0.5f, little-endian
    assertThat(ChallengeRules.rowBytes(row0)).isEqualTo(bytes0);
    byte[] leaf0 = sha256(new byte[] {0, 0, 0, 0, 0}, bytes0);
    byte[] leaf1 = sha256(new byte[] {0, 0, 0, 0, 1}, ChallengeRules.rowBytes(row1));
    assertThat(Merkle.leaf(0, row0)).isEqualTo(leaf0);
    assertThat(Merkle.leaf(1, row1)).isEqualTo(leaf1);
    Merkle tree = Merkle.of(new byte[][] {leaf0, leaf1});
    assertThat(tree.root()).isEqualTo(HEX.formatHex(sha256(new byte[] {1}, leaf0, leaf1)));
    assertThat(tree.proof(0)).containsExactly(HEX.formatHex(leaf1));
  }

  @Test
  void anOddLastNodeIsPromotedAndItsProofSkipsThatLevel() throws Exception {
    float[][] rows = rows(new Random(1), 3, 4);
    Merkle tree = tree(rows);
    byte[] l0 = Merkle.leaf(0, rows[0]);
    byte[] l1 = Merkle.leaf(1, rows[1]);
    byte[] l2 = Merkle.leaf(2, rows[2]);
    byte[] n01 = sha256(new byte[] {1}, l0, l1);
    assertThat(tree.root()).isEqualTo(HEX.formatHex(sha256(new byte[] {1}, n01, l2)));
    assertThat(tree.proof(2)).containsExactly(HEX.formatHex(n01));
    assertThat(Merkle.of(new byte[][] {l0}).root()).isEqualTo(HEX.formatHex(l0));
    assertThat(Merkle.of(new byte[][] {l0}).proof(0)).isEmpty();
  }

  @Test
  void everyRowsProofVerifiesForTreesOfManySizes() {
    Random random = new Random(7);
    for (int count = 1; count <= 70; count++) {
      float[][] rows = rows(random, count, 8);
      Merkle tree = tree(rows);
      for (int i = 0; i < count; i++) {
        assertThat(Merkle.verify(tree.root(), count, i, ChallengeRules.rowBytes(rows[i]), tree.proof(i)))
            .as("row %d of %d", i, count).isTrue();
        assertThat(tree.proof(i)).hasSizeLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(count - 1) + 1);
      }
    }
  }

  @Test
  void aTamperedRowFails() {
    Random random = new Random(11);
    for (int t = 0; t < 50; t++) {
      int count = 1 + random.nextInt(64);
      float[][] rows = rows(random, count, 16);
      Merkle tree = tree(rows);
      int i = random.nextInt(count);
      byte[] bytes = ChallengeRules.rowBytes(rows[i]);
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
      assertThat(Merkle.verify(tree.root(), count, i, bytes, tree.proof(i))).isFalse();
    }
  }

  @Test
  void aRowShownAtAnotherIndexFails() {
    Random random = new Random(13);
    float[][] rows = rows(random, 20, 16);
    rows[9] = rows[4].clone(); // even an identical row cannot stand in for another: the index is hashed
    Merkle tree = tree(rows);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        if (i != j) {
          assertThat(Merkle.verify(tree.root(), 20, j, ChallengeRules.rowBytes(rows[i]), tree.proof(i)))
              .as("row %d as %d", i, j).isFalse();
        }
      }
    }
    assertThat(Merkle.verify(tree.root(), 20, 20, ChallengeRules.rowBytes(rows[0]), tree.proof(0))).isFalse();
    assertThat(Merkle.verify(tree.root(), 20, -1, ChallengeRules.rowBytes(rows[0]), tree.proof(0))).isFalse();
  }

  @Test
  void aWrongRootOrLeafCountOrDamagedProofFails() {
    Random random = new Random(17);
    float[][] rows = rows(random, 37, 16);
    Merkle tree = tree(rows);
    Merkle other = tree(rows(random, 37, 16));
    byte[] row5 = ChallengeRules.rowBytes(rows[5]);
    List<String> proof = tree.proof(5);
    assertThat(Merkle.verify(tree.root(), 37, 5, row5, proof)).isTrue();
    assertThat(Merkle.verify(other.root(), 37, 5, row5, proof)).isFalse();
    // The leaf count says where odd nodes were promoted; the last row's proof depends on it.
    byte[] row36 = ChallengeRules.rowBytes(rows[36]);
    assertThat(Merkle.verify(tree.root(), 37, 36, row36, tree.proof(36))).isTrue();
    assertThat(Merkle.verify(tree.root(), 38, 36, row36, tree.proof(36))).isFalse();
    assertThat(Merkle.verify(tree.root().toUpperCase(), 37, 5, row5, proof)).isTrue(); // hex is hex
    assertThat(Merkle.verify("zz", 37, 5, row5, proof)).isFalse();

    List<String> shorter = proof.subList(0, proof.size() - 1);
    List<String> longer = new ArrayList<>(proof);
    longer.add(proof.get(0));
    List<String> flipped = new ArrayList<>(proof);
    flipped.set(1, other.proof(5).get(1));
    List<String> notHex = new ArrayList<>(proof);
    notHex.set(0, "x".repeat(64));
    List<String> shortHash = new ArrayList<>(proof);
    shortHash.set(0, proof.get(0).substring(2));
    for (List<String> bad : List.of(shorter, longer, flipped, notHex, shortHash)) {
      assertThat(Merkle.verify(tree.root(), 37, 5, row5, bad)).as(bad.toString()).isFalse();
    }
  }
}
