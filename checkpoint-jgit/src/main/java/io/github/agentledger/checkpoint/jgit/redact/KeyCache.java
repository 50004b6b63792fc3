package io.github.agentledger.checkpoint.jgit.redact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What each JSON member name means to the redactor, remembered by the name's bytes: transcripts
 * repeat a few dozen names millions of times, and classifying a name once per redaction instead
 * of once per member keeps the walk allocation-free. Not thread-safe.
 */
final class KeyCache {
  static final int OPAQUE = 1;
  static final int ID_OR_PATH = 2;
  static final int SECRET = 4;
  static final int KIND = 8;
  static final int NAME = 16;
  static final int VALUE = 32;
  static final int MEDIA_TYPE = 64;
  private static final int SLOTS = 512;

  private final RuleSet rules;
  private final byte[][] names = new byte[SLOTS][];
  private final int[] flags = new int[SLOTS];

  KeyCache(RuleSet rules) {
    this.rules = rules;
  }

  /** {@return the flags of the name {@code bytes[start, end)} (raw, maybe with escapes)} */
  int flags(byte[] bytes, int start, int end, boolean escaped) {
    int hash = 1;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + bytes[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    byte[] known = names[slot];
    if (known != null && Arrays.equals(known, 0, known.length, bytes, start, end)) {
      return flags[slot];
    }
    String name = escaped ? decode(bytes, start, end)
        : new String(bytes, start, end - start, StandardCharsets.UTF_8);
    int computed = classify(name);
    names[slot] = Arrays.copyOfRange(bytes, start, end);
    flags[slot] = computed;
    return computed;
  }

  private int classify(String name) {
    int result = 0;
    if (KeyNames.isOpaqueKey(name) || rules.skippedMembers.contains(name)) {
      result |= OPAQUE;
    }
    if (KeyNames.isIdOrPathKey(name)) {
      result |= ID_OR_PATH;
    }
    if (KeyNames.isSecretKey(name)) {
      result |= SECRET;
    }
    if (name.equals("kind") || name.equals("type")) {
      result |= KIND;
    }
    if (name.equals("name") || name.equals("key")) {
      result |= NAME;
    }
    if (name.equals("value")) {
      result |= VALUE;
    }
    if (KeyNames.isMediaTypeKey(name)) {
      result |= MEDIA_TYPE;
    }
    return result;
  }

  /** Decodes a member name written with escapes, through gson's strict reader. */
  private static String decode(byte[] bytes, int start, int end) {
    String quoted = "\"" + new String(bytes, start, end - start, StandardCharsets.UTF_8) + "\"";
    try (com.google.gson.stream.JsonReader reader =
        new com.google.gson.stream.JsonReader(new java.io.StringReader(quoted))) {
      return reader.nextString();
    } catch (java.io.IOException | RuntimeException e) {
      return quoted; // the walk already checked the escapes; this cannot happen
    }
  }
}
