package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;

/**
 * An object from the API server must decode as if its JSON text went through snakeyaml (as it did before
 * JsonNodes): same kinds, tags, values, scalar and flow styles, on random trees with every JSON value type, escapes,
 * control characters, numbers written in every form, and on a real object's shape.
 */
class JsonNodesTest {

  private static final String[] STRINGS = {"", "get", "a\"b", "back\\slash", "tab\there", "new\nline", "\u0001ctl",
      "<html>&amp;", "ünïcode ✓", "😀 astral", "123", "true", "null", "~", "2024-01-01", "- dash", "{x}", "a: b", " "};
  private static final String[] NUMBERS = {"0", "1", "-1", "8080", "1.5", "-0.25", "1e3", "1E-7", "12345678901234567890",
      "0.0"};

  @Test
  void sameNodesAsSnakeyamlReadingTheJsonText() {
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      JsonElement tree = JsonParser.parseString(random(random, 0).toString());
      assertSame(tree);
    }
  }

  @Test
  void sameNodesForAServerObject() {
    assertSame(JsonParser.parseString("""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"view",
        "uid":"3f1c","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"annotations":null,
        "resourceVersion":"42","creationTimestamp":"2026-11-29T10:00:00Z","generation":1},
        "rules":[{"apiGroups":[""],"resources":["pods","pods/log"],"verbs":["get","list","watch"]}],
        "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"a":"true"}}]}}"""));
  }

  @Test
  void deeperThanTheLoaderAllowsIsLeftToTheText() {
    JsonElement deep = new JsonPrimitive("x");
    for (int i = 0; i < 60; i++) {
      JsonArray a = new JsonArray();
      a.add(deep);
      deep = a;
    }
    assertNull(new JsonNodes().of(deep));
  }

  private static void assertSame(JsonElement tree) {
    String text = tree.toString();
    List<Node> docs = ComposerDifferential.snakeyaml(text);
    assertNotNull(docs, text);
    // No marks: objects from a cluster are located by context and uid, never by line.
    ComposerDifferential.same(docs.get(0), new JsonNodes().of(tree), false, "object", text);
  }

  private static JsonElement random(Random r, int depth) {
    switch (depth > 4 ? 2 + r.nextInt(4) : r.nextInt(6)) {
      case 0 -> {
        JsonObject o = new JsonObject();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.add(STRINGS[r.nextInt(STRINGS.length)], random(r, depth + 1));
        }
        return o;
      }
      case 1 -> {
        JsonArray a = new JsonArray();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(random(r, depth + 1));
        }
        return a;
      }
      case 2 -> {
        return new JsonPrimitive(STRINGS[r.nextInt(STRINGS.length)]);
      }
      case 3 -> {
        return JsonParser.parseString(NUMBERS[r.nextInt(NUMBERS.length)]);
      }
      case 4 -> {
        return new JsonPrimitive(r.nextBoolean());
      }
      default -> {
        return JsonNull.INSTANCE;
      }
    }
  }
}
