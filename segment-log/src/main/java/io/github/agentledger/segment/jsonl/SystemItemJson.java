package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.PromptProvenance;
import io.github.agentledger.segment.SystemItem;
import java.io.IOException;
import java.util.Optional;

/**
 * System items, tagged by {@code kind}; {@code prompt_provenance} is omitted when absent. Legacy
 * kinds are read and written back; an item of any other kind is kept whole.
 */
final class SystemItemJson {
  private SystemItemJson() {}

  static void write(JsonWriter w, SystemItem item) throws IOException {
    if (item instanceof SystemItem.Unknown unknown) {
      EntryCodec.writeJson(w, unknown.json());
      return;
    }
    w.beginObject();
    if (item instanceof SystemItem.Notification n) {
      w.name("kind").value("notification");
      w.name("message").value(n.message());
      w.name("body").value(n.body());
      provenance(w, n.promptProvenance());
    } else if (item instanceof SystemItem.WorkerEvent e) {
      w.name("kind").value("worker_event");
      w.name("event");
      EntryCodec.writeJson(w, e.event());
      w.name("body").value(e.body());
      provenance(w, e.promptProvenance());
    } else if (item instanceof SystemItem.FileAttachment a) {
      w.name("kind").value("file_attachment").name("path").value(a.path());
      w.name("body").value(a.body());
    } else if (item instanceof SystemItem.SkillActivation s) {
      w.name("kind").value("skill_activation").name("name").value(s.name());
      w.name("body").value(s.body());
    } else if (item instanceof SystemItem.TaskReminder r) {
      w.name("kind").value("task_reminder").name("source").value(r.source());
      w.name("body").value(r.body());
      provenance(w, r.promptProvenance());
    } else if (item instanceof SystemItem.Interrupt i) {
      w.name("kind").value("interrupt").name("body").value(i.body());
      provenance(w, i.promptProvenance());
    } else if (item instanceof SystemItem.Knowledge k) {
      w.name("kind").value("knowledge").name("slug").value(k.slug());
      w.name("body").value(k.body());
    } else if (item instanceof SystemItem.Workflow wf) {
      w.name("kind").value("workflow").name("slug").value(wf.slug());
    }
    w.endObject();
  }

  private static void provenance(JsonWriter w, Optional<PromptProvenance> provenance)
      throws IOException {
    if (provenance.isEmpty()) {
      return;
    }
    PromptProvenance p = provenance.get();
    w.name("prompt_provenance").beginObject();
    HistoryItemJson.omittable(w, "workspace_id", p.workspaceId());
    w.name("config_revision").value(p.configRevision());
    w.name("source_digest").value(p.sourceDigest());
    w.name("projection_digest").value(p.projectionDigest());
    w.name("logical_name").value(p.logicalName());
    w.endObject();
  }

  static SystemItem read(JsonElement element) {
    JsonFields f = JsonFields.of(element, "system item");
    String kind = f.string("kind");
    f = new JsonFields(f.object(), "system item " + kind);
    switch (kind) {
      case "notification":
        return new SystemItem.Notification(f.string("message"), f.string("body"), provenance(f));
      case "worker_event":
        return new SystemItem.WorkerEvent(f.opaque("event"), f.string("body"), provenance(f));
      case "file_attachment":
        return new SystemItem.FileAttachment(f.string("path"), f.string("body"));
      case "skill_activation":
        return new SystemItem.SkillActivation(f.string("name"), f.string("body"));
      case "task_reminder":
        return new SystemItem.TaskReminder(
            f.optionalString("source").orElse(SystemItem.TaskReminder.DEFAULT_SOURCE),
            f.string("body"),
            provenance(f));
      case "interrupt":
        return new SystemItem.Interrupt(f.string("body"), provenance(f));
      case "knowledge":
        return new SystemItem.Knowledge(f.string("slug"), f.string("body"));
      case "workflow":
        return new SystemItem.Workflow(f.string("slug"));
      default:
        JsonFields unknown = f;
        Optional<String> body =
            f.optional("body")
                .filter(b -> b.isJsonPrimitive() && b.getAsJsonPrimitive().isString())
                .map(b -> unknown.asString("body", b));
        return new SystemItem.Unknown(kind, body, EntryCodec.toJsonText(element));
    }
  }

  private static Optional<PromptProvenance> provenance(JsonFields item) {
    return item.optional("prompt_provenance")
        .map(
            element -> {
              JsonFields p = JsonFields.of(element, item.where() + " prompt_provenance");
              return new PromptProvenance(
                  p.optionalString("workspace_id"),
                  p.integer("config_revision"),
                  p.string("source_digest"),
                  p.string("projection_digest"),
                  p.string("logical_name"));
            });
  }
}
