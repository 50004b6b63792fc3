package io.github.agentledger.segment.jsonl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scanning on the restore hot path: newline search eight bytes at a time (SWAR) and the
 * blank-line test. Stateless.
 */
final class LineScan {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private LineScan() {}

  /** {@return the index of the first {@code \n} in {@code b[from, to)}, or -1} */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long v = (long) LONGS.get(b, i) ^ NEWLINES;
      long zeros = (v - ONES) & ~v & HIGHS;
      if (zeros != 0) {
        // Little-endian view: the lowest flagged byte is the first newline (no false positive
        // can sit below a true zero byte in this test).
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** {@return whether {@code b[from, to)} holds only spaces, tabs and carriage returns} */
  static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** {@return the index of the last {@code \n} in {@code b[from, to)}, or -1} */
  static int lastIndexOfNewline(byte[] b, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
