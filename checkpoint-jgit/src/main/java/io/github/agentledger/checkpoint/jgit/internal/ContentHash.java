package io.github.agentledger.checkpoint.jgit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content hashes as the format stores them: {@code sha256:<lowercase hex>}, no newline.
 *
 * <p>Internal, may change without notice.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  public static byte[] fileBytes(String hash) {
    return hash.getBytes(StandardCharsets.UTF_8);
  }
}
