package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test server starts from the Maven artifact's binaries and answers SQL. */
class TestPostgresTest {
  @Test
  void serverAnswersAsAVersion14Server() throws Exception {
    try (Connection connection = TestPostgres.shared().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).startsWith("14.");
    }
  }
}
