package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The page data's building blocks: sentences cut at names, and JSON that cannot end its script element. */
class HtmlDataTest {

  static Stream<Arguments> cuts() {
    return Stream.of(
        Arguments.of("no names", "Role is unused.", List.of(), List.of("Role is unused.")),
        Arguments.of("a name in the middle", "Role shop/old is unused.", List.of("shop/old"),
            List.of("Role ", "shop/old", " is unused.")),
        Arguments.of("the longer name wins where both start", "SA shop/web-admin runs web",
            List.of("shop/web-admin", "shop/web", "web"), List.of("SA ", "shop/web-admin", " runs ", "web")),
        Arguments.of("names at both ends", "web to web", List.of("web"), List.of("web", " to ", "web")),
        Arguments.of("empty text", "", List.of("web"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cuts")
  void piecesJoinBackToTheText(String name, String text, List<String> names, List<String> expected) {
    List<String> pieces = HtmlData.pieces(text, names);
    assertEquals(expected, pieces);
    assertEquals(text, String.join("", pieces));
  }

  @Test
  void scriptJsonCannotCloseItsElementAndParsesBackExactly() throws Exception {
    String hostile = "</script><!-- <script>x</script> & \u2028\u2029 \"quoted\" \\ \u202e end";
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ScriptJson.generator(out)) {
      g.writeStartArray();
      g.writeString(hostile);
      g.writeEndArray();
    }
    String json = out.toString();
    for (String raw : List.of("<", ">", "&", "\u2028", "\u2029")) {
      assertFalse(json.contains(raw), raw + " is escaped in " + json);
    }
    assertEquals(hostile, new ObjectMapper().readTree(json).get(0).asText());
  }
}
