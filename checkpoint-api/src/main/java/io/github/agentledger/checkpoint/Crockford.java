package io.github.agentledger.checkpoint;

/** Crockford base32 in its canonical, upper-case spelling, as ULIDs use it. Stateless. */
final class Crockford {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private Crockford() {}

  /** {@return the 5-bit value of a canonical character, or -1 for any other character} */
  static int decode(char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  static char encode(int fiveBits) {
    return ALPHABET.charAt(fiveBits & 31);
  }
}
