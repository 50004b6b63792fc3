package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.SummaryRepair;
import io.github.agentledger.checkpoint.jgit.UnreadCheckpointRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code checkpoints verify}: checks every checkpoint ref of a repository and reports each
 * problem with its kind, ref and path. Checks: refs that do not parse (unknown names under the
 * checkpoint prefixes, tips that are not commits or are missing), objects missing from the trees,
 * transcript content hashes, the summary's sessions against the slot directories, slot ownership
 * (one agent session per slot, the slot's checkpoint id), and each generation's
 * {@code generation.json} against the checkpoints its tree holds.
 *
 * <p>Every run lists the lossless repairs it would make (a dry run); {@code --fix} makes them,
 * each a new commit on the ref it repairs. Two repairs exist: re-aggregating a summary that
 * disagrees with its slot directories ({@link JGitCheckpointStore#reaggregateSummary}, which keeps
 * every key it does not recompute), and adding to a generation's {@code generation.json} the
 * checkpoints its tree holds that the file's list leaves out ({@link GenerationRepair}, one commit
 * per generation). A problem on a remote-tracking ref is reported {@code unavailable}: such refs
 * are never written here; they are repaired by fixing the local ref and pushing it. With
 * {@code --fix}, the status is 0 when every problem found was repaired. See {@code docs/cli.md}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check content hashes, summaries against slots, slot ownership, generations,"
        + " ref names and missing objects.")
final class CheckpointVerify implements java.util.concurrent.Callable<Integer> {
  /** A checkpoint's sharded directory in a v1/v2 tree: 12 hex or a 26-character ULID. */
  private static final String SHARDED =
      "([0-9a-f]{2}/[0-9a-f]{10}|[0-9A-HJKMNP-TV-Z]{2}/[0-9A-HJKMNP-TV-Z]{24})";
  /** A file in a slot directory: under the sharded directory (v1/v2) or at the root (git-refs). */
  private static final Pattern SLOT_FILE = Pattern.compile("(?:" + SHARDED + "/)?([0-9]+)/([^/]+)");
  private static final Pattern CHECKPOINT_DIR = Pattern.compile(SHARDED + "/.*");
  private static final Pattern CHUNK =
      Pattern.compile("(full\\.jsonl|raw_transcript|transcript\\.jsonl)(\\.([0-9]{3}))?");
  /** Where remote-tracking refs live; verify reads them and never writes them. */
  private static final String REMOTES = "refs/remotes/";
  /**
   * The hash file of each transcript. The tree walk requires each; it hashes all but
   * {@code full.jsonl}, whose {@code content_hash.txt} is checked through the store instead
   * ({@link SessionContent#verifyContentHash()}), per slot.
   */
  private static final Map<String, String> HASH_FILES = Map.of("full.jsonl", "content_hash.txt",
      "raw_transcript", "raw_transcript_hash.txt", "transcript.jsonl", "transcript_hash.txt");

  @Mixin
  RepoOptions repo;

  @Mixin
  OutputOptions output;

  @Option(names = "--fix", description = "Make the lossless repairs listed, each a new commit"
      + " (without it: a dry run that writes nothing).")
  boolean fix;

  private final List<Map<String, Object>> problems = new ArrayList<>();
  /** The repair that fixes each problem, by the problem's index; absent when none does. */
  private final Map<Integer, String> repairOfProblem = new HashMap<>();
  /** The planned repairs by key ({@code action ref checkpoint}), each once, in plan order. */
  private final Map<String, Map<String, Object>> repairs = new LinkedHashMap<>();
  private int checkpointsChecked;
  /** Each generation ref with a repair planned: the tip verify read, and the ids to add. */
  private final Map<String, ObjectId> generationTips = new HashMap<>();
  private final Map<String, SortedSet<CheckpointId>> generationMissing = new TreeMap<>();
  /** The clock of repair commits; the system's, as a command's. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    try (Repository repository = repo.open(); ObjectReader reader = repository.newObjectReader()) {
      List<String> refsChecked = new ArrayList<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(CheckpointRefs.ENTIRE_PREFIX,
          "refs/heads/entire/", "refs/remotes/origin/entire/")) {
        refsChecked.add(ref.getName());
        output.progress("verifying " + ref.getName());
        checkRef(repository, reader, ref);
      }
      if (CheckpointRefs.hasGitRefs(repository)) {
        checkGitRefsNames(repository);
      }
      for (LayoutView view : repo.views(repository)) {
        checkSummaries(view);
      }
      if (repo.layout.isEmpty() || repo.layout.get() != CheckpointLayout.V1) {
        checkGenerations(repository, reader);
      }
      makeRepairs(repository);
      report(repository, refsChecked);
      return unrepaired() == 0 ? Exit.OK : Exit.PROBLEM;
    }
  }

  private void checkRef(Repository repository, ObjectReader reader, Ref ref) throws IOException {
    String name = ref.getName();
    if (name.startsWith(CheckpointRefs.V2_FULL_PREFIX)
        && !CheckpointRefs.isV2FullName(name.substring(CheckpointRefs.V2_FULL_PREFIX.length()))) {
      problem("unparsable_ref", name, "", "", "not current and not a 13-digit archive number;"
          + " readers ignore it");
    } else if (!known(name) && !CheckpointRefs.isGitRefsName(name)) {
      // Names under refs/entire/checkpoints/ outside v2/ are the git-refs layout's: the library
      // says which of them it does not read (checkGitRefsNames).
      problem("unparsable_ref", name, "", "", "not a ref of a layout this command knows");
    }
    if (ref.getObjectId() == null) {
      problem("unparsable_ref", name, "", "", "symbolic ref to nothing");
      return;
    }
    RevCommit commit;
    try (RevWalk walk = new RevWalk(reader)) {
      commit = walk.parseCommit(ref.getObjectId());
    } catch (MissingObjectException e) {
      problem("missing_object", name, "", "", "tip " + ref.getObjectId().name() + " is missing");
      return;
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      problem("unparsable_ref", name, "", "", "tip " + ref.getObjectId().name()
          + " is not a commit");
      return;
    }
    GitTree tree = GitTree.read(reader, commit.getTree());
    // A git-refs ref's tree is the checkpoint directory itself: its id is in the ref name.
    String rootId = gitRefsId(name).orElse("");
    tree.missing.forEach(path -> problem("missing_object", name, path,
        rootId.isEmpty() ? checkpointOf(path) : rootId, "missing"));
    checkContentHashes(reader, name, tree, rootId);
    checkStoredSummaries(reader, name, tree, rootId);
  }

  /**
   * Each stored summary's sessions against the slot directories beside it. This reads the tree,
   * not the store: the store's summary is reconciled with the slots (an entry without a directory
   * is dropped, an unlisted directory added), so it cannot show where they disagree.
   */
  private void checkStoredSummaries(ObjectReader reader, String ref, GitTree tree, String rootId)
      throws IOException {
    Map<String, Set<Integer>> slotsByDir = new TreeMap<>();
    Set<String> summaries = new TreeSet<>();
    for (String path : tree.blobs.keySet()) {
      Matcher slotFile = SLOT_FILE.matcher(path);
      if (slotFile.matches() && (slotFile.group(1) == null) == !rootId.isEmpty()) {
        String dir = slotFile.group(1) == null ? "" : slotFile.group(1) + "/";
        slotsByDir.computeIfAbsent(dir, k -> new TreeSet<>())
            .add(Integer.parseInt(slotFile.group(2)));
      } else if (path.endsWith("metadata.json")) {
        String dir = path.substring(0, path.length() - "metadata.json".length());
        if (rootId.isEmpty() ? CHECKPOINT_DIR.matcher(dir).matches()
            && dir.chars().filter(c -> c == '/').count() == 2 : dir.isEmpty()) {
          summaries.add(dir);
        }
      }
    }
    for (String dir : summaries) {
      String checkpoint = rootId.isEmpty() ? dir.replace("/", "") : rootId;
      Set<Integer> listed = new TreeSet<>();
      try {
        com.google.gson.JsonElement sessions = com.google.gson.JsonParser.parseString(
            new String(tree.read(reader, dir + "metadata.json"), StandardCharsets.UTF_8))
            .getAsJsonObject().get("sessions");
        if (sessions != null && sessions.isJsonArray()) {
          int position = 0;
          for (com.google.gson.JsonElement session : sessions.getAsJsonArray()) {
            com.google.gson.JsonElement metadata = session.isJsonObject()
                ? session.getAsJsonObject().get("metadata") : null;
            String text = metadata != null && metadata.isJsonPrimitive()
                ? metadata.getAsString() : "";
            listed.add(SessionPaths.slotOf(text).orElse(position));
            position++;
          }
        }
      } catch (RuntimeException e) {
        continue;  // an unparsable summary is reported by the store's read (unreadable)
      }
      Set<Integer> present = slotsByDir.getOrDefault(dir, Set.of());
      for (int slot : listed) {
        if (!present.contains(slot)) {
          problem("summary_slots", ref, dir + slot, checkpoint,
              "the summary names slot " + slot + " but the directory is missing");
          planRepair("reaggregate_summary", ref, checkpoint);
        }
      }
      for (int slot : present) {
        if (!listed.contains(slot)) {
          problem("summary_slots", ref, dir + slot, checkpoint,
              "slot " + slot + " holds a session the summary does not name");
          planRepair("reaggregate_summary", ref, checkpoint);
        }
      }
    }
  }

  /**
   * The refs under {@code refs/entire/checkpoints/} that the git-refs layout does not read, as the
   * library names them (a wrong shard, extra segments, an id that does not parse, a tip that is not
   * a checkpoint directory); a ref the tree walk already reported is not reported twice.
   */
  private void checkGitRefsNames(Repository repository) {
    JGitCheckpointStore gitRefs = new LayoutView(CheckpointLayout.GIT_REFS, repository).store();
    Set<String> reported = new TreeSet<>();
    problems.stream().filter(p -> "".equals(p.get("path")))
        .forEach(p -> reported.add(String.valueOf(p.get("ref"))));
    try {
      for (UnreadCheckpointRef unread : gitRefs.unreadCheckpointRefs()) {
        if (!reported.contains(unread.ref())) {
          problem("unparsable_ref", unread.ref(), "", gitRefsId(unread.ref()).orElse(""),
              "not read as a git-refs checkpoint: " + unread.reason());
        }
      }
    } catch (CheckpointException e) {
      problem("unreadable", CheckpointRefs.CHECKPOINTS_PREFIX, "", "",
          String.valueOf(e.getMessage()));
    }
  }

  /** {@return the checkpoint id a git-refs ref names ({@code <prefix><shard>/<id>}), if any} */
  private static Optional<String> gitRefsId(String name) {
    if (!CheckpointRefs.isGitRefsName(name)) {
      return Optional.empty();
    }
    String last = name.substring(name.lastIndexOf('/') + 1);
    return CheckpointId.tryParse(last).map(CheckpointId::value);
  }

  private static boolean known(String name) {
    return name.equals(CheckpointRefs.V1) || name.equals(CheckpointRefs.V1_REMOTE)
        || name.equals(CheckpointRefs.V2_MAIN) || name.startsWith(CheckpointRefs.V2_FULL_PREFIX);
  }

  /**
   * Every transcript with its hash file (full.jsonl with content_hash.txt, raw_transcript with
   * raw_transcript_hash.txt, the compact transcript.jsonl with transcript_hash.txt): the stored
   * hash must be that of the chunks joined by newlines.
   */
  private void checkContentHashes(ObjectReader reader, String ref, GitTree tree, String rootId)
      throws IOException {
    Map<String, TreeMap<Integer, String>> chunksByBase = new TreeMap<>();
    for (String path : tree.blobs.keySet()) {
      Matcher slotFile = SLOT_FILE.matcher(path);
      // Slot files sit under a sharded directory, except in a git-refs tree (at the root).
      boolean inPlace = slotFile.matches() && (slotFile.group(1) == null) == !rootId.isEmpty();
      Matcher chunk = inPlace ? CHUNK.matcher(slotFile.group(3)) : null;
      if (chunk != null && chunk.matches()) {
        String base = path.substring(0, path.lastIndexOf('/') + 1) + chunk.group(1);
        int index = chunk.group(3) == null ? 0 : Integer.parseInt(chunk.group(3));
        chunksByBase.computeIfAbsent(base, k -> new TreeMap<>()).put(index, path);
      }
    }
    for (Map.Entry<String, TreeMap<Integer, String>> transcript : chunksByBase.entrySet()) {
      String base = transcript.getKey();
      String checkpoint = rootId.isEmpty() ? checkpointOf(base) : rootId;
      String slotDir = base.substring(0, base.lastIndexOf('/') + 1);
      String hashPath = slotDir + HASH_FILES.get(base.substring(slotDir.length()));
      if (!tree.blobs.containsKey(hashPath)) {
        problem("content_hash", ref, base, checkpoint, "transcript without " + hashPath);
        continue;
      }
      if (base.endsWith("full.jsonl")) {
        continue;  // hashed through the library, per slot: checkContentHash
      }
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      boolean first = true;
      for (String chunkPath : transcript.getValue().values()) {
        if (!first) {
          joined.write('\n');
        }
        first = false;
        joined.write(tree.read(reader, chunkPath));
      }
      String stored = new String(tree.read(reader, hashPath), StandardCharsets.UTF_8).trim();
      String actual = "sha256:" + sha256(joined.toByteArray());
      if (!stored.equals(actual)) {
        problem("content_hash", ref, hashPath, checkpoint,
            "stored " + stored + " but the transcript hashes to " + actual);
      }
    }
  }

  /** Summary against slot directories, and slot ownership, through the store's reads. */
  private void checkSummaries(LayoutView view) {
    JGitCheckpointStore store = view.store();
    List<CheckpointId> ids;
    try {
      ids = store.list().stream().map(entry -> entry.checkpointId()).toList();
    } catch (CheckpointException e) {
      problem("unreadable", view.name(), "", "", String.valueOf(e.getMessage()));
      return;
    }
    output.progress("verifying " + ids.size() + " checkpoints of " + view.name());
    for (CheckpointId id : ids) {
      checkpointsChecked++;
      Optional<CheckpointSummary> summary;
      try {
        summary = store.readSummary(id);
      } catch (CheckpointException e) {
        problem("unreadable", view.name(), id.shardedPath() + "/metadata.json", id.value(),
            String.valueOf(e.getMessage()));
        continue;
      }
      if (summary.isEmpty()) {
        problem("summary_slots", view.name(), id.shardedPath(), id.value(),
            "listed but its summary is missing");
        continue;
      }
      Map<String, Integer> owners = new HashMap<>();
      List<SessionPaths> sessions = summary.get().sessions();
      for (SessionPaths paths : sessions) {
        int slot = paths.slot();
        checkSlot(view, id, slot, owners);
      }
    }
  }

  private void checkSlot(LayoutView view, CheckpointId id, int slot, Map<String, Integer> owners) {
    String path = id.shardedPath() + "/" + slot;
    Optional<SessionContent> session;
    try {
      session = view.store().readSession(id, slot);
    } catch (CheckpointException e) {
      problem("unreadable", view.name(), path, id.value(), String.valueOf(e.getMessage()));
      return;
    }
    if (session.isEmpty()) {
      return;  // the store lists only slots with a directory; the tree walk compares the two
    }
    checkContentHash(view, path, id, session.get());
    String owner = session.get().metadata().sessionId().toString();
    Integer other = owners.putIfAbsent(owner, slot);
    if (other != null) {
      problem("slot_ownership", view.name(), path, id.value(),
          "agent session " + owner + " owns both slot " + other + " and slot " + slot);
    }
    if (!session.get().metadata().checkpointId().equals(id)) {
      problem("slot_ownership", view.name(), path, id.value(), "slot metadata names checkpoint "
          + session.get().metadata().checkpointId());
    }
  }

  /**
   * The slot's transcript against its stored hash, through the library's own check. A missing
   * object is left to the tree walk, which names it.
   */
  private void checkContentHash(LayoutView view, String path, CheckpointId id,
      SessionContent session) {
    ContentHashCheck check = session.verifyContentHash();
    if (check instanceof ContentHashCheck.Mismatch mismatch) {
      problem("content_hash", view.name(), path, id.value(), "stored " + mismatch.stored().strip()
          + " but the transcript hashes to " + mismatch.computed());
    }
  }

  /** Each generation's generation.json against the checkpoint directories of its tree. */
  private void checkGenerations(Repository repository, ObjectReader reader) throws IOException {
    JGitCheckpointStore v2 = new LayoutView(CheckpointLayout.V2, repository).store();
    Map<String, GenerationMetadata> generations = new LinkedHashMap<>();
    try {
      for (ArchivedGeneration archived : v2.archivedGenerations()) {
        generations.put(String.format("%013d", archived.number()), archived.metadata());
      }
      v2.currentGeneration().ifPresent(metadata -> generations.put("current", metadata));
    } catch (CheckpointException e) {
      problem("generation", CheckpointRefs.V2_FULL_PREFIX, "generation.json", "",
          String.valueOf(e.getMessage()));
      return;
    }
    for (Map.Entry<String, GenerationMetadata> generation : generations.entrySet()) {
      String refName = CheckpointRefs.V2_FULL_PREFIX + generation.getKey();
      Ref ref = repository.exactRef(refName);
      if (ref == null || ref.getObjectId() == null) {
        continue;
      }
      Set<String> inTree = new TreeSet<>();
      try (RevWalk walk = new RevWalk(reader)) {
        GitTree tree = GitTree.read(reader, walk.parseCommit(ref.getObjectId()).getTree());
        for (String path : tree.blobs.keySet()) {
          Matcher dir = CHECKPOINT_DIR.matcher(path);
          if (dir.matches()) {
            inTree.add(dir.group(1).replace("/", ""));
          }
        }
      } catch (MissingObjectException e) {
        continue;  // reported by checkRef
      }
      Set<String> listed = new TreeSet<>();
      generation.getValue().checkpoints().forEach(id -> listed.add(id.value()));
      if (listed.isEmpty()) {
        // The later upstream shape keeps no list (or no generation.json): nothing to compare.
        continue;
      }
      for (String id : inTree) {
        if (!listed.contains(id)) {
          problem("generation", refName, "generation.json", id,
              "holds checkpoint " + id + " that generation.json does not list");
          planRepair("add_to_generation_json", refName, id);
          generationTips.put(refName, ref.getObjectId().copy());
          CheckpointId.tryParse(id).ifPresent(parsed -> generationMissing
              .computeIfAbsent(refName, k -> new TreeSet<>()).add(parsed));
        }
      }
    }
  }

  /**
   * Gives each planned repair its status: {@code planned} in a dry run; with {@code --fix} the
   * outcome of making it ({@code applied}, {@code unchanged} when the store found nothing to
   * rewrite, {@code failed}), or {@code unavailable} when no lossless repair exists for it.
   */
  private void makeRepairs(Repository repository) throws IOException {
    Map<String, String[]> generationOutcomes = new HashMap<>();
    for (Map<String, Object> repair : repairs.values()) {
      String ref = String.valueOf(repair.get("where"));
      Optional<CheckpointLayout> layout = layoutWriting(ref);
      if (ref.startsWith(REMOTES)) {
        status(repair, "unavailable", remoteTracking(ref));
      } else if ("add_to_generation_json".equals(repair.get("action"))) {
        String[] outcome = generationOutcomes.get(ref);
        if (outcome == null) {
          outcome = repairGeneration(repository, ref);
          generationOutcomes.put(ref, outcome);
        }
        status(repair, outcome[0], outcome[1]);
      } else if (layout.isEmpty()) {
        status(repair, "unavailable", "no store writes " + ref);
      } else if (!fix) {
        status(repair, "planned", "dry run: --fix re-aggregates the summary from its slot"
            + " directories in a new commit on " + ref);
      } else {
        output.progress("re-aggregating the summary of " + repair.get("checkpoint") + " on "
            + ref);
        try {
          List<SummaryRepair> done = new LayoutView(layout.get(), repository).store()
              .reaggregateSummary(CheckpointId.parse(String.valueOf(repair.get("checkpoint"))));
          boolean rewritten = done.stream()
              .anyMatch(d -> d.outcome() == SummaryRepair.Outcome.REWRITTEN);
          status(repair, rewritten ? "applied" : "unchanged", rewritten
              ? "the summary was re-aggregated from its slot directories in a new commit"
              : "the stored summary already matched its slot directories");
        } catch (CheckpointException e) {
          status(repair, "failed", String.valueOf(e.getMessage()));
        }
      }
    }
  }

  /**
   * {@return the status and reason of adding the checkpoints it leaves out to one generation's
   * generation.json ({@link GenerationRepair}): planned in a dry run, else the outcome}
   */
  private String[] repairGeneration(Repository repository, String ref) throws IOException {
    SortedSet<CheckpointId> missing = generationMissing.getOrDefault(ref, new TreeSet<>());
    ObjectId tip = generationTips.get(ref);
    if (tip == null || missing.isEmpty()) {
      return new String[] {"unavailable", "no checkpoint id to add was read from " + ref};
    }
    if (!fix) {
      return new String[] {"planned", "dry run: --fix adds " + Report.plural(missing.size(),
          "checkpoint") + " to generation.json in a new commit on " + ref};
    }
    output.progress("adding " + Report.plural(missing.size(), "checkpoint")
        + " to generation.json on " + ref);
    try {
      GenerationRepair.Outcome outcome = new GenerationRepair(repository, clock, () -> { })
          .addToGenerationJson(ref, tip, missing);
      return outcome == GenerationRepair.Outcome.APPLIED
          ? new String[] {"applied", "generation.json lists the checkpoints its tree holds,"
              + " in a new commit (every other key and entry kept)"}
          : new String[] {"unchanged", "generation.json already listed them"};
    } catch (GenerationRepair.RepairException | MissingObjectException e) {
      return new String[] {"failed", String.valueOf(e.getMessage())};
    }
  }

  /**
   * {@return why a remote-tracking ref is not repaired here, and how it is}: verify never writes
   * a remote-tracking ref (a fetch would move it back); its local ref is repaired and pushed.
   */
  static String remoteTracking(String ref) {
    String rest = ref.substring(REMOTES.length());
    int slash = rest.indexOf('/');
    String remote = slash < 0 ? rest : rest.substring(0, slash);
    String local = slash < 0 ? "the local ref" : "refs/heads/" + rest.substring(slash + 1);
    return ref + " is a remote-tracking ref, which verify never writes: remote-tracking refs are"
        + " repaired by fixing the local ref (" + local + ", with verify --fix) and pushing it to "
        + remote;
  }

  /** {@return the layout whose store writes this ref; empty for a remote-tracking ref} */
  private static Optional<CheckpointLayout> layoutWriting(String ref) {
    if (ref.equals(CheckpointRefs.V1)) {
      return Optional.of(CheckpointLayout.V1);
    }
    if (ref.equals(CheckpointRefs.V2_MAIN)) {
      return Optional.of(CheckpointLayout.V2);
    }
    if (CheckpointRefs.isGitRefsName(ref)) {
      return Optional.of(CheckpointLayout.GIT_REFS);
    }
    return Optional.empty();
  }

  private static void status(Map<String, Object> repair, String status, String reason) {
    repair.put("status", status);
    repair.put("reason", reason);
  }

  /** {@return the number of problems that no applied repair fixed} */
  private int unrepaired() {
    int left = 0;
    for (int i = 0; i < problems.size(); i++) {
      String key = repairOfProblem.get(i);
      Map<String, Object> repair = key == null ? null : repairs.get(key);
      boolean fixed = repair != null && ("applied".equals(repair.get("status"))
          || "unchanged".equals(repair.get("status")));
      if (!fixed) {
        left++;
      }
    }
    return left;
  }

  private void report(Repository repository, List<String> refsChecked) {
    for (Map<String, Object> problem : problems) {
      output.line(problem.get("kind") + "  " + Terminal.safe(problem.get("ref") + " "
          + problem.get("path")).trim() + ": " + Terminal.safe(String.valueOf(problem.get("message"))));
    }
    output.line(Report.plural(refsChecked.size(), "ref") + ", "
        + Report.plural(checkpointsChecked, "checkpoint") + " checked: "
        + (problems.isEmpty() ? "no problem" : Report.plural(problems.size(), "problem")));
    for (Map<String, Object> planned : repairs.values()) {
      output.line("repair " + planned.get("action") + " " + planned.get("checkpoint") + " on "
          + Terminal.safe(String.valueOf(planned.get("where"))) + ": " + planned.get("status")
          + " (" + Terminal.safe(String.valueOf(planned.get("reason"))) + ")");
    }
    if (!fix && repairs.values().stream().anyMatch(r -> "planned".equals(r.get("status")))) {
      output.line("dry run: nothing written (--fix makes the planned repairs, each a new commit)");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("repository", repository.getDirectory().toString());
    json.put("refs_checked", refsChecked);
    json.put("checkpoints_checked", checkpointsChecked);
    json.put("problems", problems);
    json.put("repairs", new ArrayList<>(repairs.values()));
    json.put("dry_run", !fix);
    output.json(json);
  }

  private void problem(String kind, String ref, String path, String checkpoint, String message) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("kind", kind);
    problem.put("ref", ref);
    problem.put("path", path);
    problem.put("checkpoint", checkpoint);
    problem.put("message", message);
    problems.add(problem);
  }

  /** Plans a repair (once per action, ref and checkpoint) that fixes the last problem found. */
  private void planRepair(String action, String where, String checkpoint) {
    String key = action + " " + where + " " + checkpoint;
    repairs.computeIfAbsent(key, k -> {
      Map<String, Object> repair = new LinkedHashMap<>();
      repair.put("action", action);
      repair.put("where", where);
      repair.put("checkpoint", checkpoint);
      return repair;
    });
    repairOfProblem.put(problems.size() - 1, key);
  }

  private static String checkpointOf(String path) {
    Matcher dir = CHECKPOINT_DIR.matcher(path + "/");
    return dir.matches() ? dir.group(1).replace("/", "") : "";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
