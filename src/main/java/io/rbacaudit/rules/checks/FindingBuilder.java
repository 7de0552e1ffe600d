package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Assembles a {@link Finding} step by step; the structural checks all fill the same dozen fields. */
final class FindingBuilder {

  private final RuleSpec rule;
  private final ObjectRef subject;
  private Severity severity;
  private String message = "";
  private String namespace;
  private String key;
  private Location location;
  private final Set<Location> related = new LinkedHashSet<>();
  private final List<Evidence> evidence = new ArrayList<>();
  private final Set<ObjectRef> workloads = new LinkedHashSet<>();
  private boolean defaultPolicy;

  private FindingBuilder(RuleSpec rule, ObjectRef subject) {
    this.rule = rule;
    this.subject = subject;
    this.severity = rule.severity();
    this.key = subject.toString();
  }

  static FindingBuilder of(RuleSpec rule, ObjectRef subject) {
    return new FindingBuilder(rule, subject);
  }

  FindingBuilder severity(Severity s) {
    this.severity = s;
    return this;
  }

  FindingBuilder message(String m) {
    this.message = m;
    return this;
  }

  /** The scope: a namespace, or null for cluster-wide. */
  FindingBuilder namespace(String ns) {
    this.namespace = ns;
    return this;
  }

  /** What else distinguishes the finding (defaults to the subject); never a file name or line. */
  FindingBuilder key(String k) {
    this.key = k;
    return this;
  }

  FindingBuilder location(Location l) {
    this.location = l;
    return this;
  }

  FindingBuilder related(Location l) {
    if (l != null && !l.equals(location)) {
      related.add(l);
    }
    return this;
  }

  FindingBuilder evidence(Evidence e) {
    evidence.add(e);
    return this;
  }

  FindingBuilder object(ObjectRef object, Location where, String note) {
    return evidence(new Evidence.ObjectEvidence(object, where, note));
  }

  FindingBuilder workloads(List<Workload> ws) {
    for (Workload w : ws) {
      workloads.add(w.ref());
    }
    return this;
  }

  FindingBuilder defaultPolicy(boolean b) {
    this.defaultPolicy = b;
    return this;
  }

  Finding build() {
    related.remove(location);
    return new Finding(rule, severity, message, subject, namespace, key, location, List.copyOf(related),
        evidence, List.copyOf(workloads), false, defaultPolicy);
  }
}
