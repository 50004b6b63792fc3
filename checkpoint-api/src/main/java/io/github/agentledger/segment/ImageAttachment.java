package io.github.agentledger.segment;

import java.util.Base64;
import java.util.Objects;

/**
 * An image attached to a tool result, stored inline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mimeType the media type, for example {@code image/png}
 * @param base64Data the image bytes, standard base64 with padding
 */
public record ImageAttachment(String mimeType, String base64Data) {
  /**
   * Validates the components; the data must be standard base64.
   *
   * @param mimeType the media type, for example {@code image/png}
   * @param base64Data the image bytes, standard base64 with padding
   */
  public ImageAttachment {
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(base64Data, "base64Data");
    Base64.getDecoder().decode(base64Data);
  }

  /**
   * Creates an attachment from raw bytes.
   *
   * @param mimeType the media type
   * @param bytes the image bytes
   * @return the attachment
   */
  public static ImageAttachment of(String mimeType, byte[] bytes) {
    return new ImageAttachment(mimeType, Base64.getEncoder().encodeToString(bytes));
  }

  /** {@return a fresh copy of the decoded image bytes} */
  public byte[] bytes() {
    return Base64.getDecoder().decode(base64Data);
  }
}
