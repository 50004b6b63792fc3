package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionPaths;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a checkpoint's root {@code metadata.json} from a stream, reading the {@code sessions[]}
 * entries only as far as the caller wants them: the read of a summary listing 200 000 sessions
 * costs the entries shown, not a tree of the whole file.
 *
 * <p>Every key other than {@code sessions} is read into a small tree and decoded by the same
 * rules as {@link SummaryJson#decode} (missing or {@code null} is the zero value, a wrong type is
 * corruption). Every byte of the stream is checked as UTF-8 and as JSON syntax within
 * {@link StrictJson#MAX_DEPTH} levels; the {@code sessions[]} entries the caller wants, and every
 * other value, are also checked for duplicate keys. An entry the caller does not want is skipped
 * as syntax only (it must be an object; a key named twice inside it goes unseen, as a full
 * {@link SummaryJson#decode} would report it). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class SummaryStream {
  /** Decides, before each {@code sessions[]} entry, whether the caller wants it decoded. */
  @FunctionalInterface
  public interface Wanted {
    /**
     * Whether to decode the next entry.
     *
     * @param decoded the entries decoded so far, in listed order
     * @param position the position of the next entry in the array
     * @return true to decode it, false to skip it
     */
    boolean next(List<SessionPaths> decoded, int position);

    /** Every entry: a full decode. */
    Wanted ALL = (decoded, position) -> true;
  }

  private SummaryStream() {}

  /**
   * Decodes a summary from a stream of UTF-8 JSON.
   *
   * @param in the stored bytes; not closed
   * @param where the file's location, for errors
   * @param wanted which {@code sessions[]} entries to decode
   * @return the summary with the decoded sessions, in listed order, each with the slot number its
   *     metadata path names (its list position when the path names none)
   * @throws CorruptCheckpointException if the bytes are not a valid summary
   * @throws IOException if the stream fails for another reason than its content
   */
  public static CheckpointSummary decode(InputStream in, String where, Wanted wanted)
      throws IOException {
    return decode(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), where, wanted);
  }

  /**
   * Decodes a summary held in memory: the bytes are checked as UTF-8 once, as {@link
   * StrictJson#parseObject} does, with no stream decoder and its buffers per file (a listing
   * decodes hundreds).
   *
   * @param bytes the stored bytes
   * @param where the file's location, for errors
   * @param wanted which {@code sessions[]} entries to decode
   * @return the summary with the decoded sessions
   * @throws CorruptCheckpointException if the bytes are not a valid summary
   */
  public static CheckpointSummary decode(byte[] bytes, String where, Wanted wanted) {
    try {
      return decode(new StringReader(StrictJson.text(bytes, where)), where, wanted);
    } catch (IOException e) {
      // A string does not fail to read; what is left is a decoder's report.
      throw new CorruptCheckpointException(where, "not valid JSON: " + e.getMessage(), e);
    }
  }

  private static CheckpointSummary decode(Reader text, String where, Wanted wanted)
      throws IOException {
    JsonObject head = new JsonObject();
    List<SessionPaths> sessions = new ArrayList<>();
    try {
      JsonReader reader = new JsonReader(text);
      reader.setStrictness(Strictness.STRICT);
      reader.setNestingLimit(StrictJson.MAX_DEPTH);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new CorruptCheckpointException(where, "expected a JSON object, found "
            + abbreviated(StrictJson.readValue(reader, where, 0)), null);
      }
      reader.beginObject();
      boolean sessionsSeen = false;
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (head.has(name) || (sessionsSeen && name.equals("sessions"))) {
          throw new CorruptCheckpointException(where,
              "duplicate key \"" + name + "\" at " + reader.getPath(), null);
        }
        if (name.equals("sessions")) {
          sessionsSeen = true;
          sessions(reader, where, wanted, sessions);
        } else {
          head.add(name, StrictJson.readValue(reader, where, 1));
        }
      }
      reader.endObject();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CorruptCheckpointException(where, "unexpected data after the JSON value", null);
      }
    } catch (CharacterCodingException e) {
      throw new CorruptCheckpointException(where, "not valid UTF-8: " + e.getMessage(), e);
    } catch (MalformedJsonException | EOFException | JsonParseException
        | IllegalStateException | NumberFormatException e) {
      throw new CorruptCheckpointException(where, "not valid JSON: " + e.getMessage(), e);
    }
    return StrictJson.decoded(where, () -> new CheckpointSummary(
        StrictJson.string(head, "cli_version", where),
        MetadataJson.checkpointId(head, where),
        StrictJson.string(head, "strategy", where),
        StrictJson.string(head, "branch", where),
        StrictJson.integer(head, "checkpoints_count", where),
        StrictJson.strings(head, "files_touched", where),
        sessions,
        MetadataJson.optionalObject(head, "token_usage", where, MetadataJson::readTokenUsage),
        MetadataJson.optionalObject(head, "combined_attribution", where,
            MetadataJson::readAttribution),
        StrictJson.bool(head, "has_review", where),
        StrictJson.string(head, "migration_source_commit", where)));
  }

  private static void sessions(JsonReader reader, String where, Wanted wanted,
      List<SessionPaths> out) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.NULL) {
      reader.nextNull();
      return;
    }
    if (token != JsonToken.BEGIN_ARRAY) {
      throw StrictJson.wrongType(where, "sessions", "an array",
          StrictJson.readValue(reader, where, 1));
    }
    reader.beginArray();
    for (int position = 0; reader.hasNext(); position++) {
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw StrictJson.wrongType(where, "sessions", "an array of objects",
            StrictJson.readValue(reader, where, 2));
      }
      if (!wanted.next(out, position)) {
        reader.skipValue();
        continue;
      }
      int at = position;
      JsonObject o = StrictJson.readValue(reader, where, 2).getAsJsonObject();
      String metadata = StrictJson.string(o, "metadata", where);
      out.add(StrictJson.decoded(where, () -> new SessionPaths(metadata,
          StrictJson.string(o, "transcript", where), StrictJson.string(o, "content_hash", where),
          StrictJson.string(o, "prompt", where), StrictJson.string(o, "context", where),
          SessionPaths.slotOf(metadata).orElse(at))));
    }
    reader.endArray();
  }

  private static String abbreviated(JsonElement element) {
    String text = element.toString();
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
