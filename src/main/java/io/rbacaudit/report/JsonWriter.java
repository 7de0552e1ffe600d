package io.rbacaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.Writer;

/** Serialises the JSON shapes: two-space indented, one trailing newline, deterministic field order. */
public final class JsonWriter {

  private static final ObjectWriter WRITER;

  static {
    // Blackbird reads record components through generated lambdas rather than reflection: same output, less time.
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .registerModule(new BlackbirdModule());
    // {"key": value} and [] rather than Jackson's default {"key" : value} and [ ].
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withArrayEmptySeparator("")
        .withObjectEmptySeparator("");
    // "\n" on every platform, so neither write() nor stream() needs to rewrite line ends after the fact.
    LineIndenter lines = new LineIndenter();
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
        .withObjectIndenter(lines)
        .withArrayIndenter(lines);
    WRITER = mapper.writer(printer);
  }

  private JsonWriter() {}

  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * The same text as {@link #write}, streamed to {@code out} (left open). A scan report of 100,000 objects is a few
   * hundred MB of JSON: built as one String it needs several copies of that at once and exceeds a 1 GB heap.
   */
  public static void stream(Object value, Writer out) throws IOException {
    WRITER.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
    out.write("\n");
  }
}
