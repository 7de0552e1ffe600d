package io.rbacaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Serialises the JSON shapes: two-space indented, one trailing newline, deterministic field order. */
public final class JsonWriter {

  private static final ObjectWriter WRITER;
  private static final ObjectWriter COMPACT = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writer();

  static {
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    // {"key": value} and [] rather than Jackson's default {"key" : value} and [ ].
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withArrayEmptySeparator("")
        .withObjectEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    WRITER = mapper.writer(printer);
  }

  private JsonWriter() {}

  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** One line, no indentation: for data embedded in a page, where size matters more than reading. */
  public static String compact(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
