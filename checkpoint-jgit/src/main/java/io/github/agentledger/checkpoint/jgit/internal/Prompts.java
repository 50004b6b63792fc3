package io.github.agentledger.checkpoint.jgit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code prompt.txt} format: prompts joined by {@code "\n\n---\n\n"}; splitting on the same
 * separator reverses it, trailing empty elements dropped (spec §2.8). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class Prompts {
  public static final String SEPARATOR = "\n\n---\n\n";

  private Prompts() {}

  public static byte[] join(List<String> prompts) {
    return String.join(SEPARATOR, prompts).getBytes(StandardCharsets.UTF_8);
  }

  public static List<String> split(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>(Arrays.asList(text.split(SEPARATOR, -1)));
    while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }
}
