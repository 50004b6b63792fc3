package io.github.agentledger.checkpoint.jgit.redact;

import java.util.List;

/** Runs a fixed list of detectors over plain text and replaces what they find. Immutable. */
final class TextRedaction {
  /** What every secret is replaced with, as the format prescribes. */
  static final String REPLACEMENT = "REDACTED";

  private final List<Detector> detectors;

  TextRedaction(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** Marks every secret in {@code text}. */
  void find(String text, RangeSet found) {
    for (Detector detector : detectors) {
      detector.find(text, found);
    }
  }

  /** {@return {@code text} with every secret replaced; {@code text} itself when none was found} */
  String redact(String text) {
    RangeSet found = new RangeSet();
    find(text, found);
    return found.applyTo(text, REPLACEMENT);
  }
}
