package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteRequestTest {
  private static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");
  private static final AgentSessionId SESSION = AgentSessionId.of("s");

  @Test
  void defaultsAreEmptyAndManualCommit() {
    WriteRequest request = WriteRequest.builder(ID, SESSION).build();

    assertThat(request.strategy()).isEqualTo("manual-commit");
    assertThat(request.transcript().isEmpty()).isTrue();
    assertThat(request.author()).isEmpty();
    assertThat(request.marksReview()).isFalse();
  }

  @Test
  void rejectsValuesTheFormatForbidsNamingTheField() {
    assertThatThrownBy(() -> WriteRequest.builder(ID, SESSION).checkpointsCount(-1).build())
        .isInstanceOf(InvalidCheckpointRequestException.class)
        .hasMessageContaining("checkpointsCount").hasMessageContaining("-1");
    assertThatThrownBy(() -> WriteRequest.builder(ID, SESSION).task("bad id!").build())
        .isInstanceOf(InvalidCheckpointRequestException.class)
        .hasMessageContaining("toolUseId");
    assertThatThrownBy(() -> WriteRequest.builder(ID, SESSION).turnId("xyz").build())
        .isInstanceOf(InvalidCheckpointRequestException.class).hasMessageContaining("turnId");
    assertThatThrownBy(() -> WriteRequest.builder(ID, SESSION).agent("a\nEvil: trailer").build())
        .isInstanceOf(InvalidCheckpointRequestException.class).hasMessageContaining("agent");
    assertThatThrownBy(() -> WriteRequest.builder(ID, SESSION).strategy("").build())
        .isInstanceOf(InvalidCheckpointRequestException.class).hasMessageContaining("strategy");
  }

  @Test
  void transcriptsAreCopiedInAndOut() {
    byte[] bytes = {'{', '}'};
    Transcript transcript = Transcript.of(bytes);
    bytes[0] = 'x';
    transcript.bytes()[1] = 'y';

    assertThat(transcript.utf8()).isEqualTo("{}");
  }
}
