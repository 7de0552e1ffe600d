package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A scan of a large cluster: many namespaces, each with ServiceAccounts that hold risky grants. */
final class LargeScan {

  private LargeScan() {}

  static ScanResult result(int findings) {
    List<RuleSpec> rules = List.of(SampleScan.CLUSTER_ADMIN, SampleScan.SECRETS_READ, SampleScan.WORKLOAD_WRITE,
        SampleScan.ROLE_WRITE, SampleScan.DEFAULT_SA);
    List<ReportedFinding> out = new ArrayList<>(findings);
    for (int i = 0; i < findings; i++) {
      RuleSpec rule = rules.get(i % rules.size());
      String ns = "ns-" + (i / 50);
      ObjectRef subject = new ObjectRef("ServiceAccount", "app-" + (i % 50), ns);
      Location at = Location.file("clusters/prod/" + ns + "/rbac.yaml", 10 + i % 50);
      RoleId role = new RoleId(RoleKind.ROLE, "role-" + (i % 50), ns, false);
      Finding f = SampleScan.finding(rule, rule.severity(),
          "ServiceAccount " + ns + "/app-" + (i % 50) + " triggers " + rule.id() + " through RoleBinding " + ns + "/rb-"
              + (i % 50) + ".",
          subject, ns, at, List.of(at),
          List.of(new GrantEvidence(SampleScan.grant(new ObjectRef("RoleBinding", "rb-" + (i % 50), ns), role, 0, at))),
          List.of(new ObjectRef("Deployment", "app-" + (i % 50), ns)), false);
      out.add(SampleScan.open(f, "fp-" + i));
    }
    return SampleScan.assemble(out, List.of(), Severity.HIGH, List.of(), Map.of());
  }
}
