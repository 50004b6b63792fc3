package io.github.agentledger.checkpoint.jgit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The input of one session slot in a fixture: what the agent did, before it is laid out in git.
 *
 * @param sessionId the session id
 * @param agent the agent type string
 * @param createdAt the slot's creation time
 * @param checkpointsCount the session's step count
 * @param filesTouched the files the session touched
 * @param tokenUsage input, cache creation, cache read, output tokens and API calls (5 values)
 * @param prompts the prompts (empty: no {@code prompt.txt})
 * @param transcript the raw transcript (empty: none stored)
 * @param linesPerChunk how many transcript lines go into one chunk file; 0 keeps one file. The
 *     format chunks only above 50 MiB; fixtures chunk small transcripts to exercise reassembly.
 * @param transcriptStart the line where this checkpoint's part of the transcript begins
 */
record FixtureSession(
    String sessionId,
    String agent,
    Instant createdAt,
    int checkpointsCount,
    List<String> filesTouched,
    List<Integer> tokenUsage,
    List<String> prompts,
    byte[] transcript,
    int linesPerChunk,
    int transcriptStart) {

  FixtureSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(createdAt, "createdAt");
    filesTouched = List.copyOf(filesTouched);
    tokenUsage = List.copyOf(tokenUsage);
    if (tokenUsage.size() != 5) {
      throw new IllegalArgumentException("tokenUsage needs 5 values, got " + tokenUsage);
    }
    prompts = List.copyOf(prompts);
    transcript = transcript.clone();
  }

  /** {@return a copy of the transcript bytes} */
  @Override
  public byte[] transcript() {
    return transcript.clone();
  }

  /** {@return a copy with another transcript (a later, longer state of the same session)} */
  FixtureSession withTranscript(byte[] newTranscript, int newLinesPerChunk) {
    return new FixtureSession(sessionId, agent, createdAt, checkpointsCount, filesTouched,
        tokenUsage, prompts, newTranscript, newLinesPerChunk, transcriptStart);
  }
}
