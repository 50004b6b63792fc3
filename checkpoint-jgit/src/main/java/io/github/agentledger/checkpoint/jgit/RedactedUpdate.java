package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import java.util.List;
import java.util.Objects;

/**
 * What a finalisation stores, redacted once: a dual write hands the same values to both layouts.
 *
 * @param prompts the redacted prompts, empty to keep the stored ones
 * @param transcript the redacted transcript, empty to keep the stored one
 */
record RedactedUpdate(List<String> prompts, Transcript transcript) {
  RedactedUpdate {
    prompts = List.copyOf(prompts);
    Objects.requireNonNull(transcript, "transcript");
  }

  /** Redacts the prompts and transcript of {@code request}. */
  static RedactedUpdate of(Redactor redactor, UpdateRequest request) {
    return new RedactedUpdate(Redaction.texts(redactor, request.prompts()),
        Redaction.transcript(redactor, request.transcript()));
  }
}
