package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Secret's values never reach the inventory or a message, even when the Secret is malformed: reports are
 * handed on, and CI logs are public.
 */
class SecretRedactionTest {

  /** Every case hides this text (or its base64) in a Secret. */
  private static final String MARK = "hunter2SECRET";
  private static final String HEAD = "apiVersion: v1\nkind: Secret\n";

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of("well-formed", HEAD + "metadata: {name: s, namespace: n}\ntype: Opaque\n"
            + "data: {password: aHVudGVyMlNFQ1JFVA==, plain: " + MARK + "}\nstringData: {p: " + MARK + "}\n"),
        Arguments.of("data as a string", HEAD + "metadata: {name: s}\ndata: " + MARK + "\n"),
        Arguments.of("stringData as a list", HEAD + "metadata: {name: s}\nstringData: [" + MARK + "]\n"),
        Arguments.of("data with integer values", HEAD + "metadata: {name: s}\ndata: {a: 12345, b: " + MARK + "}\n"),
        Arguments.of("value mistaken for an alias", HEAD + "metadata: {name: s}\nstringData:\n  p: *" + MARK + "\n"),
        Arguments.of("value mistaken for a tag", HEAD + "metadata: {name: s}\nstringData:\n  p: !" + MARK + " x\n"),
        Arguments.of("broken quoting", HEAD + "metadata: {name: s}\nstringData:\n  p: \"" + MARK + "\n"),
        Arguments.of("broken indentation", HEAD + "metadata: {name: s}\nstringData:\n  p: " + MARK + "\n"
            + "    q: " + MARK + "\n"),
        Arguments.of("duplicate data key", HEAD + "metadata: {name: s}\ndata:\n  " + MARK + ": a\n  " + MARK
            + ": b\n"),
        Arguments.of("type as a number", HEAD + "metadata: {name: s}\ntype: 7\ndata: {a: " + MARK + "}\n"),
        Arguments.of("type as the secret", HEAD + "metadata: {name: s}\ntype: [" + MARK + "]\n"),
        Arguments.of("name as a mapping", HEAD + "metadata: {name: {v: " + MARK + "}}\n"),
        Arguments.of("wrong apiVersion", "apiVersion: " + MARK + "\nkind: Secret\nmetadata: {name: s}\n"),
        Arguments.of("annotation as a list", HEAD + "metadata: {name: s, annotations: {a: [" + MARK + "]}}\n"),
        Arguments.of("last-applied-configuration annotation", HEAD + "metadata:\n  name: s\n  annotations:\n"
            + "    kubectl.kubernetes.io/last-applied-configuration: '{\"data\":{\"p\":\"" + MARK + "\"}}'\n"),
        Arguments.of("inside a List", "apiVersion: v1\nkind: List\nitems:\n- " + HEAD.replace("\n", "\n  ")
            + "metadata: {name: s}\n  stringData: {p: " + MARK + "}\n  type: {x: " + MARK + "}\n"),
        Arguments.of("key duplicated beside data", HEAD + "metadata: {name: s}\ndata: {a: " + MARK + "}\n"
            + "data: {b: " + MARK + "}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secretValuesAppearNowhere(String name, String yaml) {
    Inventory inv = Loads.text(yaml);
    String everything = inv.toString() + inv.problems().stream().map(Problem::toString).toList();
    assertFalse(everything.contains(MARK), everything);
    assertFalse(everything.contains("aHVudGVyMlNFQ1JFVA"), everything);
    assertFalse(everything.contains("12345"), everything);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void aSecretIsEitherLoadedOrReported(String name, String yaml) {
    Inventory inv = Loads.text(yaml);
    assertEquals(1, inv.secrets().size() + inv.problems().size(), inv.problems().toString());
  }
}
