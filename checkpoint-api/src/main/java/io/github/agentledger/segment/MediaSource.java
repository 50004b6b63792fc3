package io.github.agentledger.segment;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bytes of an image, audio clip or file come from: stored inline as base64 with their
 * media type, or referenced by a URI that the log does not resolve.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface MediaSource {
  /** {@return the media type, for example {@code image/png}; a URI may leave it unknown} */
  Optional<String> mediaType();

  /**
   * Bytes stored inline.
   *
   * @param type the media type, for example {@code image/png}
   * @param base64Data the bytes, standard base64 with padding
   */
  record Inline(String type, String base64Data) implements MediaSource {
    /**
     * Validates the components; the data must be standard base64.
     *
     * @param type the media type, for example {@code image/png}
     * @param base64Data the bytes, standard base64 with padding
     * @throws IllegalArgumentException if {@code type} is blank or the data is not base64
     */
    public Inline {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(base64Data, "base64Data");
      if (type.isBlank()) {
        throw new IllegalArgumentException("media type is blank");
      }
      Base64.getDecoder().decode(base64Data);
    }

    /**
     * Creates an inline source from raw bytes.
     *
     * @param type the media type
     * @param bytes the bytes
     * @return the source
     */
    public static Inline of(String type, byte[] bytes) {
      return new Inline(type, Base64.getEncoder().encodeToString(bytes));
    }

    /** {@return a fresh copy of the decoded bytes} */
    public byte[] bytes() {
      return Base64.getDecoder().decode(base64Data);
    }

    @Override
    public Optional<String> mediaType() {
      return Optional.of(type);
    }
  }

  /**
   * Bytes referenced by a URI ({@code https:}, {@code gs:}, {@code file:}, ...), kept as given.
   *
   * @param uri the URI text
   * @param mediaType the media type, if known
   */
  record Uri(String uri, Optional<String> mediaType) implements MediaSource {
    /**
     * Validates the components.
     *
     * @param uri the URI text
     * @param mediaType the media type, if known
     * @throws IllegalArgumentException if {@code uri} is blank
     */
    public Uri {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(mediaType, "mediaType");
      if (uri.isBlank()) {
        throw new IllegalArgumentException("uri is blank");
      }
    }
  }
}
