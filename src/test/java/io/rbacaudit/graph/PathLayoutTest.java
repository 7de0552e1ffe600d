package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the escalation drawing puts each vertex: columns by steps from the subject, rows by predecessors. */
class PathLayoutTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("one step", List.of("s>t"), List.of("s@0,0", "t@1,0"), 2, 1),
        Arguments.of("a chain stays on one row", List.of("s>a", "a>b", "b>t"),
            List.of("s@0,0", "a@1,0", "b@2,0", "t@3,0"), 4, 1),
        Arguments.of("two paths merge where they meet", List.of("s>a", "a>t", "s>b", "b>t"),
            List.of("s@0,0", "a@1,0", "t@2,0", "b@1,1"), 3, 2),
        Arguments.of("rows follow their predecessors", List.of("s>a", "s>b", "b>x", "a>y"),
            List.of("s@0,0", "a@1,0", "b@1,1", "x@2,1", "y@2,0"), 3, 2),
        Arguments.of("a step back to the subject keeps its column", List.of("s>a", "a>s"),
            List.of("s@0,0", "a@1,0"), 2, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void layout(String name, List<String> steps, List<String> expected, int columns, int rows) {
    PathLayout.Drawing<String> d = PathLayout.of(steps, s -> s.substring(0, s.indexOf('>')),
        s -> s.substring(s.indexOf('>') + 1));
    List<String> actual = new ArrayList<>();
    for (PathLayout.Placed<String> p : d.vertices()) {
      double col = (p.x() - PathLayout.COLUMN / 2) / PathLayout.COLUMN;
      double row = (p.y() - PathLayout.ROW / 2) / PathLayout.ROW;
      actual.add(p.key() + "@" + Math.round(col) + "," + Math.round(row));
    }
    assertEquals(expected, actual);
    assertEquals(columns * PathLayout.COLUMN, d.width());
    assertEquals(rows * PathLayout.ROW, d.height());
  }
}
