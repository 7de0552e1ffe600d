package io.rbacaudit.load;

import io.rbacaudit.model.Location;
import java.util.List;
import java.util.Objects;

/**
 * A value of a small settings file (the {@code .rbac-audit.yaml} config, a suppressions file), as plain data with
 * where each piece was written, so whoever interprets it can report {@code file:line: message} for every problem.
 * No snakeyaml type leaks out of {@code load}.
 */
public sealed interface ConfigValue {

  Location location();

  /** What a reader says a value is, in messages: "a string", "a list"... */
  String describe();

  /** The types YAML resolves a plain scalar to; quoted scalars are always STRING. */
  enum ScalarType {
    STRING("a string"),
    BOOLEAN("a boolean"),
    INTEGER("a number"),
    FLOAT("a number"),
    DATE("a date"),
    NULL("nothing (null)"),
    OTHER("a tagged value");

    private final String description;

    ScalarType(String description) {
      this.description = description;
    }
  }

  /** A scalar: its text exactly as written (unquoted), and the type YAML resolved it to. */
  record Scalar(String text, ScalarType type, Location location) implements ConfigValue {
    public Scalar {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(type, "type");
    }

    public boolean isString() {
      return type == ScalarType.STRING;
    }

    @Override
    public String describe() {
      return type.description;
    }
  }

  record Sequence(List<ConfigValue> items, Location location) implements ConfigValue {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** One {@code key: value} pair; {@code keyLocation} is where the key is written (for "unknown key" messages). */
  record Field(String key, Location keyLocation, ConfigValue value) {
    public Field {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A mapping with string keys, in file order (duplicate keys are rejected while reading). */
  record Mapping(List<Field> fields, Location location) implements ConfigValue {
    public Mapping {
      fields = List.copyOf(fields);
    }

    /** The value of {@code key}, or null when absent. */
    public ConfigValue get(String key) {
      for (Field f : fields) {
        if (f.key().equals(key)) {
          return f.value();
        }
      }
      return null;
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }
}
