package io.rbacaudit.model;

import java.util.List;
import java.util.Map;

/** A standard Kubernetes label selector; an empty selector selects everything. */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public LabelSelector {
    matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
  }

  /** One {@code matchExpressions} entry; the loader rejects operators other than the four below. */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String kubeName;

    Operator(String kubeName) {
      this.kubeName = kubeName;
    }

    public String kubeName() {
      return kubeName;
    }
  }

  /** {@code matchLabels} and every expression must hold; NotIn and DoesNotExist hold when the label is absent. */
  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      String v = labels.get(r.key());
      boolean ok =
          switch (r.operator()) {
            case IN -> v != null && r.values().contains(v);
            case NOT_IN -> v == null || !r.values().contains(v);
            case EXISTS -> labels.containsKey(r.key());
            case DOES_NOT_EXIST -> !labels.containsKey(r.key());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
