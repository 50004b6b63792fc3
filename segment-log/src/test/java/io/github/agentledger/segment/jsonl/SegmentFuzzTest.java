package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's fuzz test for segments: seeded mutants of a valid segment file (flipped, inserted,
 * deleted, duplicated and swapped bytes and lines; line endings, quotes, brackets, invalid UTF-8,
 * deep nesting, huge numbers, overlong lines, torn tails) go through every read path and a writer.
 * Each must read OK or fail with a {@link SegmentLogException}, within a time and an allocation
 * bound. The default suite runs {@value #DEFAULT_MUTANTS}; {@code -Pstress} runs many thousands.
 * A failure names the seed, which reproduces the mutant alone ({@code -Dagentledger.fuzz.seed}).
 */
class SegmentFuzzTest {
  static final int DEFAULT_MUTANTS = 300;
  private static final int SCALE = Integer.getInteger("agentledger.stress.scale", 1);
  private static final int MUTANTS = SCALE == 1 ? DEFAULT_MUTANTS : 1000 * SCALE;
  private static final long ONLY_SEED = Long.getLong("agentledger.fuzz.seed", -1);
  private static final long MAX_MILLIS_PER_MUTANT = 5_000;
  private static final long MAX_LINE = 64 * 1024;
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000f1");
  private static final byte[][] TOKENS = tokens(
      "\n", "\r\n", "\r", "\"", "\\", "\\u", "\\ud800", "\\udc00\\ud800", "{", "}", "[", "]", ",",
      ":", "null", "true", "-0", "1e999999", "-1e-999999", "123456789012345678901234567890",
      "0x10", "NaN", "\"kind\":\"segment_start\"", "\"kind\":\"turn_end\"", "\"kind\":\"zzz\"",
      "\"ts\":-1", "\"ts\":1.5", "\"history\":{}", "\"v\":2", "\"session_id\":\"x\"", "\t", " ");

  @TempDir Path dir;

  @Test
  void everyMutantReadsOkOrFailsTypedWithinTimeAndMemoryBounds() throws IOException {
    byte[] valid = validSegment();
    Path root = dir.resolve("store");
    JsonlSegmentStore store = JsonlSegmentStore.builder(root, Durability.NONE)
        .maxLineBytes((int) MAX_LINE).maxNestingDepth(32).maxJsonValues(20_000).open();
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Path file = root.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<String> failures = new ArrayList<>();
    int ok = 0;
    int typed = 0;
    for (int i = 0; i < MUTANTS; i++) {
      long seed = ONLY_SEED >= 0 ? ONLY_SEED : 0x5E6L * 1_000_003 + i;
      StringBuilder how = new StringBuilder();
      byte[] mutant = mutate(valid, new SplittableRandom(seed), how);
      Files.write(file, mutant);
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      for (Operation op : Operation.values()) {
        try {
          op.run(store);
          ok++;
        } catch (SegmentLogException e) {
          typed++;
        } catch (Throwable e) {
          failures.add("seed " + seed + " (" + how + ") " + op + ": " + e);
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      // Each read may hold a line and its tree: bounded by the limits, not by the file.
      long allowed = 64L * 1024 * 1024 + 400L * mutant.length;
      if (millis > MAX_MILLIS_PER_MUTANT || allocated > allowed) {
        failures.add("seed " + seed + " (" + how + "): " + millis + " ms, " + allocated
            + " bytes allocated for a " + mutant.length + "-byte file");
      }
      if (ONLY_SEED >= 0) {
        break;
      }
    }
    assertThat(failures).as("mutants that broke the contract").isEmpty();
    assertThat(ok).as("some mutants still read").isPositive();
    assertThat(typed).as("some mutants were refused").isPositive();
  }

  /** What is done with each mutant; each is OK or a typed failure. */
  private enum Operation {
    RESTORE {
      @Override
      void run(JsonlSegmentStore store) {
        store.restore(SESSION, SEGMENT);
      }
    },
    READ {
      @Override
      void run(JsonlSegmentStore store) {
        try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
          entries.forEach(e -> e.kind());
        }
      }
    },
    COUNT {
      @Override
      void run(JsonlSegmentStore store) {
        store.entryCount(SESSION, SEGMENT);
      }
    },
    DERIVATION {
      @Override
      void run(JsonlSegmentStore store) {
        store.derivation(SESSION, SEGMENT);
      }
    },
    WRITE {
      @Override
      void run(JsonlSegmentStore store) {
        try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
          long count = writer.entryCount();
          writer.append(count, List.of(new LogEntry.TurnEnd(1, 1)));
          writer.appendTrace(List.of(TraceRecord.of("{\"n\":1}")));
        }
      }
    },
    READ_AFTER_WRITE {
      @Override
      void run(JsonlSegmentStore store) {
        store.restore(SESSION, SEGMENT);
      }
    };

    abstract void run(JsonlSegmentStore store);
  }

  private static byte[] mutate(byte[] valid, SplittableRandom random, StringBuilder how) {
    byte[] b = valid.clone();
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int kind = random.nextInt(11);
      int at = b.length == 0 ? 0 : random.nextInt(b.length);
      how.append(kind).append('@').append(at).append(' ');
      switch (kind) {
        case 0 -> b = set(b, at, (byte) random.nextInt(256));
        case 1 -> b = insert(b, at, TOKENS[random.nextInt(TOKENS.length)]);
        case 2 -> b = delete(b, at, Math.min(b.length - at, 1 + random.nextInt(40)));
        case 3 -> b = insert(b, at, slice(b, random.nextInt(b.length), 1 + random.nextInt(200)));
        case 4 -> b = slice(b, 0, at); // torn at a random place
        case 5 -> b = swapLines(b, random);
        case 6 -> b = insert(b, at, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
        case 7 -> b = insert(b, at, ("[".repeat(10 + random.nextInt(60))).getBytes(
            StandardCharsets.US_ASCII));
        case 8 -> b = insert(b, at, ("1,".repeat(random.nextInt(30_000))).getBytes(
            StandardCharsets.US_ASCII));
        case 9 -> b = insert(b, at, ("x".repeat((int) MAX_LINE + random.nextInt(1000)))
            .getBytes(StandardCharsets.US_ASCII));
        default -> b = lineEndingsToCrlf(b);
      }
    }
    return b;
  }

  private static byte[] set(byte[] b, int at, byte value) {
    if (b.length > 0) {
      b[at] = value;
    }
    return b;
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  private static byte[] delete(byte[] b, int at, int n) {
    byte[] out = new byte[b.length - n];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + n, out, at, b.length - at - n);
    return out;
  }

  private static byte[] slice(byte[] b, int from, int n) {
    int end = Math.min(b.length, from + n);
    byte[] out = new byte[Math.max(0, end - from)];
    System.arraycopy(b, from, out, 0, out.length);
    return out;
  }

  private static byte[] swapLines(byte[] b, SplittableRandom random) {
    String[] lines = new String(b, StandardCharsets.ISO_8859_1).split("\n", -1);
    if (lines.length > 2) {
      int i = random.nextInt(lines.length - 1);
      int j = random.nextInt(lines.length - 1);
      String t = lines[i];
      lines[i] = lines[j];
      lines[j] = t;
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] lineEndingsToCrlf(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1).replace("\n", "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[][] tokens(String... texts) {
    byte[][] out = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      out[i] = texts[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** The reference file's lines followed by one line of each kind the fixtures hold. */
  private static byte[] validSegment() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = SegmentFuzzTest.class.getResourceAsStream("reference-segment.jsonl")) {
      out.write(in.readAllBytes());
    }
    for (LogEntry entry : LogEntryFixtures.body()) {
      out.write(EntryCodec.encode(entry));
      out.write('\n');
    }
    out.write("{\"kind\":\"from_a_newer_writer\",\"ts\":9,\"x\":{\"y\":[1,2,3]}}\n"
        .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
