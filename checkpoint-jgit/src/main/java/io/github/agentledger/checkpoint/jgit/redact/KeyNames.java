package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Locale;
import java.util.Set;

/**
 * What a name says about the value it holds: a JSON member name, an environment variable, a YAML
 * or config key. Names are split into words at {@code _}, {@code -}, {@code .} and lower-to-upper
 * case changes ({@code dbPassword} → {@code db}, {@code password}).
 */
final class KeyNames {
  /** Last words that make a name secret: {@code DB_PASSWORD}, {@code pg_pwd}, {@code token}. */
  private static final Set<String> SECRET_WORDS = Set.of(
      "password", "passwd", "pass", "pwd", "passphrase", "passcode", "secret", "token",
      "credentials", "credential", "creds", "auth", "apikey", "secretkey", "privatekey",
      "accesskey", "accountkey", "appkey", "masterkey", "signingkey", "encryptionkey", "sharedkey",
      "clientsecret", "authtoken", "accesstoken", "refreshtoken", "apitoken", "sessiontoken",
      "bearertoken", "webhooksecret", "sig", "pat");
  /** Endings of a one-word name that make it secret: {@code dbpassword}, {@code npmtoken}. */
  private static final String[] SECRET_ENDINGS = {
      "password", "passwd", "passphrase", "secret", "token", "apikey", "secretkey", "privatekey",
      "accesskey", "accountkey"};
  /** Last two words that make a name secret when neither alone does: {@code api_key}. */
  private static final Set<String> SECRET_KEY_QUALIFIERS = Set.of(
      "api", "secret", "private", "access", "account", "app", "master", "signing", "encryption",
      "shared", "client", "storage", "license", "subscription", "admin", "service", "deploy");
  /** Members never searched: paths, and data the library itself wrote as binary or opaque. */
  private static final Set<String> PATH_KEYS =
      Set.of("filepath", "file_path", "cwd", "root", "directory", "dir", "path");
  private static final Set<String> OPAQUE_KEYS = Set.of(
      "signature", "encrypted_content", "encryptedcontent", "thought_signature",
      "thoughtsignature", "integrity", "checksum", "sha", "sha256", "sha512", "digest",
      "content_hash", "contenthash", "hash", "etag", "nonce", "public_key", "publickey");
  /** Kinds or types of objects that carry binary data (images, audio, files, opaque thinking). */
  private static final Set<String> BINARY_KINDS = Set.of(
      "base64", "audio", "file", "document", "input_audio", "input_file", "input_image",
      "output_audio", "redacted_thinking", "blob", "binary");

  private KeyNames() {}

  /** {@return whether a value named {@code name} is a secret whatever it looks like} */
  static boolean isSecretKey(CharSequence name) {
    String[] words = lastTwoWords(name);
    if (words[1].isEmpty()) {
      return false;
    }
    if (SECRET_WORDS.contains(words[1])) {
      return true;
    }
    for (String ending : SECRET_ENDINGS) {
      if (words[1].endsWith(ending)) {
        return true;
      }
    }
    return words[1].equals("key") && SECRET_KEY_QUALIFIERS.contains(words[0]);
  }

  /** {@return whether the string values under member {@code name} are never searched} */
  static boolean isOpaqueKey(String name) {
    return OPAQUE_KEYS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@return whether member {@code name} holds ids or paths} Only secrets of a well-known shape
   * (an AWS key id under {@code aws_access_key_id}) are searched there: entropy and context
   * rules would take every id for a token.
   */
  static boolean isIdOrPathKey(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith("id") || lower.endsWith("ids") || PATH_KEYS.contains(lower);
  }

  /**
   * {@return whether an object whose {@code kind} or {@code type} member is {@code kind} holds
   * binary content} Such objects are never searched: inline images, audio and files as the
   * segment log and agent transcripts write them, and encrypted reasoning.
   */
  static boolean isBinaryKind(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return lower.startsWith("image") || BINARY_KINDS.contains(lower);
  }

  /** {@return whether member {@code name} says its object carries a media type} */
  static boolean isMediaTypeKey(String name) {
    return name.equals("mime_type") || name.equals("media_type") || name.equals("mimeType")
        || name.equals("mediaType");
  }

  /** The last two words of a name, lower-cased; empty strings where there are fewer. */
  static String[] lastTwoWords(CharSequence name) {
    int end = name.length();
    String last = "";
    String before = "";
    int found = 0;
    while (end > 0 && found < 2) {
      while (end > 0 && isSeparator(name.charAt(end - 1))) {
        end--;
      }
      int start = end;
      while (start > 0 && !isSeparator(name.charAt(start - 1))
          && !(start < end && Character.isLowerCase(name.charAt(start - 1))
              && Character.isUpperCase(name.charAt(start)))) {
        start--;
      }
      if (start == end) {
        break;
      }
      String word = name.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
      if (found == 0) {
        last = word;
      } else {
        before = word;
      }
      found++;
      end = start;
    }
    return new String[] {before, last};
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
  }
}
