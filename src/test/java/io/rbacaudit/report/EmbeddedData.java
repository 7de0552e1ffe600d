package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HTML page's embedded data back (the compact shape of {@link HtmlData}) into readable findings, the way
 * the page's script does, so tests can check what a reader will see.
 */
final class EmbeddedData {

  static final Pattern DATA = Pattern.compile(
      "<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final JsonNode raw;

  private EmbeddedData(JsonNode raw) {
    this.raw = raw;
  }

  static EmbeddedData of(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "the page embeds its data");
    return new EmbeddedData(new ObjectMapper().readTree(m.group(1)));
  }

  String str(int i) {
    return i < 0 ? null : raw.get("strings").get(i).asText();
  }

  String text(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> sb.append(str(p.asInt())));
    return sb.toString();
  }

  ObjectNode ref(int i) {
    if (i < 0) {
      return null;
    }
    JsonNode r = raw.get("refs").get(i);
    return NODES.objectNode().put("kind", str(r.get(0).asInt())).put("name", str(r.get(1).asInt()))
        .put("namespace", str(r.get(2).asInt()));
  }

  ObjectNode role(int i) {
    if (i < 0) {
      return null;
    }
    JsonNode r = raw.get("roles").get(i);
    return NODES.objectNode().put("kind", str(r.get(0).asInt())).put("name", str(r.get(1).asInt()))
        .put("namespace", str(r.get(2).asInt())).put("builtIn", r.get(3).asInt() == 1);
  }

  ObjectNode location(int i) {
    if (i < 0) {
      return null;
    }
    JsonNode l = raw.get("locations").get(i);
    return l.get(0).asInt() >= 0
        ? NODES.objectNode().put("file", str(l.get(0).asInt())).put("line", l.get(1).asInt())
        : NODES.objectNode().put("context", str(l.get(2).asInt())).put("uid", str(l.get(3).asInt()));
  }

  ObjectNode evidence(int i) {
    JsonNode e = raw.get("evidence").get(i);
    ObjectNode out = NODES.objectNode();
    if (e.get(0).asInt() == 0) {
      out.put("type", "grant").set("binding", ref(e.get(1).asInt()));
      out.put("bindingBuiltIn", e.get(2).asInt() == 1).set("role", role(e.get(3).asInt()));
      out.set("aggregatedFrom", role(e.get(4).asInt()));
      out.put("ruleIndex", e.get(5).asInt()).set("location", location(e.get(6).asInt()));
    } else {
      out.put("type", "object").set("object", ref(e.get(1).asInt()));
      out.set("location", location(e.get(2).asInt()));
      out.put("note", str(e.get(3).asInt()));
    }
    return out;
  }

  /** The findings as a reader sees them. */
  List<ObjectNode> findings() {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode f : raw.get("findings")) {
      ObjectNode o = NODES.objectNode();
      o.put("fingerprint", f.get(0).asText());
      o.put("rule", str(f.get(1).asInt()));
      o.put("severity", HtmlData.SEVERITIES.get(f.get(2).asInt()));
      o.put("message", text(f.get(3)));
      o.set("subject", ref(f.get(4).asInt()));
      o.put("namespace", str(f.get(5).asInt()));
      ArrayNode evidence = o.putArray("evidence");
      f.get(6).forEach(e -> evidence.add(evidence(e.asInt())));
      o.put("status", HtmlData.STATUSES.get(f.get(7).asInt()));
      JsonNode s = f.get(8);
      if (!s.isNull()) {
        o.putObject("suppression").put("reason", str(s.get(0).asInt())).put("expires", str(s.get(1).asInt()));
      }
      o.put("latent", f.get(9).asInt() == 1);
      o.set("location", location(f.get(10).asInt()));
      ArrayNode related = o.putArray("relatedLocations");
      f.get(11).forEach(l -> related.add(location(l.asInt())));
      ArrayNode workloads = o.putArray("workloads");
      f.get(12).forEach(w -> workloads.add(ref(w.asInt())));
      o.put("snippet", text(f.get(13)));
      o.put("path", f.get(14).asInt());
      out.add(o);
    }
    return out;
  }
}
