package io.rbacaudit.load;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one cluster read collected, as it arrived (Secret data already dropped): the objects, the context, and the
 * lists that could not be read with their warnings. Saved as a Kubernetes {@code List} with one extra top-level field
 * first, so {@code scan FILE} recognises it by content and replays it through the same decoding as a live read.
 */
public record Snapshot(String context, List<JsonObject> items, List<String> unreadable, List<String> warnings) {

  static final String MARKER = "rbacAuditSnapshot";
  private static final int FORMAT = 1;

  public Snapshot {
    items = List.copyOf(items);
    unreadable = List.copyOf(unreadable);
    warnings = List.copyOf(warnings);
  }

  public void write(Path file) throws IOException {
    JsonObject header = new JsonObject();
    header.addProperty("format", FORMAT);
    header.addProperty("context", context);
    header.add("unreadable", strings(unreadable));
    header.add("warnings", strings(warnings));
    JsonObject doc = new JsonObject();
    doc.add(MARKER, header);
    doc.addProperty("apiVersion", "v1");
    doc.addProperty("kind", "List");
    JsonArray array = new JsonArray();
    items.forEach(array::add);
    doc.add("items", array);
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      gson.toJson(doc, w);
      w.write('\n');
    }
  }

  /** True when the file starts as a snapshot does: a JSON object whose first field is the marker. */
  public static boolean isSnapshot(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    byte[] head = new byte[256];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return false;
    }
    String start = new String(head, 0, n, StandardCharsets.UTF_8).replaceAll("\\s", "");
    return start.startsWith("{\"" + MARKER + "\"");
  }

  public static Snapshot read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonObject doc = JsonParser.parseReader(r).getAsJsonObject();
      JsonObject header = doc.getAsJsonObject(MARKER);
      if (header.get("format").getAsInt() != FORMAT) {
        throw new ClusterException(file + ": snapshot format " + header.get("format") + " is not supported by this "
            + "version; save the snapshot again");
      }
      List<JsonObject> items = new ArrayList<>();
      for (JsonElement e : doc.getAsJsonArray("items")) {
        items.add(e.getAsJsonObject());
      }
      return new Snapshot(header.get("context").getAsString(), items, list(header.getAsJsonArray("unreadable")),
          list(header.getAsJsonArray("warnings")));
    } catch (IOException e) {
      throw new ClusterException("cannot read snapshot " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof ClusterException) {
        throw e;
      }
      throw new ClusterException(file + ": not a valid rbac-audit snapshot (" + e.getClass().getSimpleName()
          + "); save it again with scan --cluster --save-snapshot");
    }
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static List<String> list(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(e -> out.add(e.getAsString()));
    }
    return out;
  }
}
