package io.github.agentledger.checkpoint.jgit.redact;

import java.util.SplittableRandom;

/**
 * Builds secret-shaped test values from a seeded random source, so that no real-looking credential
 * is written literally in the sources and every run sees the same values.
 */
public final class FakeSecrets {
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String URLSAFE = ALNUM + "_-";
  static final String BASE64 = ALNUM + "+/";

  private FakeSecrets() {}

  static String random(long seed, String alphabet, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static String alnum(long seed, int length) {
    return random(seed, ALNUM, length);
  }

  static String awsAccessKeyId() {
    return "AKIA" + random(1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  }

  static String githubToken(String prefix) {
    return prefix + alnum(2, 36);
  }

  static String githubFineGrained() {
    return "github_pat_" + alnum(3, 22) + "_" + alnum(4, 59);
  }

  static String slackBotToken() {
    return "xoxb-" + "123456789012-1234567890123-" + alnum(5, 24);
  }

  static String stripeLive() {
    return "sk_" + "live_" + alnum(6, 24);
  }

  static String googleApiKey() {
    return "AIza" + random(7, URLSAFE, 35);
  }

  public static String openAiKey() {
    return "sk-proj-" + random(8, URLSAFE, 48) + "9";
  }

  static String anthropicKey() {
    return "sk-ant-api03-" + random(9, URLSAFE, 93) + "AA";
  }

  static String jwt() {
    return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        + "." + random(10, URLSAFE, 43);
  }

  static String pemPrivateKey() {
    StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    for (int line = 0; line < 4; line++) {
      pem.append(random(20 + line, BASE64, 64)).append('\n');
    }
    return pem.append("-----END RSA PRIVATE KEY-----").toString();
  }

  /** A 40-character random token with no known prefix: found by entropy alone. */
  static String highEntropyToken() {
    return alnum(11, 40);
  }
}
