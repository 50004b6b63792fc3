package io.github.agentledger.checkpoint.jgit.redact;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link Redactor}: replaces secrets with {@code REDACTED}.
 *
 * <p>Transcripts: when the whole content is one JSON value (a pretty-printed document) it is
 * redacted as one; otherwise each line ({@code \n}-terminated; a {@code \r} before it and a last
 * line without terminator are kept as they are) that is one valid JSON value is redacted
 * field-aware by {@link JsonTextRedaction}, and each run of consecutive lines that are not JSON is
 * redacted as plain text (so a PEM block spread over several such lines is found whole). Work is
 * done on the decoded text, but bytes are only re-encoded for a line or run that changed; every
 * other byte is copied as it was. A line or run that is not valid UTF-8 is read as ISO-8859-1,
 * which maps bytes to characters one to one, so its bytes outside a secret survive exactly.
 *
 * <p>Immutable and safe for use by several threads at once; deterministic.
 */
final class SecretRedactor implements Redactor {
  private final TextRedaction text;
  private final JsonTextRedaction json;

  SecretRedactor(List<Detector> detectors) {
    this.text = new TextRedaction(detectors);
    this.json = new JsonTextRedaction(text);
  }

  static SecretRedactor withDefaults() {
    return new SecretRedactor(SecretPatterns.defaults());
  }

  @Override
  public String redactText(String input) {
    return text.redact(Objects.requireNonNull(input, "text"));
  }

  @Override
  public byte[] redactTranscript(byte[] jsonl) {
    Objects.requireNonNull(jsonl, "jsonl");
    Optional<byte[]> whole = redactWholeDocument(jsonl);
    if (whole.isPresent()) {
      return whole.get();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jsonl.length);
    boolean changed = false;
    int runStart = -1; // start of the current run of non-JSON lines, -1 when none
    int lineStart = 0;
    while (lineStart < jsonl.length) {
      int lineEnd = indexOfNewline(jsonl, lineStart);
      int next = lineEnd < 0 ? jsonl.length : lineEnd + 1;
      int contentEnd = lineEnd < 0 ? jsonl.length : lineEnd;
      Optional<String> decoded = decodeUtf8(jsonl, lineStart, contentEnd);
      Optional<String> redacted = decoded.flatMap(json::redact);
      if (redacted.isEmpty()) {
        if (runStart < 0) {
          runStart = lineStart;
        }
      } else {
        if (runStart >= 0) {
          changed |= redactPlainRun(jsonl, runStart, lineStart, out);
          runStart = -1;
        }
        if (redacted.get() == decoded.get()) {
          out.write(jsonl, lineStart, next - lineStart);
        } else {
          changed = true;
          out.writeBytes(redacted.get().getBytes(StandardCharsets.UTF_8));
          out.write(jsonl, contentEnd, next - contentEnd);
        }
      }
      lineStart = next;
    }
    if (runStart >= 0) {
      changed |= redactPlainRun(jsonl, runStart, jsonl.length, out);
    }
    return changed ? out.toByteArray() : jsonl;
  }

  /** Handles content that is a single JSON value spread over several lines, if it is one. */
  private Optional<byte[]> redactWholeDocument(byte[] content) {
    int firstNewline = indexOfNewline(content, 0);
    if (firstNewline < 0 || firstNewline == content.length - 1) {
      return Optional.empty(); // one line at most: the line path handles it
    }
    Optional<String> decoded = decodeUtf8(content, 0, content.length);
    if (decoded.isEmpty() || !JsonTextRedaction.isSingleJsonValue(decoded.get())) {
      return Optional.empty();
    }
    String redacted = json.redact(decoded.get()).orElseThrow();
    return Optional.of(
        redacted == decoded.get() ? content : redacted.getBytes(StandardCharsets.UTF_8));
  }

  /** Redacts {@code bytes[from, to)} as plain text into {@code out}; true when it changed. */
  private boolean redactPlainRun(byte[] bytes, int from, int to, ByteArrayOutputStream out) {
    Optional<String> utf8 = decodeUtf8(bytes, from, to);
    String original = utf8.orElseGet(
        () -> new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    String redacted = text.redact(original);
    if (redacted == original) {
      out.write(bytes, from, to - from);
      return false;
    }
    out.writeBytes(redacted.getBytes(
        utf8.isPresent() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    return true;
  }

  private static int indexOfNewline(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Strict UTF-8 decoding; empty when the bytes are not valid UTF-8. */
  static Optional<String> decodeUtf8(byte[] bytes, int from, int to) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Builds a redactor with the default detectors followed by extra ones. */
  static SecretRedactor withDefaultsAnd(List<Detector> extra) {
    List<Detector> all = new ArrayList<>(SecretPatterns.defaults());
    all.addAll(extra);
    return new SecretRedactor(all);
  }
}
