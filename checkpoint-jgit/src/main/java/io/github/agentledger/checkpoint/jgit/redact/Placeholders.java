package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Locale;
import java.util.Set;

/**
 * Values that stand where a secret would but are not one: placeholders ({@code REPLACE_ME},
 * {@code <your-key>}, {@code xxxx}, {@code changeme}), variable references ({@code ${DB_PASS}},
 * {@code $TOKEN}, {@code %s}, {@code {{ .Values.x }}}), type names and keywords.
 */
final class Placeholders {
  private static final Set<String> WORDS = Set.of(
      "changeme", "change_me", "change-me", "password", "passwd", "secret", "redacted", "null",
      "none", "nil", "true", "false", "undefined", "example", "placeholder", "string", "str",
      "int", "number", "bool", "boolean", "any", "optional", "required", "todo", "value", "empty",
      "hidden", "masked", "dummy", "test", "sample", "token", "unset", "default", "secret_key",
      "api_key", "apikey", "string?", "str?", "bytes", "env", "text");
  private static final String[] MARKERS = {
      "replace", "your_", "your-", "yourkey", "yourtoken", "yourpass", "placeholder", "example",
      "changeme", "change_me", "redacted", "<", ">", "xxxx", "****", "....", "${", "{{", "}}",
      "process.env", "os.environ", "getenv", "secrets.", "vault:", "env("};

  private Placeholders() {}

  /** {@return whether {@code value} is a placeholder or a reference rather than a secret} */
  static boolean isPlaceholder(String value) {
    if (value.isEmpty() || "$%*&\\".indexOf(value.charAt(0)) >= 0) {
      return true;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (WORDS.contains(lower)) {
      return true;
    }
    for (String marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return sameCharacterThroughout(lower);
  }

  private static boolean sameCharacterThroughout(String value) {
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) != value.charAt(0)) {
        return false;
      }
    }
    return true;
  }
}
