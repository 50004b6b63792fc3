package io.github.agentledger.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child process for {@link AppendCrashTest}: opens the store at {@code args[0]} with durability
 * {@code args[1]}, creates (or reopens) session {@code s}, and appends events forever, printing
 * each event's id once {@code appendEvent} has returned (acknowledged), until it is killed.
 */
final class AppendEventsChildMain {
  private AppendEventsChildMain() {}

  public static void main(String[] args) {
    JsonlSegmentStore store =
        JsonlSegmentStore.open(Path.of(args[0]), Durability.valueOf(args[1]));
    SegmentSessionService service = SegmentSessionService.over(store);
    Session session =
        service
            .getSession("app", "ada", "s", Optional.empty())
            .switchIfEmpty(service.createSession("app", "ada", null, "s"))
            .blockingGet();
    for (long i = 0; ; i++) {
      Event event = SegmentSessionServiceTest.text(i % 2 == 0 ? "user" : "agent", "m" + i, i);
      event.setActions(
          EventActions.builder()
              .stateDelta(new ConcurrentHashMap<>(Map.of("count", i, "user:last", "m" + i)))
              .build());
      Event stored = service.appendEvent(session, event).blockingGet();
      System.out.println(stored.id());
      System.out.flush();
    }
  }
}
