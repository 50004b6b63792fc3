package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes and decodes the v2 {@code generation.json} of the seed design: {@code checkpoints}, then
 * {@code oldest_checkpoint_at} and {@code newest_checkpoint_at} (omitted while the generation is
 * empty). Readers accept the later upstream shape without {@code checkpoints}. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class GenerationJson {
  private GenerationJson() {}

  public static byte[] encode(GenerationMetadata g) {
    JsonObject out = new JsonObject();
    List<String> ids = new ArrayList<>();
    g.checkpoints().forEach(id -> ids.add(id.value()));
    out.add("checkpoints", MetadataJson.strings(ids));
    g.oldestCheckpointAt().ifPresent(
        t -> out.addProperty("oldest_checkpoint_at", GoValues.formatTime(t)));
    g.newestCheckpointAt().ifPresent(
        t -> out.addProperty("newest_checkpoint_at", GoValues.formatTime(t)));
    return GoJson.encode(out);
  }

  public static GenerationMetadata decode(byte[] bytes, String where) {
    return StrictJson.decoded(where, () -> decodeFields(bytes, where));
  }

  private static GenerationMetadata decodeFields(byte[] bytes, String where) {
    JsonObject in = StrictJson.parseObject(bytes, where);
    // A set keeps the first place of each id, in one pass however many ids a generation lists.
    Set<CheckpointId> ids = new LinkedHashSet<>();
    for (String text : StrictJson.strings(in, "checkpoints", where)) {
      if (!CheckpointId.isValid(text)) {
        throw new CorruptCheckpointException(where, "invalid checkpoint id \"" + text + "\"", null);
      }
      CheckpointId id = CheckpointId.parse(text);
      ids.add(id);
    }
    return new GenerationMetadata(List.copyOf(ids), optionalTime(in, "oldest_checkpoint_at", where),
        optionalTime(in, "newest_checkpoint_at", where));
  }

  private static Optional<Instant> optionalTime(JsonObject in, String key, String where) {
    Optional<JsonElement> field = StrictJson.field(in, key);
    if (field.isEmpty()) {
      return Optional.empty();
    }
    Instant time = MetadataJson.time(in, key, where);
    return time.equals(MetadataJson.GO_ZERO_TIME) ? Optional.empty() : Optional.of(time);
  }
}
