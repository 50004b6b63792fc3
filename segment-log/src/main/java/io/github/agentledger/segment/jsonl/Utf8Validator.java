package io.github.agentledger.segment.jsonl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629): rejects stray continuation bytes, overlong forms, surrogates
 * and code points above U+10FFFF. ASCII runs are checked eight bytes at a time. Stateless.
 */
final class Utf8Validator {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;

  private Utf8Validator() {}

  /** {@return the index of the first byte of the first invalid sequence in b[from, to), or -1} */
  static int firstInvalid(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (i + Long.BYTES <= to && ((long) LONGS.get(b, i) & HIGHS) == 0) {
        i += Long.BYTES;
        continue;
      }
      int lead = b[i] & 0xFF;
      if (lead < 0x80) {
        i++;
      } else if (lead < 0xC2) {
        return i; // continuation byte without a lead, or overlong two-byte form
      } else if (lead < 0xE0) {
        if (i + 1 >= to || !continuation(b[i + 1])) {
          return i;
        }
        i += 2;
      } else if (lead < 0xF0) {
        if (i + 2 >= to) {
          return i;
        }
        int b1 = b[i + 1] & 0xFF;
        boolean overlong = lead == 0xE0 && b1 < 0xA0;
        boolean surrogate = lead == 0xED && b1 > 0x9F;
        if (overlong || surrogate || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
          return i;
        }
        i += 3;
      } else if (lead < 0xF5) {
        if (i + 3 >= to) {
          return i;
        }
        int b1 = b[i + 1] & 0xFF;
        boolean overlong = lead == 0xF0 && b1 < 0x90;
        boolean tooHigh = lead == 0xF4 && b1 > 0x8F;
        if (overlong || tooHigh || !continuation(b[i + 1]) || !continuation(b[i + 2])
            || !continuation(b[i + 3])) {
          return i;
        }
        i += 4;
      } else {
        return i;
      }
    }
    return -1;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
