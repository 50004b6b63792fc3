package io.github.agentledger.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redacting a 10 MB agent transcript ({@link AgentTranscripts}: prose, code, tool calls, file
 * contents, images, a few credentials) with the default redactor, against parsing the same lines
 * with gson ({@code JsonParser.parseString} per line, after decoding it): the cost of merely
 * reading the transcript as JSON. Divide 10 MB by the time per operation for a throughput.
 *
 * <p>{@code redactWriteTranscript} redacts the 200 KB transcript that {@link
 * CheckpointWriteBenchmark} writes, so its time can be set against that benchmark's write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RedactionBenchmark {
  /** The transcript's size in bytes. */
  public static final int SIZE = 10 * 1024 * 1024;

  private byte[] transcript;
  private byte[] writeTranscript;
  private Redactor redactor;

  /** Builds the transcript. */
  @Setup
  public void prepare() {
    transcript = AgentTranscripts.jsonl(SIZE, new SplittableRandom(11));
    writeTranscript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
    redactor = Redactor.defaults();
  }

  /**
   * The default redactor over the 200 KB transcript of {@link CheckpointWriteBenchmark}.
   *
   * @return the redacted bytes
   */
  @Benchmark
  public byte[] redactWriteTranscript() {
    return redactor.redactTranscript(writeTranscript);
  }

  /**
   * The default redactor over the whole transcript.
   *
   * @return the redacted bytes
   */
  @Benchmark
  public byte[] redactDefault() {
    return redactor.redactTranscript(transcript);
  }

  /**
   * The baseline: each line decoded from UTF-8 and parsed into a tree by gson.
   *
   * @param sink keeps the trees alive
   */
  @Benchmark
  public void baselineGsonParseLines(Blackhole sink) {
    int start = 0;
    for (int i = 0; i < transcript.length; i++) {
      if (transcript[i] == '\n') {
        String line = new String(transcript, start, i - start, StandardCharsets.UTF_8);
        JsonElement tree = JsonParser.parseString(line);
        sink.consume(tree);
        start = i + 1;
      }
    }
  }
}
