package dev.ftls.core.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH64, the 64-bit xxHash of Yann Collet's specification (as clangd digests file contents): a
 * fast non-cryptographic hash whose value is the same on every machine. ftls stamps the project
 * index's summaries with it; SHA-256 did that before, at several times the CPU (the JVM's quick
 * compiler has no intrinsic for it), for a stamp nobody attacks.
 */
final class ContentHash {
  private ContentHash() {}

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  /** The XXH64 of {@code data} with {@code seed}. */
  static long xxh64(byte[] data, long seed) {
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int n = data.length;
    int at = 0;
    long h;
    if (n >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (int limit = n - 32; at <= limit; at += 32) {
        v1 = round(v1, in.getLong(at));
        v2 = round(v2, in.getLong(at + 8));
        v3 = round(v3, in.getLong(at + 16));
        v4 = round(v4, in.getLong(at + 24));
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += n;
    for (; at + 8 <= n; at += 8) {
      h ^= round(0, in.getLong(at));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (at + 4 <= n) {
      h ^= (in.getInt(at) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      at += 4;
    }
    for (; at < n; at++) {
      h ^= (data[at] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long acc, long value) {
    return (acc ^ round(0, value)) * P1 + P4;
  }
}
