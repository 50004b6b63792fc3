package io.github.agentledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a session transcript (JSON lines, UTF-8), held immutably.
 *
 * <p>Immutable and thread-safe: the bytes are copied in and copied out.
 */
public final class Transcript {
  private static final Transcript EMPTY = new Transcript(new byte[0]);

  private final byte[] bytes;

  private Transcript(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of the given bytes.
   *
   * @param bytes the transcript bytes
   * @return the transcript
   */
  public static Transcript of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Transcript(bytes.clone());
  }

  /**
   * Encodes text as UTF-8.
   *
   * @param text the transcript text
   * @return the transcript
   */
  public static Transcript ofUtf8(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@return the empty transcript} */
  public static Transcript empty() {
    return EMPTY;
  }

  /** {@return a copy of the bytes} */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@return the number of bytes} */
  public int size() {
    return bytes.length;
  }

  /** {@return true when there are no bytes} */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** {@return the bytes decoded as UTF-8} */
  public String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transcript that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Transcript[" + bytes.length + " bytes]";
  }
}
