package io.rigshare.protocol.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The commitment to the rows of C: a binary SHA-256 Merkle tree with one leaf per row, in row order.
 *
 * <pre>
 *   leaf(i) = SHA-256(0x00 || i as 4 bytes big-endian || row i's float32 values, little-endian)
 *   node    = SHA-256(0x01 || left || right)
 * </pre>
 *
 * Each level pairs nodes left to right; an odd last node is promoted to the next level unchanged. The root over one
 * leaf is that leaf. A proof lists the sibling hashes from the leaf up, skipping levels where the node was promoted;
 * checking one needs the leaf count ({@code n}) to know where those are. The prefixes keep a leaf from passing as a
 * node, and the index in the leaf keeps a row from passing as another.
 */
public final class Merkle {
  private static final HexFormat HEX = HexFormat.of();

  /** levels.get(0) are the leaves, the last level holds the root alone. */
  private final List<byte[][]> levels;

  private Merkle(List<byte[][]> levels) {
    this.levels = levels;
  }

  /** The tree over leaf hashes (as {@link #leaf} makes them), in row order; at least one. */
  public static Merkle of(byte[][] leaves) {
    if (leaves.length == 0) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = leaves.clone();
    levels.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = 2 * i + 1 < level.length ? node(level[2 * i], level[2 * i + 1]) : level[2 * i];
      }
      levels.add(up);
      level = up;
    }
    return new Merkle(levels);
  }

  public static byte[] leaf(int index, byte[] rowBytes) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
    sha.update(rowBytes);
    return sha.digest();
  }

  public static byte[] leaf(int index, float[] row) {
    return leaf(index, ChallengeRules.rowBytes(row));
  }

  static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  public int leafCount() {
    return levels.get(0).length;
  }

  /** The root as 64 lower-case hex digits. */
  public String root() {
    return HEX.formatHex(levels.get(levels.size() - 1)[0]);
  }

  /** The sibling hashes (hex) from leaf {@code index} up to the root. */
  public List<String> proof(int index) {
    if (index < 0 || index >= leafCount()) {
      throw new IndexOutOfBoundsException("no leaf " + index + " among " + leafCount());
    }
    List<String> proof = new ArrayList<>();
    int i = index;
    for (int depth = 0; depth < levels.size() - 1; depth++) {
      byte[][] level = levels.get(depth);
      int sibling = i ^ 1;
      if (sibling < level.length) {
        proof.add(HEX.formatHex(level[sibling]));
      }
      i >>= 1;
    }
    return proof;
  }

  /**
   * Whether {@code rowBytes} is row {@code index} of the tree over {@code leafCount} rows with root {@code root}.
   * False (never an exception) for anything malformed: a bad index, a proof of the wrong length, bad hex.
   */
  public static boolean verify(String root, int leafCount, int index, byte[] rowBytes, List<String> proof) {
    if (root == null || proof == null || leafCount < 1 || index < 0 || index >= leafCount) {
      return false;
    }
    try {
      byte[] hash = leaf(index, rowBytes);
      int used = 0;
      int i = index;
      for (int size = leafCount; size > 1; size = (size + 1) / 2) {
        if ((i ^ 1) < size) {
          if (used == proof.size()) {
            return false;
          }
          byte[] sibling = HEX.parseHex(proof.get(used++));
          if (sibling.length != 32) {
            return false;
          }
          hash = (i & 1) == 0 ? node(hash, sibling) : node(sibling, hash);
        }
        i >>= 1;
      }
      return used == proof.size() && MessageDigest.isEqual(hash, HEX.parseHex(root));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
