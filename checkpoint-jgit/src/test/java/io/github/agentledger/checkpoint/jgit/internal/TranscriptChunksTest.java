package io.github.agentledger.checkpoint.jgit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TranscriptChunksTest {

  @Test
  void contentWithinTheLimitIsOneUnchangedChunk() {
    byte[] content = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);

    assertThat(TranscriptChunks.split(content, content.length)).containsExactly(content);
  }

  @Test
  void splittingAndJoiningGivesTheOriginalBytesBack() {
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(0, 30);
      for (int i = 0; i < lines; i++) {
        text.append("x".repeat(random.nextInt(0, 12)));
        if (i < lines - 1 || random.nextBoolean()) {
          text.append('\n');
        }
      }
      byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
      List<byte[]> chunks = TranscriptChunks.split(content, 16);

      assertThat(TranscriptChunks.join(chunks)).isEqualTo(content);
      chunks.forEach(chunk -> assertThat(chunk.length).isLessThanOrEqualTo(16));
    }
  }

  @Test
  void aLineLongerThanTheLimitIsAnErrorNamingTheLine() {
    byte[] content = "ok\nthis line is far too long\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TranscriptChunks.split(content, 10))
        .isInstanceOf(CheckpointStorageException.class)
        .hasMessageContaining("line 2").hasMessageContaining("25 bytes");
  }

  @Test
  void chunkNamesArePaddedToThreeDigits() {
    assertThat(TranscriptChunks.chunkName("full.jsonl", 0)).isEqualTo("full.jsonl");
    assertThat(TranscriptChunks.chunkName("full.jsonl", 1)).isEqualTo("full.jsonl.001");
    assertThat(TranscriptChunks.chunkName("raw_transcript", 12)).isEqualTo("raw_transcript.012");
  }

  @Test
  void chunkFilesAreOrderedNumericallyWithLegacyFallback() {
    assertThat(TranscriptChunks.orderedChunkNames(
        List.of("full.jsonl.003", "metadata.json", "full.jsonl.002", "full.jsonl",
            "full.jsonl.001"),
        "full.jsonl", Optional.of("full.log"), "here"))
        .containsExactly("full.jsonl", "full.jsonl.001", "full.jsonl.002", "full.jsonl.003");
    assertThat(TranscriptChunks.orderedChunkNames(List.of("full.log", "prompt.txt"),
        "full.jsonl", Optional.of("full.log"), "here")).containsExactly("full.log");
    assertThat(TranscriptChunks.orderedChunkNames(List.of("full.log", "full.jsonl"),
        "full.jsonl", Optional.of("full.log"), "here")).containsExactly("full.jsonl");
    assertThat(TranscriptChunks.orderedChunkNames(List.of("prompt.txt", "full.jsonl.x"),
        "full.jsonl", Optional.empty(), "here")).isEmpty();
  }
}
