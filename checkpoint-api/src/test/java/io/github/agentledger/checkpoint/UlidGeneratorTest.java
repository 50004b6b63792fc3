package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class UlidGeneratorTest {
  private static final Instant START = Instant.parse("2026-12-06T12:00:00.123Z");

  @Test
  void mintsCanonicalUlidsCarryingTheClockTime() {
    UlidGenerator ids = UlidGenerator.create(new TestClock(START), new SplittableRandom(1));

    CheckpointId id = ids.next();

    assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID);
    assertThat(CheckpointId.isUlid(id.value())).isTrue();
    assertThat(id.ulidTime()).contains(START);
  }

  @Test
  void idsInOneMillisecondIncrementTheRandomPartSoTheyStayStrictlyIncreasing() {
    UlidGenerator ids = UlidGenerator.create(new TestClock(START), new SplittableRandom(2));
    List<CheckpointId> minted = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      minted.add(ids.next());
    }

    assertThat(minted).isSorted().doesNotHaveDuplicates();
    assertThat(minted).allSatisfy(id -> assertThat(id.ulidTime()).contains(START));
  }

  @Test
  void aClockThatGoesBackwardsNeverProducesASmallerId() {
    TestClock clock = new TestClock(START);
    UlidGenerator ids = UlidGenerator.create(clock, new SplittableRandom(3));
    CheckpointId first = ids.next();
    clock.advance(Duration.ofSeconds(-5));

    CheckpointId second = ids.next();

    assertThat(second).isGreaterThan(first);
    assertThat(second.ulidTime()).contains(START);
  }

  @Test
  void aNewMillisecondTakesFreshRandomBits() {
    TestClock clock = new TestClock(START);
    UlidGenerator ids = UlidGenerator.create(clock, new SplittableRandom(4));
    CheckpointId first = ids.next();
    clock.advance(Duration.ofMillis(1));

    CheckpointId second = ids.next();

    assertThat(second.ulidTime()).contains(START.plusMillis(1));
    assertThat(second.value().substring(10)).isNotEqualTo(first.value().substring(10));
  }

  @Test
  void exhaustedRandomBitsAdvanceTheTimestampByOneMillisecond() {
    RandomGenerator allOnes = new RandomGenerator() {
      @Override
      public long nextLong() {
        return -1L;
      }
    };
    UlidGenerator ids = UlidGenerator.create(new TestClock(START), allOnes);
    CheckpointId max = ids.next();
    assertThat(max.value()).endsWith("ZZZZZZZZZZZZZZZZ");

    CheckpointId next = ids.next();

    assertThat(next).isGreaterThan(max);
    assertThat(next.ulidTime()).contains(START.plusMillis(1));
  }

  @Test
  void encodingMatchesAHandComputedValue() {
    // time 1 ms, random 0: "0000000001" then 16 zeros; random 1 ends in "1".
    assertThat(UlidGenerator.encode(1, 0, 0)).isEqualTo("00000000010000000000000000");
    assertThat(UlidGenerator.encode(0, 0, 1)).isEqualTo("00000000000000000000000001");
    assertThat(UlidGenerator.encode(0, 0x8000, 0)).isEqualTo("0000000000G000000000000000");
    assertThat(UlidGenerator.encode((1L << 48) - 1, 0xFFFF, -1L))
        .isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  }

  @Test
  void theSameSeedGivesTheSameIds() {
    assertThat(UlidGenerator.create(new TestClock(START), new SplittableRandom(9)).next())
        .isEqualTo(UlidGenerator.create(new TestClock(START), new SplittableRandom(9)).next());
  }
}
