package io.rbacaudit.findings;

import io.rbacaudit.rules.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One cluster context of a cluster scan: how much of it could be read and what was found there. RBAC never crosses
 * clusters, so each context is analysed on its own and reports show one section per context.
 *
 * @param failure why the context could not be read at all (one line naming it), else null
 * @param unreadable the lists that were forbidden or not served ("secrets in context X"): a partial view
 * @param counts objects per kind read from this context, as in {@link ScanResult.Inputs#counts()}
 * @param open open findings per severity
 * @param findings all findings of this context, whatever their status
 */
public record ClusterOutcome(String context, String failure, List<String> unreadable, Map<String, Integer> counts,
    Map<Severity, Integer> open, int findings) {

  /** How much of the cluster the scan saw. */
  public enum Coverage {
    COMPLETE,
    PARTIAL,
    FAILED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ClusterOutcome {
    Objects.requireNonNull(context, "context");
    unreadable = List.copyOf(unreadable);
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    EnumMap<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, open.getOrDefault(s, 0));
    }
    open = Collections.unmodifiableMap(bySeverity);
  }

  public Coverage coverage() {
    return failure != null ? Coverage.FAILED : unreadable.isEmpty() ? Coverage.COMPLETE : Coverage.PARTIAL;
  }

  public int openCount() {
    return open.values().stream().mapToInt(Integer::intValue).sum();
  }
}
