package io.github.agentledger.checkpoint.jgit.redact;

/** The redactor that changes nothing; see {@link Redactor#none()}. */
enum NoRedaction implements Redactor {
  INSTANCE;

  @Override
  public byte[] redactTranscript(byte[] jsonl) {
    return jsonl;
  }

  @Override
  public String redactText(String text) {
    return text;
  }
}
