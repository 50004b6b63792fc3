package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.LogEntry;
import java.io.IOException;

/**
 * The explicit gson adapter of {@link LogEntry}: writes through {@link EntryEncoder}, reads a JSON
 * tree and decodes it with {@link EntryDecoder}. Through this adapter an unknown kind keeps the
 * compact re-serialization of its object; {@link EntryCodec#decode(String)} keeps the exact line
 * instead.
 */
final class LogEntryAdapter extends TypeAdapter<LogEntry> {
  @Override
  public void write(JsonWriter writer, LogEntry entry) throws IOException {
    EntryEncoder.write(writer, entry);
  }

  @Override
  public LogEntry read(JsonReader reader) throws IOException {
    JsonElement tree = EntryCodec.readTree(reader);
    return EntryDecoder.decode(tree, tree.toString());
  }
}
