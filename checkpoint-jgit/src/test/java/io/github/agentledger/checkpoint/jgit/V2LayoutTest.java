package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.WriteRequestBuilder;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** What the v2 store writes where (spec Decision 2, §6.2–§6.5). */
class V2LayoutTest {
  static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  static final CheckpointId B = CheckpointId.parse("0123456789ab");
  static final AgentSessionId S1 = AgentSessionId.of("session-001");
  static final AgentSessionId S2 = AgentSessionId.of("session-002");
  static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-02-02T11:30:00.5Z");

  private final InMemoryRepository repository = TestRepos.inMemory();
  private final JGitCheckpointStore store = TestRepos.store(repository)
      .layout(CheckpointLayout.V2).redactor(Redactor.none()).build();

  static WriteRequestBuilder request(CheckpointId id, AgentSessionId session) {
    return WriteRequest.builder(id, session).author(Author.of("Ada", "ada@example.com"))
        .agent("Claude Code").model("m").branch("main");
  }

  static Transcript lines(String... lines) {
    return Transcript.ofUtf8(String.join("\n", lines) + "\n");
  }

  @Test
  void mainHoldsMetadataAndPromptsAndFullCurrentHoldsTheTranscriptAndGenerationJson() {
    store.write(request(A, S1).createdAt(T1).transcriptStart("uuid-7", 7)
        .transcript(lines("{\"n\":1}")).prompts(List.of("do it")).build());

    Map<String, String> main = RefTrees.files(repository, RefNames.V2_MAIN);
    assertThat(main.keySet()).containsExactly("a3/b2c4d5e6f7/0/metadata.json",
        "a3/b2c4d5e6f7/0/prompt.txt", "a3/b2c4d5e6f7/metadata.json");
    assertThat(main.get("a3/b2c4d5e6f7/0/metadata.json"))
        .contains("\"checkpoint_transcript_start\": 7")
        .doesNotContain("transcript_lines_at_start");
    assertThat(main.get("a3/b2c4d5e6f7/metadata.json")).doesNotContain("\"transcript\"")
        .doesNotContain("content_hash");
    Map<String, String> full = RefTrees.files(repository, RefNames.V2_FULL_CURRENT);
    assertThat(full.keySet()).containsExactly("a3/b2c4d5e6f7/0/content_hash.txt",
        "a3/b2c4d5e6f7/0/full.jsonl", "generation.json");
    assertThat(full.get("a3/b2c4d5e6f7/0/full.jsonl")).isEqualTo("{\"n\":1}\n");
    assertThat(full.get("a3/b2c4d5e6f7/0/content_hash.txt"))
        .isEqualTo(ContentHash.of("{\"n\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(full.get("generation.json")).isEqualTo("{\n  \"checkpoints\": [\n"
        + "    \"a3b2c4d5e6f7\"\n  ],\n  \"oldest_checkpoint_at\": \"2026-02-01T10:00:00Z\",\n"
        + "  \"newest_checkpoint_at\": \"2026-02-01T10:00:00Z\"\n}\n");
  }

  @Test
  void missingRefsStartAsOrphanInitializeCommitsAndWritesCarryTheSpecMessages() {
    store.write(request(A, S1).transcript(lines("{}")).build());

    for (String ref : List.of(RefNames.V2_MAIN, RefNames.V2_FULL_CURRENT)) {
      RevCommit tip = RefTrees.tip(repository, ref);
      assertThat(tip.getFullMessage()).isEqualTo("Checkpoint: a3b2c4d5e6f7\n");
      assertThat(tip.getAuthorIdent().getName()).isEqualTo(ref.equals(RefNames.V2_MAIN)
          ? "Ada" : "Unknown");
      assertThat(tip.getParentCount()).isEqualTo(1);
      RevCommit root = parent(tip);
      assertThat(root.getFullMessage()).isEqualTo("Initialize v2 ref");
      assertThat(root.getParentCount()).isZero();
      assertThat(root.getTree().name()).isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    }
    assertThat(RefTrees.tipId(repository, RefNames.V1_BRANCH)).isNull();
  }

  @Test
  void aWriteWithoutTranscriptCreatesNoFullRef() {
    store.write(request(A, S1).prompts(List.of("p")).build());

    assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isNotNull();
    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isNull();
  }

  @Test
  void checkpointsAccumulateAndGenerationJsonAddsEachIdOnceWithItsFirstTime() {
    store.write(request(A, S1).createdAt(T1).transcript(lines("{\"a\":1}")).build());
    store.write(request(B, S1).createdAt(T2).transcript(lines("{\"b\":1}")).build());
    store.write(request(A, S2).createdAt(T2.plusSeconds(60)).transcript(lines("{\"a\":2}"))
        .build());

    Map<String, String> full = RefTrees.files(repository, RefNames.V2_FULL_CURRENT);
    assertThat(full).containsKeys("a3/b2c4d5e6f7/0/full.jsonl", "a3/b2c4d5e6f7/1/full.jsonl",
        "01/23456789ab/0/full.jsonl");
    assertThat(store.currentGeneration()).contains(new GenerationMetadata(List.of(A, B),
        Optional.of(T1), Optional.of(T2)));
    assertThat(store.generationOf(A)).contains(GenerationLocation.current());
    assertThat(store.archivedGenerations()).isEmpty();
  }

  @Test
  void anUpdateWritesTheTranscriptButNeverTouchesGenerationJson() {
    store.write(request(A, S1).createdAt(T1).transcript(lines("{\"n\":1}")).build());
    String generation = RefTrees.files(repository, RefNames.V2_FULL_CURRENT).get("generation.json");

    store.update(new UpdateRequest(A, S1, lines("{\"n\":1}", "{\"n\":2}"), List.of("p2")));

    RevCommit full = RefTrees.tip(repository, RefNames.V2_FULL_CURRENT);
    assertThat(full.getFullMessage()).isEqualTo("Finalize checkpoint: a3b2c4d5e6f7\n");
    assertThat(RefTrees.files(repository, RefNames.V2_FULL_CURRENT))
        .containsEntry("generation.json", generation)
        .containsEntry("a3/b2c4d5e6f7/0/full.jsonl", "{\"n\":1}\n{\"n\":2}\n");
    assertThat(RefTrees.tip(repository, RefNames.V2_MAIN).getFullMessage())
        .isEqualTo("Finalize checkpoint: a3b2c4d5e6f7\n");
    assertThat(RefTrees.files(repository, RefNames.V2_MAIN))
        .containsEntry("a3/b2c4d5e6f7/0/prompt.txt", "p2");
  }

  @Test
  void anUnchangedTranscriptMakesNoCommitOnFull() {
    Transcript body = lines("{\"n\":1}");
    store.write(request(A, S1).transcript(body).build());
    ObjectId before = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);

    store.update(new UpdateRequest(A, S1, body, List.of("p")));

    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isEqualTo(before);
    assertThat(store.readSession(A, 0).orElseThrow().prompts()).containsExactly("p");
  }

  @Test
  void aRewriteWithoutTranscriptRemovesTheStaleOneButKeepsOtherSlots() {
    store.write(request(A, S1).transcript(lines("{\"old\":1}")).build());
    store.write(request(A, S2).transcript(lines("{\"other\":1}")).build());

    store.write(request(A, S1).build());

    assertThat(RefTrees.files(repository, RefNames.V2_FULL_CURRENT).keySet())
        .noneMatch(p -> p.startsWith("a3/b2c4d5e6f7/0/"))
        .contains("a3/b2c4d5e6f7/1/full.jsonl");
    assertThat(store.readSession(A, 0).orElseThrow().transcript().isEmpty()).isTrue();
    assertThat(store.readSession(A, 1).orElseThrow().transcript())
        .isEqualTo(lines("{\"other\":1}"));
  }

  private RevCommit parent(RevCommit commit) {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
      RevCommit parent = walk.parseCommit(commit.getParent(0));
      walk.parseBody(parent);
      return parent;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
