package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.SessionContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutants of a valid checkpoint store of each layout (laid out with {@code git} plumbing
 * by {@link HostileFixture}): flipped and truncated objects, objects of the wrong type or not
 * zlib at all, retargeted tree entries, renamed chunk files, swapped modes, duplicated entries,
 * deleted objects, tips that are not commits. Every read of every mutant gives data or a typed
 * {@link CheckpointException}, within a time and an allocation bound, and no read changes what is
 * stored. {@value #MUTANTS_PER_LAYOUT} mutants per layout in the default suite; {@code -Pstress}
 * multiplies them by {@code agentledger.stress.scale} (10). A failure names the seed and the
 * mutation, so it replays alone.
 */
class CheckpointReadFuzzTest {
  static final int MUTANTS_PER_LAYOUT = 100;
  /** Generous for a loaded 2-core machine; an unbounded read takes far longer. */
  static final long MAX_NANOS_PER_MUTANT = 20_000_000_000L;
  /** Every read of a mutant together; the intact fixture's reads allocate a few MiB. */
  static final long MAX_BYTES_PER_MUTANT = 256L * 1024 * 1024;
  static final List<String> CHUNK_NAMES = List.of("full.jsonl.01", "full.jsonl.0001",
      "full.jsonl.003", "full.jsonl.9999999999", "full.jsonl.000", "full.jsonl.1000",
      "full.jsonl.-1", "full.jsonl.", "..", ".", "full.log", "raw_transcript",
      "raw_transcript.001", "metadata.json", "0", "01", "");
  static final List<String> MODES = List.of("100644", "100755", "120000", "160000", "40000",
      "644", "0", "777777");

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void everyMutantReadsOrFailsTypedWithinBoundsAndChangesNothing(CheckpointLayout layout) {
    HostileFixture pristine = HostileFixture.build(layout, temp.resolve("pristine"));
    int mutants = MUTANTS_PER_LAYOUT * StressSettings.scale();
    List<String> failures = new ArrayList<>();
    int typed = 0;
    for (int i = 0; i < mutants; i++) {
      long seed = 7919L * (layout.ordinal() + 1) + i;
      Path dir = temp.resolve("mutant-" + i);
      HostileFixture f = pristine.copyTo(dir);
      String mutation = "seed " + seed + ": " + mutate(f, new SplittableRandom(seed));
      Map<String, String> before = f.stored();
      long allocated = HostileReadsTest.allocatedBytes();
      long start = System.nanoTime();
      List<String> problems = new ArrayList<>();
      try (Repository repository = TestRepos.openOnDisk(f.workTree())) {
        JGitCheckpointStore store = TestRepos.store(repository).layout(layout).build();
        typed += readEverything(store, f, problems);
      }
      long nanos = System.nanoTime() - start;
      long bytes = HostileReadsTest.allocatedBytes() - allocated;
      if (nanos > MAX_NANOS_PER_MUTANT) {
        problems.add("the reads took " + nanos / 1_000_000 + " ms");
      }
      if (bytes > MAX_BYTES_PER_MUTANT) {
        problems.add("the reads allocated " + bytes / (1024 * 1024) + " MiB");
      }
      if (!f.stored().equals(before)) {
        problems.add("a read changed what is stored");
      }
      problems.forEach(p -> failures.add(layout + " " + mutation + ": " + p));
      deleteTree(dir);
    }
    assertThat(failures).as("mutants whose reads broke the promise").isEmpty();
    // The mutations must actually reach the readers: most mutants make some read fail typed.
    assertThat(typed).as("typed failures over all mutants").isGreaterThan(mutants / 4);
  }

  /** Runs every read; returns how many failed typed and records any other outcome. */
  private static int readEverything(JGitCheckpointStore store, HostileFixture f,
      List<String> problems) {
    int typed = 0;
    typed += read("list", store::list, problems);
    typed += read("listing", store::listing, problems);
    for (String text : f.ids()) {
      CheckpointId id = CheckpointId.parse(text);
      typed += read("readSummary " + text, () -> store.readSummary(id), problems);
      for (int slot : new int[] {0, 1, 7}) {
        typed += read("readSession " + text + "/" + slot, () -> store.readSession(id, slot)
            .map(SessionContent::verifyContentHash), problems);
      }
      typed += read("readSession " + text + " by id",
          () -> store.readSession(id, AgentSessionId.of("s-1-" + text)), problems);
      typed += read("readLatestSession " + text, () -> store.readLatestSession(id)
          .map(s -> s.transcript().bytes().length), problems);
      typed += read("checkpointAuthor " + text, () -> store.checkpointAuthor(id), problems);
      typed += read("generationOf " + text, () -> store.generationOf(id), problems);
    }
    typed += read("archivedGenerations", store::archivedGenerations, problems);
    typed += read("currentGeneration", store::currentGeneration, problems);
    typed += read("unreadCheckpointRefs", store::unreadCheckpointRefs, problems);
    return typed;
  }

  private static int read(String what, java.util.function.Supplier<?> read,
      List<String> problems) {
    try {
      var unused = read.get();
      return 0;
    } catch (CheckpointException typed) {
      if (typed.getMessage() == null || typed.getMessage().isBlank()) {
        problems.add(what + " threw " + typed.getClass().getSimpleName() + " without a message");
      }
      return 1;
    } catch (RuntimeException | Error untyped) {
      StackTraceElement[] trace = untyped.getStackTrace();
      problems.add(what + " threw " + untyped + (trace.length > 0 ? " at " + trace[0] : ""));
      return 0;
    }
  }

  /** Damages the fixture one way chosen by {@code random}; {@return what was done} */
  static String mutate(HostileFixture f, SplittableRandom random) {
    List<String> objects = f.looseObjects();
    String target = objects.get(random.nextInt(objects.size()));
    int kind = random.nextInt(11);
    switch (kind) {
      case 0 -> {
        HostileFixture.RawObject o = f.read(target);
        byte[] content = o.content().clone();
        if (content.length == 0) {
          return "nothing (empty " + o.type() + ")";
        }
        int at = random.nextInt(content.length);
        content[at] ^= (byte) (1 + random.nextInt(255));
        f.overwrite(target, o.type(), content);
        return "flip byte " + at + " of " + o.type() + " " + target;
      }
      case 1 -> {
        HostileFixture.RawObject o = f.read(target);
        int length = o.content().length == 0 ? 0 : random.nextInt(o.content().length);
        f.overwrite(target, o.type(), java.util.Arrays.copyOf(o.content(), length));
        return "truncate " + o.type() + " " + target + " to " + length + " bytes";
      }
      case 2 -> {
        String tree = randomTree(f, random);
        List<HostileFixture.TreeEntry> entries = new ArrayList<>(f.entries(tree));
        int at = random.nextInt(entries.size());
        HostileFixture.TreeEntry e = entries.get(at);
        String to = random.nextInt(4) == 0 ? randomId(random)
            : objects.get(random.nextInt(objects.size()));
        entries.set(at, new HostileFixture.TreeEntry(e.mode(), e.name(), to));
        f.rewriteTree(tree, entries);
        return "retarget " + e.name() + " of tree " + tree + " to " + to;
      }
      case 3 -> {
        Optional<String> tree = treeWith(f, "full.jsonl", random);
        if (tree.isEmpty()) {
          return "nothing (no transcript tree)";
        }
        List<HostileFixture.TreeEntry> entries = new ArrayList<>(f.entries(tree.get()));
        List<Integer> chunks = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
          if (entries.get(i).name().startsWith("full.jsonl")) {
            chunks.add(i);
          }
        }
        int at = chunks.get(random.nextInt(chunks.size()));
        HostileFixture.TreeEntry e = entries.get(at);
        String name = CHUNK_NAMES.get(random.nextInt(CHUNK_NAMES.size()));
        entries.set(at, new HostileFixture.TreeEntry(e.mode(), name, e.id()));
        if (random.nextBoolean()) {
          entries.sort(Comparator.comparing(HostileFixture.TreeEntry::name));
        }
        f.rewriteTree(tree.get(), entries);
        return "rename " + e.name() + " to \"" + name + "\" in tree " + tree.get();
      }
      case 4 -> {
        String tree = randomTree(f, random);
        List<HostileFixture.TreeEntry> entries = new ArrayList<>(f.entries(tree));
        int at = random.nextInt(entries.size());
        HostileFixture.TreeEntry e = entries.get(at);
        String mode = MODES.get(random.nextInt(MODES.size()));
        entries.set(at, new HostileFixture.TreeEntry(mode, e.name(), e.id()));
        f.rewriteTree(tree, entries);
        return "mode of " + e.name() + " in tree " + tree + " from " + e.mode() + " to " + mode;
      }
      case 5 -> {
        f.delete(target);
        return "delete " + target;
      }
      case 6 -> {
        List<String> refs = f.refs();
        String ref = refs.get(random.nextInt(refs.size()));
        String to = switch (random.nextInt(4)) {
          case 0 -> f.objectAt(ref, "");
          case 1 -> randomId(random);
          case 2 -> "zz" + randomId(random).substring(2);
          default -> objects.get(random.nextInt(objects.size()));
        };
        f.pointRef(ref, to);
        return "point " + ref + " at " + to;
      }
      case 7 -> {
        byte[] garbage = new byte[random.nextInt(64)];
        random.nextBytes(garbage);
        f.overwriteFile(target, garbage);
        return "garbage of " + garbage.length + " bytes for " + target;
      }
      case 8 -> {
        String tree = randomTree(f, random);
        List<HostileFixture.TreeEntry> entries = new ArrayList<>(f.entries(tree));
        HostileFixture.TreeEntry e = entries.get(random.nextInt(entries.size()));
        entries.add(random.nextInt(entries.size() + 1), e);
        f.rewriteTree(tree, entries);
        return "duplicate entry " + e.name() + " in tree " + tree;
      }
      case 9 -> {
        HostileFixture.RawObject o = f.read(target);
        List<String> types = new ArrayList<>(List.of("blob", "tree", "commit", "tag"));
        types.remove(o.type());
        String type = types.get(random.nextInt(types.size()));
        f.overwrite(target, type, o.content());
        return "retype " + o.type() + " " + target + " as " + type;
      }
      default -> {
        // Metadata blobs: invalid UTF-8, duplicate keys, negative counters, deep nesting.
        Optional<String> tree = treeWith(f, "metadata.json", random);
        if (tree.isEmpty()) {
          return "nothing (no metadata tree)";
        }
        String blob = f.entries(tree.get()).stream()
            .filter(e -> e.name().equals("metadata.json")).findFirst().orElseThrow().id();
        String text = new String(f.read(blob).content(), UTF_8);
        String damaged = switch (random.nextInt(4)) {
          case 0 -> text.replaceFirst("\"", "\"\u0000");
          case 1 -> text.replaceFirst("\\{", "{\"branch\": \"x\", ");
          case 2 -> text.replace("\"checkpoints_count\": 2", "\"checkpoints_count\": -2")
              .replace("\"checkpoints_count\": 1", "\"checkpoints_count\": -1");
          default -> text.replaceFirst("\\{", "{\"deep\": " + "[".repeat(5000)
              + "]".repeat(5000) + ", ");
        };
        byte[] bytes = damaged.getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == 0) {
            bytes[i] = (byte) 0xFF;
          }
        }
        f.overwrite(blob, "blob", bytes);
        return "damage metadata.json " + blob + " of tree " + tree.get();
      }
    }
  }

  private static String randomTree(HostileFixture f, SplittableRandom random) {
    List<String> trees = new ArrayList<>();
    for (String id : f.looseObjects()) {
      if (f.read(id).type().equals("tree") && !f.entries(id).isEmpty()) {
        trees.add(id);
      }
    }
    return trees.get(random.nextInt(trees.size()));
  }

  private static Optional<String> treeWith(HostileFixture f, String name,
      SplittableRandom random) {
    List<String> trees = new ArrayList<>();
    for (String id : f.looseObjects()) {
      if (f.read(id).type().equals("tree")
          && f.entries(id).stream().anyMatch(e -> e.name().equals(name))) {
        trees.add(id);
      }
    }
    return trees.isEmpty() ? Optional.empty()
        : Optional.of(trees.get(random.nextInt(trees.size())));
  }

  private static String randomId(SplittableRandom random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
