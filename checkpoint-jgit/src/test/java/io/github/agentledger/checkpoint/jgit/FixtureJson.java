package io.github.agentledger.checkpoint.jgit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.agentledger.checkpoint.jgit.internal.GoJson;
import java.nio.charset.StandardCharsets;

/**
 * Encodes fixture values (insertion-ordered maps, lists, strings, numbers, booleans, nulls) the way
 * the Entire CLI's Go code writes metadata files, through the store's own {@link GoJson}; the
 * golden-bytes tests pin that encoder against files written by hand.
 */
final class FixtureJson {
  private static final Gson TREES = new GsonBuilder().serializeNulls().create();

  private FixtureJson() {}

  /** {@return {@code value} as Go's indented JSON followed by a newline} */
  static String indented(Object value) {
    return new String(GoJson.encode(TREES.toJsonTree(value)), StandardCharsets.UTF_8);
  }
}
