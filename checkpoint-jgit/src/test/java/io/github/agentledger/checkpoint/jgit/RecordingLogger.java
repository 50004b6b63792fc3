package io.github.agentledger.checkpoint.jgit;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps every record, for assertions on what was logged. */
final class RecordingLogger implements System.Logger {
  /** One logged record. */
  record Entry(Level level, String message, Throwable thrown) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  List<Entry> at(Level level) {
    return entries.stream().filter(e -> e.level() == level).toList();
  }

  @Override
  public String getName() {
    return "recording";
  }

  @Override
  public boolean isLoggable(Level level) {
    return true;
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    entries.add(new Entry(level, message, thrown));
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    entries.add(new Entry(level, params == null || params.length == 0 ? format
        : java.text.MessageFormat.format(format, params), null));
  }
}
