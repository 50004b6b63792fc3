package io.github.agentledger.checkpoint.jgit.redact;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redacts the string values of one JSON text (a JSONL line, or a whole pretty-printed document) in
 * place: the text is first checked with gson's strict reader, then walked again here to learn
 * where every string value lies, and only the characters of a secret are replaced, inside the
 * original text. Keys, numbers, whitespace and unchanged strings keep their exact characters.
 *
 * <p>Secrets are searched in the <em>decoded</em> value of each string, so a secret written with
 * escapes ({@code \u0041KIA…}, {@code \/}) is found, and the replaced raw range covers the escape
 * sequences inside it whole; {@code REDACTED} needs no escaping.
 *
 * <p>Skipped as the format requires: members named {@code signature}; members whose name ends in
 * {@code id} or {@code ids} (any case); the path members {@code filepath}, {@code file_path},
 * {@code cwd}, {@code root}, {@code directory}, {@code dir}, {@code path}; objects whose
 * {@code type} starts with {@code image} or equals {@code base64} (inline image data). String
 * members whose name says password or secret are replaced whole, whatever their entropy, unless
 * the value is a placeholder.
 */
final class JsonTextRedaction {
  private static final Set<String> PATH_KEYS =
      Set.of("filepath", "file_path", "cwd", "root", "directory", "dir", "path");
  private static final String[] SECRET_KEY_ENDINGS = {
      "password", "passwd", "passphrase", "secret", "apikey", "secretkey", "secretaccesskey",
      "privatekey", "accesstoken", "authtoken", "refreshtoken", "clientsecret"};

  private final TextRedaction text;

  JsonTextRedaction(TextRedaction text) {
    this.text = text;
  }

  /**
   * Redacts {@code json} when it is exactly one valid JSON value.
   *
   * @return the redacted text ({@code json} itself when nothing matched), or empty when
   *     {@code json} is not one valid JSON value
   */
  Optional<String> redact(String json) {
    if (!isSingleJsonValue(json)) {
      return Optional.empty();
    }
    RangeSet raw = new RangeSet();
    new Walker(json, raw).value(false);
    return Optional.of(raw.applyTo(json, TextRedaction.REPLACEMENT));
  }

  static boolean isSingleJsonValue(String json) {
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      reader.skipValue();
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static boolean isSkippedKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.equals("signature") || lower.endsWith("id") || lower.endsWith("ids")
        || PATH_KEYS.contains(lower);
  }

  static boolean isSecretKey(String key) {
    String squeezed = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    for (String ending : SECRET_KEY_ENDINGS) {
      if (squeezed.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A recursive-descent walk over text that gson has already accepted, so it need not report
   * errors; its depth is bounded by gson's nesting limit.
   */
  private final class Walker {
    private final String json;
    private final RangeSet raw;
    private int pos;

    Walker(String json, RangeSet raw) {
      this.json = json;
      this.raw = raw;
    }

    /** Walks the value at {@code pos}; {@code skip} true means: record nothing inside it. */
    void value(boolean skip) {
      whitespace();
      char c = json.charAt(pos);
      if (c == '{') {
        object(skip);
      } else if (c == '[') {
        pos++;
        whitespace();
        if (json.charAt(pos) == ']') {
          pos++;
          return;
        }
        while (true) {
          value(skip);
          whitespace();
          if (json.charAt(pos++) == ']') {
            return;
          }
        }
      } else if (c == '"') {
        int start = pos + 1;
        int end = endOfString(start);
        pos = end + 1;
        if (!skip) {
          redactString(start, end);
        }
      } else {
        while (pos < json.length() && ",]} \t\r\n".indexOf(json.charAt(pos)) < 0) {
          pos++;
        }
      }
    }

    /**
     * Walks an object in one pass. Whether it is an image object is known only once its
     * {@code type} member is read, which may come after the data, so what was marked inside it is
     * rolled back at the end when it turns out to be one.
     */
    private void object(boolean skip) {
      int mark = raw.size();
      boolean image = false;
      pos++;
      whitespace();
      if (json.charAt(pos) == '}') {
        pos++;
        return;
      }
      while (true) {
        whitespace();
        int keyStart = pos + 1;
        int keyEnd = endOfString(keyStart);
        String key = JsonStringText.decode(json, keyStart, keyEnd).value();
        pos = keyEnd + 1;
        whitespace();
        pos++; // ':'
        whitespace();
        boolean isString = json.charAt(pos) == '"';
        if (isString && key.equals("type")) {
          int start = pos + 1;
          String type = JsonStringText.decode(json, start, endOfString(start)).value();
          image = type.startsWith("image") || type.equals("base64");
        }
        if (!skip && isString && isSecretKey(key) && !isSkippedKey(key)) {
          int start = pos + 1;
          int end = endOfString(start);
          pos = end + 1;
          if (SecretPatterns.isSecretValue(JsonStringText.decode(json, start, end).value())) {
            raw.add(start, end);
          } else {
            redactString(start, end);
          }
        } else {
          value(skip || isSkippedKey(key));
        }
        whitespace();
        if (json.charAt(pos++) == '}') {
          if (image) {
            raw.truncate(mark);
          }
          return;
        }
      }
    }

    private void redactString(int start, int end) {
      JsonStringText decoded = JsonStringText.decode(json, start, end);
      RangeSet found = new RangeSet();
      text.find(decoded.value(), found);
      int[] merged = found.merged();
      for (int i = 0; i < merged.length; i += 2) {
        raw.add(decoded.rawIndex(merged[i]), decoded.rawIndex(merged[i + 1]));
      }
    }

    private int endOfString(int from) {
      int i = from;
      while (true) {
        char c = json.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '"') {
          return i;
        } else {
          i++;
        }
      }
    }

    private void whitespace() {
      while (pos < json.length() && " \t\r\n".indexOf(json.charAt(pos)) >= 0) {
        pos++;
      }
    }
  }
}
