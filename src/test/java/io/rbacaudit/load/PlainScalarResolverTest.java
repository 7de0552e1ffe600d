package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The fast resolver must type every plain scalar exactly as snakeyaml's own does (strings vs 123, yes, null). */
class PlainScalarResolverTest {

  private final Resolver reference = new Resolver();
  private final PlainScalarResolver fast = new PlainScalarResolver();

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "~", "null", "Null", "NULL", "nULL", "nul", "yes", "Yes", "YES", "yEs", "y", "Y",
      "n", "N", "no", "No", "NO", "on", "On", "ON", "oN", "off", "Off", "OFF", "true", "True", "TRUE", "tRUE", "tru",
      "false", "False", "FALSE", "falsey", "name", "namespace", "nonResourceURLs", "o", "t", "f", "get", "*", "&a",
      "!", "&", "!x", "<<", "<", "<<<", "=", "123", "0", "-1", "+1", "0x1F", "0o17", "017", "1_000", "1.5", "-.5",
      ".5", ".inf", "-.Inf", ".NaN", ".", "-", "+", "1e3", "6.8523015e+5", "190:20:30", "2024-01-01",
      "2001-12-14t21:59:43.10-05:00", "1.0.0", "v1", "/healthz", "Ñame", "\u0000x", "apps/v1", "8080", "0.0.0.0"})
  void sameTagAsSnakeyaml(String value) {
    assertEquals(reference.resolve(NodeId.scalar, value, true), fast.resolve(NodeId.scalar, value, true), value);
  }

  @Test
  void sameTagAsSnakeyamlOnRandomShortScalars() {
    Random random = new Random(7);
    String alphabet = "yYnNtTfFoOeEsSuUlLrRaA~0123456789-+.:_<!&*xX eE/";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(7);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = sb.toString();
      assertEquals(reference.resolve(NodeId.scalar, value, true), fast.resolve(NodeId.scalar, value, true),
          () -> "\"" + value + "\"");
    }
  }

  @Test
  void quotedScalarsAndCollectionsAreUnchanged() {
    assertEquals(reference.resolve(NodeId.scalar, "123", false), fast.resolve(NodeId.scalar, "123", false));
    assertEquals(reference.resolve(NodeId.mapping, null, true), fast.resolve(NodeId.mapping, null, true));
    assertEquals(reference.resolve(NodeId.sequence, null, true), fast.resolve(NodeId.sequence, null, true));
  }
}
