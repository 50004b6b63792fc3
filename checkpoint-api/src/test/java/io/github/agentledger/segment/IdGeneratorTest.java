package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  private static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    long millis = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  private static void assertStrictlyIncreasing(List<String> ids) {
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).as("id %d", i).isGreaterThan(ids.get(i - 1));
    }
  }

  @Test
  void layoutIsUuidVersion7WithTheClockMillis() {
    IdGenerator ids =
        IdGenerator.create(
            Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), new SplittableRandom(1));
    UUID uuid = ids.newSegmentId().value();

    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(T0);
  }

  @Test
  void frozenClockStillGivesStrictlyIncreasingIds() {
    IdGenerator ids =
        IdGenerator.create(
            Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), new SplittableRandom(2));
    List<String> minted = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      minted.add(ids.newSessionId().toString());
    }
    assertStrictlyIncreasing(minted);
  }

  @Test
  void backwardsClockStillGivesStrictlyIncreasingIds() {
    ManualClock clock = new ManualClock();
    IdGenerator ids = IdGenerator.create(clock, new SplittableRandom(3));
    List<String> minted = new ArrayList<>();
    minted.add(ids.newSegmentId().toString());
    clock.millis -= 5_000;
    minted.add(ids.newSegmentId().toString());
    minted.add(ids.newSegmentId().toString());
    clock.millis += 10_000;
    minted.add(ids.newSegmentId().toString());

    assertStrictlyIncreasing(minted);
    assertThat(SegmentId.parse(minted.get(3)).value().getMostSignificantBits() >>> 16)
        .isEqualTo(T0 + 5_000);
  }

  @Test
  void counterOverflowBorrowsTheNextMillisecond() {
    // A random source that always returns the largest value starts every counter at its top.
    RandomGenerator maxed = () -> -1L;
    IdGenerator ids =
        IdGenerator.create(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), maxed);
    List<String> minted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      minted.add(ids.newSessionId().toString());
    }
    assertStrictlyIncreasing(minted);
  }

  @Test
  void manyThreadsGetDistinctIncreasingIds() throws Exception {
    IdGenerator ids =
        IdGenerator.create(
            Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), new SplittableRandom(4));
    int threads = 8;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  List<String> own = new ArrayList<>(perThread);
                  for (int i = 0; i < perThread; i++) {
                    own.add(ids.newSegmentId().toString());
                  }
                  return own;
                }));
      }
      go.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> result : results) {
        List<String> own = result.get(60, TimeUnit.SECONDS);
        assertStrictlyIncreasing(own);
        all.addAll(own);
      }
      assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clockOutsideTheUuidv7RangeIsRefused() {
    ManualClock clock = new ManualClock();
    IdGenerator ids = IdGenerator.create(clock, new SplittableRandom(5));
    clock.millis = -1;

    assertThatThrownBy(ids::newSessionId)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void systemGeneratorMintsVersion7Ids() {
    IdGenerator ids = IdGenerator.system();
    String a = ids.newSessionId().toString();
    String b = ids.newSessionId().toString();
    assertThat(b).isGreaterThan(a);
    assertThat(SessionId.parse(a).value().version()).isEqualTo(7);
  }
}
