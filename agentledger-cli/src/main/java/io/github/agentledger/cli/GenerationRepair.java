package io.github.agentledger.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.agentledger.checkpoint.CheckpointId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The lossless repair of a v2 generation's {@code generation.json} whose {@code checkpoints} list
 * leaves out checkpoints that the generation's tree holds (the list that files written before
 * 2026-03-30 keep; spec §1 and §6.3): the missing ids are appended to the list, in id order, and
 * nothing else changes (every other key and value is kept as parsed, including the timestamps,
 * and every other entry of the tree keeps its object). The result is one new commit on the
 * generation's ref, {@code Repair generation metadata: <ref>}, whose parent is the tip that verify
 * read; the ref moves by compare-and-swap from that tip, so a generation that moved since it was
 * read is left alone and reported, never overwritten. Remote-tracking refs are never written.
 *
 * <p>Not thread-safe; one instance per verify run.
 */
final class GenerationRepair {
  private static final String FILE = "generation.json";
  private static final String LIST = "checkpoints";
  /** Far above any real generation.json (a list of ids): a bigger blob is not read into memory. */
  private static final int MAX_BYTES = 16 << 20;
  private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

  private final Repository repository;
  private final Clock clock;
  /** Runs between reading the tip and moving the ref: a test forces a lost race here. */
  private final Runnable beforeUpdate;

  GenerationRepair(Repository repository, Clock clock, Runnable beforeUpdate) {
    this.repository = repository;
    this.clock = clock;
    this.beforeUpdate = beforeUpdate;
  }

  /** What one repair did. */
  enum Outcome {
    /** A new commit holds the completed list; the ref points to it. */
    APPLIED,
    /** The list already named every checkpoint asked for: nothing written. */
    UNCHANGED
  }

  /**
   * Appends {@code missing} to the {@code checkpoints} list of {@code ref}'s generation.json, as
   * one commit on {@code ref} moved from {@code expectedTip}.
   *
   * @throws RepairException when the ref moved since {@code expectedTip} was read, the file is
   *     missing or not a JSON object with a {@code checkpoints} array, or the ref update fails;
   *     nothing has been written to the ref then
   */
  Outcome addToGenerationJson(String ref, ObjectId expectedTip, SortedSet<CheckpointId> missing)
      throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        ObjectInserter inserter = repository.newObjectInserter()) {
      RevCommit tip = walk.parseCommit(expectedTip);
      CanonicalTreeParser root = new CanonicalTreeParser(null, reader, tip.getTree());
      ObjectId fileId = find(root, ref);
      byte[] bytes;
      try {
        bytes = reader.open(fileId, Constants.OBJ_BLOB).getBytes(MAX_BYTES);
      } catch (LargeObjectException e) {
        throw new RepairException(ref + ": " + FILE + " is larger than " + MAX_BYTES
            + " bytes; not read", e);
      }
      JsonObject generation = parse(bytes, ref);
      JsonElement list = generation.get(LIST);
      if (list == null || !list.isJsonArray()) {
        throw new RepairException(ref + ": " + FILE + " has no \"" + LIST + "\" array to add to");
      }
      JsonArray checkpoints = list.getAsJsonArray();
      Set<String> listed = new HashSet<>();
      checkpoints.forEach(element -> listed.add(element.isJsonPrimitive()
          ? element.getAsString() : element.toString()));
      List<String> added = new ArrayList<>();
      for (CheckpointId id : missing) {
        if (listed.add(id.value())) {
          added.add(id.value());
        }
      }
      if (added.isEmpty()) {
        return Outcome.UNCHANGED;
      }
      added.forEach(id -> checkpoints.add(new JsonPrimitive(id)));
      ObjectId newFile = inserter.insert(Constants.OBJ_BLOB,
          (PRETTY.toJson(generation) + "\n").getBytes(StandardCharsets.UTF_8));
      TreeFormatter tree = new TreeFormatter();
      for (root.reset(reader, tip.getTree()); !root.eof(); root.next()) {
        boolean file = root.getEntryPathString().equals(FILE);
        tree.append(root.getEntryPathBuffer(), 0, root.getEntryPathLength(),
            file ? FileMode.REGULAR_FILE : root.getEntryFileMode(),
            file ? newFile : root.getEntryObjectId());
      }
      PersonIdent ident = identity();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      commit.setParentId(tip);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage("Repair generation metadata: " + ref + "\n");
      ObjectId repaired = inserter.insert(commit);
      inserter.flush();
      beforeUpdate.run();
      RefUpdate update = repository.updateRef(ref);
      update.setExpectedOldObjectId(expectedTip);
      update.setNewObjectId(repaired);
      update.setRefLogMessage("agentledger verify --fix: add to generation.json", false);
      RefUpdate.Result result = update.update(walk);
      if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
        throw new RepairException(ref + " was not moved (" + result + "): it no longer points"
            + " to " + expectedTip.name() + ", the commit verify read; run verify again");
      }
      return Outcome.APPLIED;
    }
  }

  private static ObjectId find(CanonicalTreeParser root, String ref) {
    for (; !root.eof(); root.next()) {
      if (root.getEntryPathString().equals(FILE)
          && root.getEntryFileMode().getObjectType() == Constants.OBJ_BLOB) {
        return root.getEntryObjectId();
      }
    }
    throw new RepairException(ref + ": the generation's tree has no " + FILE + " file");
  }

  /** Strict JSON: one object, nothing after it. */
  private static JsonObject parse(byte[] bytes, String ref) {
    try (JsonReader json = new JsonReader(new StringReader(
        new String(bytes, StandardCharsets.UTF_8)))) {
      json.setStrictness(Strictness.STRICT);
      JsonElement value = PRETTY.getAdapter(JsonElement.class).read(json);
      if (json.peek() != JsonToken.END_DOCUMENT || !value.isJsonObject()) {
        throw new RepairException(ref + ": " + FILE + " is not one JSON object");
      }
      return value.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      if (e instanceof RepairException repair) {
        throw repair;
      }
      throw new RepairException(ref + ": " + FILE + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The identity git would commit with: the repository's {@code user.*}, else placeholders. */
  private PersonIdent identity() {
    String name = repository.getConfig().getString("user", null, "name");
    String email = repository.getConfig().getString("user", null, "email");
    return new PersonIdent(name == null || name.isEmpty() ? "Unknown" : name,
        email == null || email.isEmpty() ? "unknown@local" : email, clock.instant(),
        clock.getZone());
  }

  /** A repair that was not made; nothing was written to the ref. */
  static final class RepairException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RepairException(String message) {
      super(message);
    }

    RepairException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
