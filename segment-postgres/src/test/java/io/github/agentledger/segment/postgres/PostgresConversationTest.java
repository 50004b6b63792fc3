package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.ConversationContract;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.SessionKeysContract;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation keys, session attributes and JSONL bytes on PostgreSQL: the API's keys and
 * conversation contracts, binders racing through separate store instances, the JSONL bytes
 * against the JSONL store's file, and the schema migration that keeps attribute text exact.
 */
class PostgresConversationTest {
  @TempDir Path dir;

  private final IdGenerator ids = IdGenerator.create(
      Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC), new SplittableRandom(20));

  @Nested
  class Keys extends SessionKeysContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }
  }

  @Nested
  class Conversations extends ConversationContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }
  }

  private SessionId newSession(SegmentStore store) {
    SessionId session = ids.newSessionId();
    store.create(session, ids.newSegmentId(), List.of(PgEntries.start(session)));
    return session;
  }

  @Test
  void bindersThroughTwoStoreInstancesAgreeOnOneSessionPerKey() throws Exception {
    String schema = TestPostgres.newSchema();
    int rounds = 20;
    try (PostgresSegmentStore a = open(schema); PostgresSegmentStore b = open(schema)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < rounds; round++) {
          ConversationKey key = ConversationKey.of("memory-" + round);
          SessionId mine = newSession(a);
          SessionId theirs = newSession(b);
          CyclicBarrier start = new CyclicBarrier(2);
          Future<SessionId> first = pool.submit(() -> {
            start.await();
            return a.bindKey(key, mine);
          });
          Future<SessionId> second = pool.submit(() -> {
            start.await();
            return b.bindKey(key, theirs);
          });
          SessionId winner = first.get(30, TimeUnit.SECONDS);

          assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(winner);
          assertThat(winner).isIn(mine, theirs);
          assertThat(a.lookupKey(key)).contains(winner);
          assertThat(b.lookupKey(key)).contains(winner);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(a.listKeys()).hasSize(rounds);
    }
  }

  @Test
  void theJsonlBytesAreThoseOfTheJsonlStoresFile() throws IOException {
    try (PostgresSegmentStore postgres = PostgresSegmentStore.builder(
            TestPostgres.shared().dataSource())
        .schema(TestPostgres.newSchema())
        .fetchSize(7)
        .open()) {
      JsonlSegmentStore files = JsonlSegmentStore.open(dir, Durability.NONE);
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      List<LogEntry> body = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        body.add(PgEntries.message("writer \u00e9\ud83d\ude00 \"quoted\"\n", i));
      }
      for (SegmentStore store : List.<SegmentStore>of(postgres, files)) {
        store.create(session, segment, List.of(PgEntries.start(session)));
        store.append(session, segment, body);
      }

      byte[] expected;
      try (InputStream in = files.openJsonl(session, segment)) {
        expected = in.readAllBytes();
      }
      byte[] actual;
      try (InputStream in = postgres.openJsonl(session, segment)) {
        actual = in.readAllBytes();
      }

      assertThat(actual).isEqualTo(expected);
      assertThat(expected).hasSizeGreaterThan(1000);
    }
  }

  @Test
  void attributesSetByVersionOneSurviveTheMigrationToExactText() throws Exception {
    String schema = TestPostgres.newSchema();
    try (Connection connection = TestPostgres.shared().dataSource().getConnection()) {
      Migrations.migrate(connection, schema, 1);
    }
    SessionId session = ids.newSessionId();
    TestPostgres.shared().execute("INSERT INTO \"" + schema + "\".sessions VALUES ('" + session
        + "', now())");
    TestPostgres.shared().execute("INSERT INTO \"" + schema + "\".segments (session_id,"
        + " segment_id, entry_count, created_at, modified_at) VALUES ('" + session + "', '"
        + ids.newSegmentId() + "', 1, now(), now())");
    TestPostgres.shared().execute("INSERT INTO \"" + schema + "\".session_attributes VALUES ('"
        + session + "', 'user', '{\"id\": 42}'::jsonb)");

    try (PostgresSegmentStore store = open(schema)) {
      assertThat(store.sessionAttributes(session))
          .containsExactly(Map.entry("user", JsonText.of("{\"id\": 42}")));
      store.putSessionAttributes(session, Map.of("raw", JsonText.of("{ \"b\":1,\"a\" : 2.50 }")));

      assertThat(store.sessionAttributes(session).get("raw"))
          .isEqualTo(JsonText.of("{ \"b\":1,\"a\" : 2.50 }"));
    }
  }

  @Test
  void anAttributeNamePostgresCannotHoldIsRefusedAndNothingIsSet() {
    try (PostgresSegmentStore store = PgFixtures.newStore()) {
      SessionId session = newSession(store);

      assertThatThrownBy(() -> store.putSessionAttributes(session,
          Map.of("ok", JsonText.of("1"), "bad\u0000name", JsonText.of("2"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NUL");
      assertThat(store.sessionAttributes(session)).isEmpty();
    }
  }

  @Test
  void aKeyBoundByOneStoreIsSeenAndUnboundThroughAnother() {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore a = open(schema); PostgresSegmentStore b = open(schema)) {
      Set<SessionId> sessions = new HashSet<>();
      SessionId session = newSession(a);
      sessions.add(a.bindKey(ConversationKey.of("k"), session));

      assertThat(b.lookupKey(ConversationKey.of("k"))).contains(session);
      assertThat(b.unbindKey(ConversationKey.of("k"))).isTrue();
      assertThat(a.lookupKey(ConversationKey.of("k"))).isEmpty();
      assertThat(sessions).containsExactly(session);
    }
  }

  private static PostgresSegmentStore open(String schema) {
    return PostgresSegmentStore.builder(TestPostgres.shared().dataSource()).schema(schema).open();
  }
}
