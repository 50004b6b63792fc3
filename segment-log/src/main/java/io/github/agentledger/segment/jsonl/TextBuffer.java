package io.github.agentledger.segment.jsonl;

import java.io.Writer;

/**
 * A {@link Writer} into a {@link StringBuilder}, for encoding one line: unlike
 * {@link java.io.StringWriter} (a {@code StringBuffer}, locked on every call) it takes no lock,
 * which matters because a JSON writer makes dozens of small writes per entry.
 *
 * <p>Not thread-safe: one encoding at a time.
 */
final class TextBuffer extends Writer {
  private final StringBuilder text;

  TextBuffer(int initialCapacity) {
    text = new StringBuilder(initialCapacity);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void write(String str, int offset, int length) {
    text.append(str, offset, offset + length);
  }

  @Override
  public Writer append(CharSequence chars) {
    text.append(chars);
    return this;
  }

  @Override
  public Writer append(char c) {
    text.append(c);
    return this;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return text.toString();
  }
}
