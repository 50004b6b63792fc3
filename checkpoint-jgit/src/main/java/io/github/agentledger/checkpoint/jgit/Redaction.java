package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CodeLearning;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.util.List;

/**
 * Applies a {@link Redactor} to everything a store writes: transcripts, prompts, and the text of
 * AI summaries (paths and line numbers kept, docs/checkpoint-format.md#redaction). Stateless.
 */
final class Redaction {
  private Redaction() {}

  static Transcript transcript(Redactor redactor, Transcript transcript) {
    return transcript.isEmpty() ? transcript
        : Transcript.of(redactor.redactTranscript(transcript.bytes()));
  }

  static List<String> texts(Redactor redactor, List<String> texts) {
    return texts.stream().map(redactor::redactText).toList();
  }

  static SessionSummary summary(Redactor redactor, SessionSummary summary) {
    Learnings learnings = summary.learnings();
    List<CodeLearning> code = learnings.code().stream()
        .map(c -> new CodeLearning(c.path(), c.line(), c.endLine(),
            redactor.redactText(c.finding())))
        .toList();
    return new SessionSummary(redactor.redactText(summary.intent()),
        redactor.redactText(summary.outcome()),
        new Learnings(texts(redactor, learnings.repo()), code,
            texts(redactor, learnings.workflow())),
        texts(redactor, summary.friction()), texts(redactor, summary.openItems()));
  }
}
