package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.UnreadableCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and broken stored data (issue 21, items 3 to 5), one test per class, for every layout
 * the stores read (v1 branch, v2 {@code /main} + {@code /full/current}, git-refs), on stores laid
 * out with {@code git} plumbing and damaged object by object: each read gives the stored data or
 * a typed {@link CheckpointException} naming the checkpoint, the ref and the object, and a read
 * never changes what is stored.
 */
class HostileReadsTest {
  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  private HostileFixture fixture(CheckpointLayout layout) {
    return HostileFixture.build(layout, temp);
  }

  private static CheckpointId id(HostileFixture f) {
    return CheckpointId.parse(f.ids().get(0));
  }

  /** Runs {@code reads} on a fresh store over the fixture and checks nothing stored changed. */
  private static void reading(HostileFixture f, long maxObjectBytes,
      Consumer<JGitCheckpointStore> reads) {
    Map<String, String> before = f.stored();
    try (Repository repository = TestRepos.openOnDisk(f.workTree())) {
      JGitCheckpointStore store = TestRepos.store(repository).layout(f.layout())
          .maxObjectBytes(maxObjectBytes).build();
      reads.accept(store);
    }
    assertThat(f.stored()).as("what is stored after the reads").isEqualTo(before);
  }

  private static void reading(HostileFixture f, Consumer<JGitCheckpointStore> reads) {
    reading(f, JGitCheckpointStore.DEFAULT_MAX_OBJECT_BYTES, reads);
  }

  /** Asserts a read fails with {@code type} and a message naming every one of {@code names}. */
  private static void fails(ThrowingCallable read, Class<? extends CheckpointException> type,
      String... names) {
    assertThatThrownBy(read).isInstanceOf(type).satisfies(e -> {
      for (String name : names) {
        assertThat(e.getMessage()).contains(name);
      }
    });
  }

  private static String slotTree(HostileFixture f, String id, int slot) {
    return f.objectAt(f.transcriptRef(id), f.dir(id) + slot);
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void theFixtureReadsWholeInEveryLayout(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    reading(f, store -> {
      for (String text : f.ids()) {
        CheckpointId id = CheckpointId.parse(text);
        assertThat(store.readSummary(id).orElseThrow().sessions()).hasSize(2);
        for (int slot = 0; slot < 2; slot++) {
          assertThat(store.readSession(id, slot).orElseThrow().transcript().bytes())
              .isEqualTo(HostileFixture.transcript(text, slot));
        }
      }
      ListedCheckpoints listing = store.listing();
      assertThat(listing.complete()).isTrue();
      assertThat(listing.entries()).hasSize(2);
    });
  }

  // ---- item 3: no JGit exception escapes a read ------------------------------------------

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aMalformedTreeIsCorruptionNamingCheckpointRefAndTree(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String tree = slotTree(f, id, 1);
    byte[] content = f.read(tree).content();
    // Cut inside the last entry's object id: JGit's parser throws ArrayIndexOutOfBounds on it.
    f.overwrite(tree, "tree", java.util.Arrays.copyOf(content, content.length - 7));

    reading(f, store -> fails(() -> store.readSession(id(f), 1),
        CorruptCheckpointException.class, id, f.transcriptRef(id).replace("<", ""), tree));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aTipThatIsNotACommitIsATypedErrorNamingTheRefAndObject(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String ref = f.metadataRef(id);
    String tree = f.objectAt(ref, "");
    f.pointRef(ref, tree);

    reading(f, store -> {
      fails(() -> store.readSummary(id(f)), CheckpointException.class, ref, tree);
      fails(() -> store.readSession(id(f), 0), CheckpointException.class, ref, tree);
      if (layout == CheckpointLayout.GIT_REFS) {
        // The other checkpoint's ref still lists; this one is reported.
        ListedCheckpoints listing = store.listing();
        assertThat(listing.entries()).extracting(e -> e.checkpointId().value())
            .containsExactly(f.ids().get(1));
        assertThat(listing.unreadable()).extracting(UnreadableCheckpoint::location)
            .containsExactly(ref);
      } else {
        fails(store::list, CorruptCheckpointException.class, ref, tree);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aBlobPastTheLimitIsRefusedBeforeItIsLoaded(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String slot = slotTree(f, id, 0);
    // 32 MiB of JSONL (a small loose file: it compresses), against a limit of 1 MiB.
    byte[] line = "{\"type\":\"user\",\"text\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}\n"
        .getBytes(UTF_8);
    byte[] huge = new byte[32 * 1024 * 1024];
    for (int i = 0; i < huge.length; i++) {
      huge[i] = line[i % line.length];
    }
    String blob = f.newBlob(huge);
    List<HostileFixture.TreeEntry> entries = new ArrayList<>();
    for (HostileFixture.TreeEntry e : f.entries(slot)) {
      entries.add(e.name().equals("full.jsonl") ? new HostileFixture.TreeEntry(e.mode(),
          e.name(), blob) : e);
    }
    f.rewriteTree(slot, entries);
    huge = null;

    reading(f, 1024 * 1024, store -> {
      long allocated = allocatedBytes();
      fails(() -> store.readSession(id(f), 0), CorruptCheckpointException.class, id, blob,
          "maxObjectBytes");
      assertThat(allocatedBytes() - allocated).as("bytes allocated by the refused read")
          .isLessThan(8L * 1024 * 1024);
      // The other slot still reads.
      assertThat(store.readSession(id(f), 1)).isPresent();
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aChunkNumberPastAnyIntIsCorruptionNotNumberFormatException(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    renameInSlot(f, id, 1, "full.jsonl.002", "full.jsonl.9999999999");

    reading(f, store -> fails(() -> store.readSession(id(f), 1),
        CorruptCheckpointException.class, id, "full.jsonl.9999999999"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aGitlinkTranscriptIsCorruptionNotNoSuchElement(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String slot = slotTree(f, id, 0);
    List<HostileFixture.TreeEntry> entries = new ArrayList<>();
    for (HostileFixture.TreeEntry e : f.entries(slot)) {
      entries.add(e.name().equals("full.jsonl")
          ? new HostileFixture.TreeEntry("160000", e.name(), e.id()) : e);
    }
    f.rewriteTree(slot, entries);

    reading(f, store -> fails(() -> store.readSession(id(f), 0),
        CorruptCheckpointException.class, id, "full.jsonl"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aMissingSummaryObjectIsAStorageErrorNamingIt(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String summary = f.objectAt(f.metadataRef(id), f.dir(id) + "metadata.json");
    f.delete(summary);

    reading(f, store -> fails(() -> store.readSummary(id(f)),
        CheckpointStorageException.class, id, summary));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void anObjectThatIsNotZlibIsCorruptionNamingIt(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String metadata = f.objectAt(f.metadataRef(id), f.dir(id) + "0/metadata.json");
    f.overwriteFile(metadata, "not zlib at all".getBytes(UTF_8));

    reading(f, store -> fails(() -> store.readSession(id(f), 0),
        CheckpointException.class, id, metadata));
  }

  // ---- item 4: one damaged object costs only what it holds -------------------------------

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aMissingCheckpointTreeIsReportedAndTheRestListed(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String broken = f.ids().get(0);
    String tree = f.objectAt(f.metadataRef(broken), f.dir(broken).isEmpty() ? ""
        : f.dir(broken).substring(0, f.dir(broken).length() - 1));
    f.delete(tree);

    reading(f, store -> {
      ListedCheckpoints listing = store.listing();
      assertThat(listing.entries()).extracting(e -> e.checkpointId().value())
          .containsExactly(f.ids().get(1));
      assertThat(listing.unreadable()).hasSize(1);
      UnreadableCheckpoint unreadable = listing.unreadable().get(0);
      assertThat(unreadable.location()).contains(f.metadataRef(broken));
      assertThat(unreadable.reason()).contains(tree);
      if (layout != CheckpointLayout.GIT_REFS) {
        assertThat(unreadable.checkpointId()).contains(CheckpointId.parse(broken));
      }
      assertThat(store.list()).isEqualTo(listing.entries());
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2"})
  void aMissingShardTreeIsReportedAndTheOtherShardsListed(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String broken = f.ids().get(0);
    String shard = f.objectAt(f.metadataRef(broken), broken.substring(0, 2));
    f.delete(shard);

    reading(f, store -> {
      ListedCheckpoints listing = store.listing();
      assertThat(listing.entries()).extracting(e -> e.checkpointId().value())
          .containsExactly(f.ids().get(1));
      assertThat(listing.unreadable()).singleElement().satisfies(u -> {
        assertThat(u.location()).isEqualTo(f.metadataRef(broken) + ":" + broken.substring(0, 2)
            + "/");
        assertThat(u.checkpointId()).isEmpty();
        assertThat(u.reason()).contains(shard);
      });
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aCorruptSummaryIsListedWithEmptyFieldsAndReported(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String broken = f.ids().get(0);
    String summary = f.objectAt(f.metadataRef(broken), f.dir(broken) + "metadata.json");
    f.overwrite(summary, "blob", "{\"checkpoints_count\": ".getBytes(UTF_8));

    reading(f, store -> {
      ListedCheckpoints listing = store.listing();
      assertThat(listing.entries()).hasSize(2);
      assertThat(listing.unreadable()).singleElement().satisfies(u -> {
        assertThat(u.checkpointId()).contains(CheckpointId.parse(broken));
        assertThat(u.location()).endsWith("metadata.json");
      });
    });
  }

  // ---- item 5: chunk integrity and strict metadata ---------------------------------------

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aGapInTheChunksIsCorruption(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    renameInSlot(f, id, 1, "full.jsonl.002", "full.jsonl.003");
    renameInSlot(f, id, 1, "full.jsonl.001", "full.jsonl.002");

    reading(f, store -> fails(() -> store.readSession(id(f), 1),
        CorruptCheckpointException.class, id, "chunk 1", "missing"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void twoSpellingsOfOneChunkAreCorruption(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String slot = slotTree(f, id, 1);
    List<HostileFixture.TreeEntry> entries = new ArrayList<>(f.entries(slot));
    HostileFixture.TreeEntry first = entries.stream()
        .filter(e -> e.name().equals("full.jsonl.001")).findFirst().orElseThrow();
    entries.add(entries.indexOf(first) + 1,
        new HostileFixture.TreeEntry(first.mode(), "full.jsonl.0001", first.id()));
    f.rewriteTree(slot, entries);

    reading(f, store -> fails(() -> store.readSession(id(f), 1),
        CorruptCheckpointException.class, id, "full.jsonl.0001"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aChunkOfAnotherWidthIsCorruptionNotIgnored(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    renameInSlot(f, id, 1, "full.jsonl.002", "full.jsonl.02");

    reading(f, store -> fails(() -> store.readSession(id(f), 1),
        CorruptCheckpointException.class, id, "full.jsonl.02"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void invalidUtf8InMetadataIsCorruptionNotReplacementCharacters(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String metadata = f.objectAt(f.metadataRef(id), f.dir(id) + "0/metadata.json");
    String text = new String(f.read(metadata).content(), UTF_8);
    byte[] agent = text.replace("Claude Code", "Claude \u0000Code").getBytes(UTF_8);
    for (int i = 0; i < agent.length; i++) {
      if (agent[i] == 0) {
        agent[i] = (byte) 0xC3; // a lead byte followed by an ASCII letter: not UTF-8
      }
    }
    f.overwrite(metadata, "blob", agent);

    reading(f, store -> fails(() -> store.readSession(id(f), 0),
        CorruptCheckpointException.class, id, "0/metadata.json", "UTF-8"));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aDuplicateKeyInMetadataIsCorruption(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String metadata = f.objectAt(f.metadataRef(id), f.dir(id) + "0/metadata.json");
    String text = new String(f.read(metadata).content(), UTF_8);
    f.overwrite(metadata, "blob",
        text.replace("\"agent\": \"Claude Code\"", "\"agent\": \"Claude Code\",\n  \"agent\": \"x\"")
            .getBytes(UTF_8));

    reading(f, store -> fails(() -> store.readSession(id(f), 0),
        CorruptCheckpointException.class, id, "duplicate key \"agent\""));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "GIT_REFS"})
  void aNegativeCounterIsCorruptionNotABadRequest(CheckpointLayout layout) {
    HostileFixture f = fixture(layout);
    String id = f.ids().get(0);
    String metadata = f.objectAt(f.metadataRef(id), f.dir(id) + "0/metadata.json");
    String text = new String(f.read(metadata).content(), UTF_8);
    f.overwrite(metadata, "blob", text.replace("\"model\": \"claude-opus-4\"",
        "\"model\": \"claude-opus-4\",\n  \"token_usage\": {\"input_tokens\": -5}")
        .getBytes(UTF_8));

    reading(f, store -> fails(() -> store.readSession(id(f), 0),
        CorruptCheckpointException.class, id, "0/metadata.json", "negative"));
  }

  @Test
  void theChunkWidthsAcceptedAreExactlyTheOnesTheEntireCliWrites() {
    List<String> written = new ArrayList<>(List.of("full.jsonl"));
    for (int i = 1; i <= 1001; i++) {
      written.add(io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks
          .chunkName("full.jsonl", i));
    }
    assertThat(written).contains("full.jsonl.001", "full.jsonl.999", "full.jsonl.1000");
    assertThat(io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks
        .orderedChunkNames(written, "full.jsonl", java.util.Optional.empty(), "here"))
        .isEqualTo(written);
    for (String odd : List.of("full.jsonl.01", "full.jsonl.0001", "full.jsonl.000",
        "full.jsonl.01000", "full.jsonl.99999999999")) {
      assertThatThrownBy(() -> io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks
          .orderedChunkNames(List.of("full.jsonl", "full.jsonl.001", odd), "full.jsonl",
              java.util.Optional.empty(), "here"))
          .as(odd).isInstanceOf(CorruptCheckpointException.class).hasMessageContaining(odd);
    }
    // A temporary file an interrupted write left is no chunk, as for the Entire CLI.
    assertThat(io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks
        .orderedChunkNames(List.of("full.jsonl", "full.jsonl.001.tmp", "full.jsonl.x"),
            "full.jsonl", java.util.Optional.empty(), "here"))
        .containsExactly("full.jsonl");
  }

  private static void renameInSlot(HostileFixture f, String id, int slotNumber, String from,
      String to) {
    String slot = slotTree(f, id, slotNumber);
    List<HostileFixture.TreeEntry> entries = new ArrayList<>();
    for (HostileFixture.TreeEntry e : f.entries(slot)) {
      entries.add(e.name().equals(from) ? new HostileFixture.TreeEntry(e.mode(), to, e.id()) : e);
    }
    entries.sort(java.util.Comparator.comparing(HostileFixture.TreeEntry::name));
    f.rewriteTree(slot, entries);
  }

  /**
   * {@return the bytes this thread allocated so far} Read reflectively: the tests compile inside
   * the named module, which does not read {@code jdk.management}; they run on the class path.
   */
  static long allocatedBytes() {
    try {
      Object threads = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      return (long) Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getThreadAllocatedBytes", long.class)
          .invoke(threads, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("thread allocation counters are not available", e);
    }
  }
}
