package io.rbacaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official SARIF 2.1.0 schema (src/test/resources/sarif, see SOURCE.md), loaded from the classpath: its
 * {@code id} URL is mapped to the copy, so validation never reaches the network.
 */
final class SarifSchema {

  private static final String ID_PREFIX = "https://raw.githubusercontent.com/schemastore/schemastore/master/src/schemas/json/";
  private static final String FILE = "sarif-2.1.0-rtm.5.json";
  private static final JsonSchema SCHEMA = load();

  private SarifSchema() {}

  private static JsonSchema load() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
        b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, "classpath:sarif/")));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(SchemaLocation.of(ID_PREFIX + FILE), config);
  }

  /** The schema's complaints about a SARIF document; empty when it is valid. */
  static List<String> problems(String sarif) {
    try {
      JsonNode node = new ObjectMapper().readTree(sarif);
      return SCHEMA.validate(node).stream().map(ValidationMessage::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
