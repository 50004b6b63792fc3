package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generation rotation of {@code /full/current} (spec Decision 2, §6.7) and its guards. */
class V2RotationTest {
  static final AgentSessionId S = AgentSessionId.of("session-001");

  /** Whether the ref database commits several ref moves atomically. */
  enum RefDb {
    ATOMIC,
    NON_ATOMIC
  }

  private InMemoryRepository repository = TestRepos.inMemory();
  private final RecordingLogger logger = new RecordingLogger();
  private int next;

  private InMemoryRepository repository(RefDb refDb) {
    repository = TestRepos.inMemory();
    repository.setPerformsAtomicTransactions(refDb == RefDb.ATOMIC);
    return repository;
  }

  private JGitCheckpointStore.Builder store(int threshold) {
    return TestRepos.store(repository).layout(CheckpointLayout.V2).redactor(Redactor.none())
        .maxCheckpointsPerGeneration(threshold).logger(logger);
  }

  private CheckpointId id(int n) {
    return CheckpointId.parse(String.format("%012x", 0xabc000000000L + n));
  }

  private static Transcript body(CheckpointId id) {
    return lines("{\"checkpoint\":\"" + id.value() + "\"}");
  }

  /** Writes the next checkpoint, with a transcript naming it. */
  private CheckpointId write(JGitCheckpointStore store) {
    CheckpointId id = id(++next);
    store.write(request(id, S).transcript(body(id)).build());
    return id;
  }

  private void assertEveryCheckpointOnceAndReadable(JGitCheckpointStore store,
      List<CheckpointId> ids) {
    Map<CheckpointId, Integer> occurrences = V2Refs.occurrences(repository);
    assertThat(occurrences.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(occurrences.values()).allMatch(n -> n == 1);
    for (CheckpointId id : ids) {
      assertThat(store.readSession(id, 0).orElseThrow().transcript()).isEqualTo(body(id));
    }
  }

  @Test
  void belowTheThresholdNothingIsArchived() {
    JGitCheckpointStore store = store(3).build();
    List<CheckpointId> ids = List.of(write(store), write(store));

    assertThat(V2Refs.archiveRefs(repository)).isEmpty();
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT))
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @ParameterizedTest
  @EnumSource(RefDb.class)
  void atTheThresholdTheGenerationIsArchivedAndCurrentRestartsFromASeed(RefDb refDb) {
    repository(refDb);
    JGitCheckpointStore store = store(3).build();
    List<CheckpointId> ids = new ArrayList<>(List.of(write(store), write(store)));
    ObjectId beforeThird = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);
    ids.add(write(store));

    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1));
    RevCommit archive = RefTrees.tip(repository, RefNames.v2Archive(1));
    assertThat(archive.getFullMessage()).isEqualTo("Checkpoint: " + ids.get(2).value() + "\n");
    assertThat(archive.getParent(0)).isEqualTo(beforeThird);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1)))
        .containsExactlyInAnyOrderElementsOf(ids);
    RevCommit current = RefTrees.tip(repository, RefNames.V2_FULL_CURRENT);
    assertThat(current.getFullMessage()).isEqualTo("Start generation");
    assertThat(current.getParentCount()).isZero();
    assertThat(RefTrees.files(repository, RefNames.V2_FULL_CURRENT))
        .containsExactly(Map.entry("generation.json", "{\n  \"checkpoints\": []\n}\n"));
    assertThat(store.archivedGenerations()).extracting(ArchivedGeneration::number)
        .containsExactly(1L);
    assertThat(store.archivedGenerations().get(0).metadata().checkpoints())
        .containsExactlyElementsOf(ids);
    assertEveryCheckpointOnceAndReadable(store, ids);
    assertThat(store.generationOf(ids.get(0))).contains(GenerationLocation.archived(1));

    ids.add(write(store));
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT))
        .containsExactly(ids.get(3));
    assertThat(store.generationOf(ids.get(3))).contains(GenerationLocation.current());
    assertThat(V2Refs.archiveRefs(repository)).hasSize(1);
    assertEveryCheckpointOnceAndReadable(store, ids);
  }

  @ParameterizedTest
  @EnumSource(RefDb.class)
  void aboveTheThresholdAGenerationFilledByAnotherWriterIsArchivedOnTheNextWrite(RefDb refDb) {
    repository(refDb);
    JGitCheckpointStore big = store(100).build();
    List<CheckpointId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(write(big));
    }
    JGitCheckpointStore small = store(3).build();
    ids.add(write(small));

    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1));
    if (refDb == RefDb.ATOMIC) {
      // The write archives the full generation in its own transaction and starts the next one.
      assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1)))
          .containsExactlyInAnyOrderElementsOf(ids.subList(0, 5));
      assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT))
          .containsExactly(ids.get(5));
    } else {
      assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1))).hasSize(6);
    }
    assertEveryCheckpointOnceAndReadable(small, ids);
  }

  @Test
  void archivesAreNumberedSequentiallyAcrossRotationsIgnoringOtherSuffixes() {
    JGitCheckpointStore store = store(2).build();
    List<CheckpointId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(write(store));
    }
    ObjectId decoy = RefTrees.tipId(repository, RefNames.v2Archive(1));
    new RefCas(repository, RetryPolicy.immediate(1), d -> { }, RefCas.Hook.NONE)
        .compareAndSwap(RefNames.V2_FULL_PREFIX + "backup", java.util.Optional.empty(), decoy);
    new RefCas(repository, RetryPolicy.immediate(1), d -> { }, RefCas.Hook.NONE)
        .compareAndSwap(RefNames.V2_FULL_PREFIX + "99999999999999", java.util.Optional.empty(),
            decoy);
    ids.add(write(store));

    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1),
        RefNames.v2Archive(2), RefNames.v2Archive(3), RefNames.v2Archive(4));
    assertThat(store.archivedGenerations()).extracting(g -> g.metadata().checkpoints())
        .containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 6),
            ids.subList(6, 8));
    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_PREFIX + "backup")).isEqualTo(decoy);
    assertEveryCheckpointOnceAndReadable(store, ids);
  }

  @ParameterizedTest
  @EnumSource(RefDb.class)
  void anArchiveRefThatAppearsBeforeTheSwapIsNeverOverwritten(RefDb refDb) {
    repository(refDb);
    AtomicBoolean fired = new AtomicBoolean();
    ObjectId[] foreign = new ObjectId[1];
    JGitCheckpointStore store = store(2).casHook((ref, expected) -> {
      if (ref.equals(RefNames.v2Archive(1)) && fired.compareAndSet(false, true)) {
        foreign[0] = RefTrees.tipId(repository, RefNames.V2_MAIN);
        new RefCas(repository, RetryPolicy.immediate(1), d -> { }, RefCas.Hook.NONE)
            .compareAndSwap(ref, java.util.Optional.empty(), foreign[0]);
      }
    }).build();
    List<CheckpointId> ids = List.of(write(store), write(store));

    assertThat(fired).isTrue();
    assertThat(RefTrees.tipId(repository, RefNames.v2Archive(1))).isEqualTo(foreign[0]);
    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1),
        RefNames.v2Archive(2));
    assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(2)))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RefDb.class)
  void aWriterAdvancingCurrentBeforeTheResetIsNeverUndoneNorDuplicated(RefDb refDb) {
    repository(refDb);
    JGitCheckpointStore other = store(1000).build();
    AtomicBoolean fired = new AtomicBoolean();
    List<CheckpointId> ids = new ArrayList<>();
    List<String> archivesSeenByTheRacer = new ArrayList<>();
    JGitCheckpointStore store = store(3).casHook((ref, expected) -> {
      if (ref.equals(RefNames.V2_FULL_CURRENT) && expected.isPresent()
          && !RefTrees.tip(repository, RefNames.V2_FULL_CURRENT).getFullMessage()
              .startsWith("Start") && V2Refs.checkpointsOn(repository, ref).size() >= 3
          && fired.compareAndSet(false, true)) {
        archivesSeenByTheRacer.addAll(V2Refs.archiveRefs(repository));
        ids.add(write(other));
      }
    }).build();
    ids.add(write(store));
    ids.add(write(store));
    ids.add(write(store));

    assertThat(fired).isTrue();
    assertThat(archivesSeenByTheRacer).hasSize(refDb == RefDb.ATOMIC ? 0 : 1);
    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1));
    assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1)))
        .containsExactlyInAnyOrderElementsOf(ids).hasSize(4);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT)).isEmpty();
    assertEveryCheckpointOnceAndReadable(store, ids);
  }

  @Test
  void aCrashBetweenArchiveAndResetIsReadOnceAndCompletedByTheNextRotation() {
    repository(RefDb.NON_ATOMIC);
    AtomicBoolean crash = new AtomicBoolean(true);
    JGitCheckpointStore store = store(3).casHook((ref, expected) -> {
      if (ref.equals(RefNames.V2_FULL_CURRENT) && crash.get()
          && RefTrees.tipId(repository, RefNames.v2Archive(1)) != null) {
        throw new IllegalStateException("simulated crash between archive and reset");
      }
    }).build();
    List<CheckpointId> ids = new ArrayList<>(List.of(write(store), write(store), write(store)));

    ObjectId current = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);
    assertThat(RefTrees.tipId(repository, RefNames.v2Archive(1))).isEqualTo(current);
    assertThat(logger.at(System.Logger.Level.WARNING)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("rotation of " + RefNames.V2_FULL_CURRENT
            + " failed").contains("simulated crash"));
    for (CheckpointId id : ids) {
      assertThat(store.readSession(id, 0).orElseThrow().transcript()).isEqualTo(body(id));
      assertThat(store.generationOf(id)).contains(GenerationLocation.current());
    }

    crash.set(false);
    ids.add(write(store));

    assertThat(V2Refs.archiveRefs(repository)).containsExactly(RefNames.v2Archive(1));
    assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1))).hasSize(4);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT)).isEmpty();
    assertEveryCheckpointOnceAndReadable(store, ids);
  }

  @Test
  void aFailedRotationIsLoggedAndNeverFailsTheWrite() {
    JGitCheckpointStore store = store(1).casHook((ref, expected) -> {
      if (ref.startsWith(RefNames.V2_FULL_PREFIX) && !ref.equals(RefNames.V2_FULL_CURRENT)) {
        throw new IllegalStateException("archive refused");
      }
    }).build();

    CheckpointId id = write(store);

    assertThat(store.readSession(id, 0).orElseThrow().transcript()).isEqualTo(body(id));
    assertThat(V2Refs.archiveRefs(repository)).isEmpty();
    assertThat(logger.at(System.Logger.Level.WARNING)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("archive refused"));
  }

  @Test
  void finalisingARotatedCheckpointUpdatesItsArchiveInPlace() {
    JGitCheckpointStore store = store(2).build();
    CheckpointId first = write(store);
    write(store);
    ObjectId current = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);
    ObjectId archived = RefTrees.tipId(repository, RefNames.v2Archive(1));
    Transcript longer = lines("{\"checkpoint\":\"" + first.value() + "\"}", "{\"more\":1}");

    store.update(new io.github.agentledger.checkpoint.UpdateRequest(first, S, longer,
        List.of()));

    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isEqualTo(current);
    RevCommit archive = RefTrees.tip(repository, RefNames.v2Archive(1));
    assertThat(archive.getParent(0)).isEqualTo(archived);
    assertThat(archive.getFullMessage()).isEqualTo("Finalize checkpoint: " + first.value() + "\n");
    assertThat(store.readSession(first, 0).orElseThrow().transcript()).isEqualTo(longer);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT)).isEmpty();

    ObjectId afterUpdate = RefTrees.tipId(repository, RefNames.v2Archive(1));
    store.update(new io.github.agentledger.checkpoint.UpdateRequest(first, S, longer,
        List.of()));
    assertThat(RefTrees.tipId(repository, RefNames.v2Archive(1))).isEqualTo(afterUpdate);
  }

  @Test
  void aRewriteWithoutTranscriptRemovesTheTranscriptFromItsArchive() {
    JGitCheckpointStore store = store(2).build();
    CheckpointId first = write(store);
    write(store);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.v2Archive(1))).contains(first);

    store.write(request(first, S).build());

    assertThat(store.readSession(first, 0).orElseThrow().transcript().isEmpty()).isTrue();
    assertThat(RefTrees.files(repository, RefNames.v2Archive(1)).keySet())
        .noneMatch(path -> path.startsWith(first.shardedPath() + "/0/full.jsonl"));
  }

  @Test
  void aNewCheckpointWithoutTranscriptNeverReadsTheArchives() throws Exception {
    JGitCheckpointStore store = store(2).build();
    CheckpointId archived = write(store);
    write(store);
    ObjectId blob;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      blob = inserter.insert(Constants.OBJ_BLOB, "not a generation".getBytes(UTF_8));
      inserter.flush();
    }
    RefUpdate unreadable = repository.updateRef(RefNames.v2Archive(2));
    unreadable.setNewObjectId(blob);
    assertThat(unreadable.update()).isEqualTo(RefUpdate.Result.NEW);
    CheckpointId fresh = id(99);

    store.write(request(fresh, S).build());

    assertThat(store.readSummary(fresh)).isPresent();
    assertThatThrownBy(() -> store.write(request(archived, S).build()))
        .isInstanceOf(CheckpointStorageException.class)
        .hasMessageContaining(archived.value());
  }
}
