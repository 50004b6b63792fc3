package io.github.agentledger.benchmarks;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap during a restore, next to the size of the file and of the state restored: a restore
 * holds the state it builds plus the longest line, never the file.
 *
 * <p>Two segments of about the same size: {@code realistic}, the restore benchmark's entries,
 * whose history keeps every message (the state is as large as the log); {@code churn}, configs
 * replaced turn after turn and entries of a kind from a newer writer (replayed as no-ops), whose
 * state stays small however long the log. For each, three restores, each after a full GC, print
 * the time, the peak live heap during the restore (the largest heap in use right after a
 * collection, above the level before the restore: what the restore really holds at its worst,
 * garbage excluded) and the heap the state retains once the restore returned.
 *
 * <p>Usage: {@code java -Xmx1g -Xmn64m -cp benchmarks/target/benchmarks.jar
 * io.github.agentledger.benchmarks.RestoreHeapProbe [megabytes]} (default 100); a small young
 * generation makes collections frequent, so the live heap is sampled often. Not a JMH benchmark:
 * JMH measures time, this measures memory.
 */
public final class RestoreHeapProbe {
  private RestoreHeapProbe() {}

  /**
   * Writes both segments, restores each five times and prints the figures.
   *
   * @param args the approximate segment size in MiB, optional
   * @throws IOException if the temp directory cannot be written
   */
  public static void main(String[] args) throws IOException {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path dir = Files.createTempDirectory("agentledger-restore-heap");
    try {
      JsonlSegmentStore store = JsonlSegmentStore.open(dir, Durability.NONE);
      IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(9));
      long target = (long) megabytes * 1024 * 1024;
      for (boolean realistic : new boolean[] {true, false}) {
        SessionId session = ids.newSessionId();
        SegmentId segment = ids.newSegmentId();
        store.create(session, segment, List.of(LogEntry.SegmentStart.fresh(1, session,
            Optional.of("You are a coding agent."), RequestConfig.defaults(), List.of())));
        Path file = dir.resolve(session.toString()).resolve(segment + ".jsonl");
        fill(store, session, segment, file, target, realistic);
        System.out.printf(Locale.ROOT, "%s segment: %.1f MB%n",
            realistic ? "realistic" : "churn", Files.size(file) / 1e6);
        for (int i = 0; i < 3; i++) {
          measure(store, session, segment);
        }
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static void fill(JsonlSegmentStore store, SessionId session, SegmentId segment,
      Path file, long target, boolean realistic) throws IOException {
    List<LogEntry> entries = new ArrayList<>();
    if (realistic) {
      for (BenchmarkEntries.Sample sample : BenchmarkEntries.generate(18_000, 7)) {
        entries.add(sample.entry());
      }
    } else {
      String bulk = "0123456789abcdef".repeat(64);
      for (int turn = 0; turn < 900; turn++) {
        entries.add(new LogEntry.ConfigChanged(turn, new RequestConfig.Custom(
            JsonText.of("{\"framework\":{\"turn\":" + turn + ",\"blob\":\"" + bulk + "\"}}"))));
        entries.add(new LogEntry.Unknown("newer_kind", turn,
            "{\"kind\":\"newer_kind\",\"ts\":" + turn + ",\"data\":\"" + bulk + "\"}"));
      }
    }
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      while (Files.size(file) < target) {
        for (int i = 0; i < entries.size(); i += 900) {
          writer.append(entries.subList(i, Math.min(entries.size(), i + 900)));
        }
      }
    }
  }

  private static void measure(JsonlSegmentStore store, SessionId session, SegmentId segment) {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
      }
    }
    System.gc();
    long before = used(pools);
    AtomicLong peakLive = new AtomicLong(before);
    AtomicLong collections = new AtomicLong();
    NotificationListener listener = (notification, handback) -> {
      if (!notification.getType().equals(
          GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GcInfo info = GarbageCollectionNotificationInfo
          .from((CompositeData) notification.getUserData()).getGcInfo();
      long after = 0;
      for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
        if (isHeap(pools, pool.getKey())) {
          after += pool.getValue().getUsed();
        }
      }
      peakLive.accumulateAndGet(after, Math::max);
      collections.incrementAndGet();
    };
    List<NotificationEmitter> emitters = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    long start = System.nanoTime();
    RestoredState state = store.restore(session, segment);
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    System.gc();
    long retained = used(pools) - before;
    System.out.printf(Locale.ROOT,
        "  restore %d ms, %d entries, %d collections, peak live heap +%.0f MB,"
            + " state retains %.0f MB%n",
        millis, state.entryCount(), collections.get(), (peakLive.get() - before) / 1e6,
        retained / 1e6);
  }

  private static boolean isHeap(List<MemoryPoolMXBean> pools, String name) {
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static long used(List<MemoryPoolMXBean> pools) {
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      used += pool.getUsage().getUsed();
    }
    return used;
  }
}
