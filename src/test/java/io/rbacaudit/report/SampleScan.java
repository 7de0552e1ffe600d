package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rbac.SubjectAccess;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built scan results for the renderer tests: built from constructors, with a fixed clock and version. */
final class SampleScan {

  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  static final String VERSION = "0.0.0-test";

  static final RuleSpec CLUSTER_ADMIN = rule("RBAC-101", "cluster-admin-binding", "Subject is bound to cluster-admin",
      Severity.CRITICAL, "bindings", "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege");
  static final RuleSpec UNUSED_ROLE = rule("RBAC-108", "unused-role", "Role is not used", Severity.INFO, "bindings",
      "CIS Kubernetes Benchmark 5.1.x");
  static final RuleSpec SECRETS_READ = rule("RBAC-201", "secrets-read", "Subject can read Secrets", Severity.HIGH,
      "credentials", "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets");
  static final RuleSpec TOKEN_REQUEST = rule("RBAC-203", "token-request", "Subject can request tokens",
      Severity.HIGH, "credentials");
  static final RuleSpec WORKLOAD_WRITE = rule("RBAC-302", "workload-write", "Subject can write workloads",
      Severity.HIGH, "workloads");
  static final RuleSpec ROLE_WRITE = rule("RBAC-404", "role-write", "Subject can write roles", Severity.HIGH,
      "escalation");
  static final RuleSpec DEFAULT_SA = rule("RBAC-602", "workload-uses-default-sa",
      "Workload runs as the default ServiceAccount with its token", Severity.MEDIUM, "service-accounts");
  static final RuleSpec LEGACY_TOKEN = rule("RBAC-605", "legacy-token-secret", "Legacy ServiceAccount token Secret",
      Severity.LOW, "service-accounts");

  static final RuleSpec ESCALATION = rule("RBAC-701", "escalation-path", "Subject can reach cluster-admin",
      Severity.CRITICAL, "escalation");

  private SampleScan() {}

  static RuleSpec rule(String id, String name, String title, Severity severity, String category, String... refs) {
    return new RuleSpec(id, name, title, severity, null, category,
        "Why " + name + " matters: it lets a subject do more than it should.",
        "Remove the permission from the role, or bind a narrower role.\nReview who needs it.",
        List.of(refs), "permission", Map.of(), "rules/" + category + "/" + id + "-" + name + "/rule.yaml");
  }

  static Grant grant(ObjectRef binding, RoleId role, int index, Location at) {
    PolicyRule rule = new PolicyRule(List.of("get"), List.of(""), List.of("secrets"), List.of(), List.of(), at);
    return new Grant(binding, false, role, new EffectiveRule(rule, role, index));
  }

  static Finding finding(RuleSpec rule, Severity severity, String message, ObjectRef subject, String namespace,
      Location location, List<Location> related, List<Evidence> evidence, List<ObjectRef> workloads, boolean latent) {
    return new Finding(rule, severity, message, subject, namespace, rule.id() + "|" + subject, location, related,
        evidence, workloads, latent, false);
  }

  /** Every kind of finding and evidence the formats must show, and input errors and warnings. */
  static ScanResult result() {
    RoleId clusterAdmin = new RoleId(RoleKind.CLUSTER_ROLE, "cluster-admin", null, true);
    ObjectRef fluxBinding = new ObjectRef("ClusterRoleBinding", "flux-cluster-admin", null);
    Location builtin = Location.file("builtin:cluster-admin", 0);
    Finding admin = finding(CLUSTER_ADMIN, Severity.CRITICAL,
        "ServiceAccount flux-system/kustomize-controller is bound to cluster-admin by ClusterRoleBinding "
            + "flux-cluster-admin: it can do anything in the cluster.",
        new ObjectRef("ServiceAccount", "kustomize-controller", "flux-system"), null,
        Location.file("deploy/flux.yaml", 12), List.of(builtin),
        List.of(new GrantEvidence(grant(fluxBinding, clusterAdmin, 0, builtin))),
        List.of(new ObjectRef("Deployment", "kustomize-controller", "flux-system")), false);

    RoleId reader = new RoleId(RoleKind.ROLE, "secret-reader", "shop", false);
    Location readerRule = Location.file("deploy/shop/rbac.yaml", 9, 3);
    Finding secrets = finding(SECRETS_READ, Severity.HIGH,
        "ServiceAccount shop/reader can get Secrets in namespace shop through RoleBinding shop/read-secrets.",
        new ObjectRef("ServiceAccount", "reader", "shop"), "shop", Location.file("deploy/shop/rbac.yaml", 20),
        List.of(readerRule),
        List.of(new GrantEvidence(grant(new ObjectRef("RoleBinding", "read-secrets", "shop"), reader, 1, readerRule))),
        List.of(new ObjectRef("Deployment", "reader", "shop")), false);

    Finding latent = finding(ROLE_WRITE, Severity.HIGH,
        "ClusterRole role-writer allows create on clusterroles; nothing binds it yet, whoever binds it can escalate.",
        new ObjectRef("ClusterRole", "role-writer", null), null, Location.file("deploy/extra.yaml", 3),
        List.of(Location.file("deploy/extra.yaml", 8)), List.of(), List.of(), true);

    Finding defaultSa = finding(DEFAULT_SA, Severity.MEDIUM,
        "Deployment shop/web runs as ServiceAccount shop/default with its token mounted.",
        new ObjectRef("Deployment", "web", "shop"), "shop", Location.file("deploy/shop/web.yaml", 5), List.of(),
        List.of(new ObjectEvidence(new ObjectRef("ServiceAccount", "default", "shop"),
            Location.file("deploy/shop/sa.yaml", 1), "automountServiceAccountToken is not false")),
        List.of(), false);

    Finding token = finding(LEGACY_TOKEN, Severity.LOW,
        "Secret shop/build-token is a long-lived token of ServiceAccount shop/builder.",
        new ObjectRef("Secret", "build-token", "shop"), "shop", Location.file("deploy/shop/token.yaml", 1), List.of(),
        List.of(new ObjectEvidence(new ObjectRef("ServiceAccount", "builder", "shop"), null, null)), List.of(), false);

    Finding unused = finding(UNUSED_ROLE, Severity.INFO, "Role shop/old-reader is bound by nothing.",
        new ObjectRef("Role", "old-reader", "shop"), "shop", Location.file("deploy/shop/rbac.yaml", 30), List.of(),
        List.of(), List.of(), false);

    RoleId prometheus = new RoleId(RoleKind.CLUSTER_ROLE, "prometheus", null, false);
    Location promRule = Location.file("deploy/monitoring.yaml", 14);
    Finding suppressed = finding(SECRETS_READ, Severity.CRITICAL,
        "ServiceAccount monitoring/prometheus can list Secrets in every namespace through ClusterRoleBinding prometheus.",
        new ObjectRef("ServiceAccount", "prometheus", "monitoring"), null, Location.file("deploy/monitoring.yaml", 40),
        List.of(promRule),
        List.of(new GrantEvidence(grant(new ObjectRef("ClusterRoleBinding", "prometheus", null), prometheus, 2, promRule))),
        List.of(), false);
    Suppression reason = new Suppression("RBAC-201", "ServiceAccount", "monitoring", "prometheus", null,
        "Prometheus reads TLS secrets for scraping; reviewed by the platform team", LocalDate.parse("2027-03-31"),
        Location.file(".rbac-audit.yaml", 7));

    RoleId editor = new RoleId(RoleKind.CLUSTER_ROLE, "edit", null, true);
    Location editRule = Location.file("builtin:edit", 0);
    Finding baseline = finding(WORKLOAD_WRITE, Severity.HIGH,
        "Group deployers can create Deployments in namespace shop through RoleBinding shop/deployers-edit.",
        new ObjectRef("Group", "deployers", null), "shop", Location.file("deploy/shop/rbac.yaml", 40), List.of(editRule),
        List.of(new GrantEvidence(grant(new ObjectRef("RoleBinding", "deployers-edit", "shop"), editor, 4, editRule))),
        List.of(), false);

    List<ReportedFinding> findings = List.of(
        open(admin, "fp-admin"), open(secrets, "fp-secrets"), open(latent, "fp-latent"), open(defaultSa, "fp-sa"),
        open(token, "fp-token"), open(unused, "fp-unused"),
        new ReportedFinding(suppressed, "fp-suppressed", Status.SUPPRESSED, reason),
        new ReportedFinding(baseline, "fp-baseline", Status.BASELINE, null));
    List<Problem> problems = List.of(
        Problem.warning(Location.file("deploy/old.yaml", 2, 1), "apiVersion rbac.authorization.k8s.io/v1beta1 is "
            + "deprecated; use rbac.authorization.k8s.io/v1"),
        Problem.error(Location.file("deploy/broken.yaml", 3, 7), "mapping values are not allowed here; the document "
            + "was skipped"));
    ScanResult r = assemble(findings, problems, Severity.HIGH,
        List.of("suppression at .rbac-audit.yaml:15 (rule RBAC-999) matched no finding"),
        Map.of("RBAC-201", 37, "RBAC-101", 3));
    return r.withAccess(access(r));
  }

  /** The bindings behind the sample's findings, as manifests, for the subject view. */
  static final String MANIFESTS = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: flux-cluster-admin}
      subjects: [{kind: ServiceAccount, name: kustomize-controller, namespace: flux-system}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: secret-reader, namespace: shop}
      rules:
      - {apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [shop-config]}
      - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: read-secrets, namespace: shop}
      subjects: [{kind: ServiceAccount, name: reader}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: deployers-edit, namespace: shop}
      subjects: [{kind: Group, name: deployers}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: support}
      subjects: [{kind: Group, name: "acme:support"}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: impersonator}
      rules:
      - {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
      """;

  /** What the sample's subjects may do, computed as a scan does (with the built-in roles). */
  static SubjectAccess access(ScanResult r) {
    Inventory inputs = new ManifestLoader(LoadOptions.defaults(), null).loadText("deploy/rbac.yaml", MANIFESTS);
    Inventory inv = KubernetesDefaults.apply(inputs, DefaultsMode.ROLES);
    return SubjectAccess.of(new Authorizer(inv), ResourceTable.standard(), r.identities());
  }

  /**
   * An RBAC-701 finding with its path: Group acme:support impersonates ServiceAccount kube-system/ops (a hop), which
   * is bound to cluster-admin (a free step).
   */
  static Finding escalationFinding() {
    Location impersonateRule = Location.file("deploy/support.yaml", 7);
    Location opsBinding = Location.file("deploy/ops.yaml", 3);
    PathHop.Point support = new PathHop.Point("Group", "acme:support", null, "Group acme:support");
    PathHop.Point ops = new PathHop.Point("ServiceAccount", "ops", "kube-system", "ServiceAccount kube-system/ops");
    PathHop.Point admin = new PathHop.Point("Target", "cluster-admin", null, "cluster-admin equivalence");
    RoleId impersonator = new RoleId(RoleKind.CLUSTER_ROLE, "impersonator", null, false);
    return new Finding(ESCALATION, Severity.CRITICAL,
        "Group acme:support can reach cluster-admin equivalence in 1 hop: 1. impersonate-serviceaccount to "
            + "ServiceAccount kube-system/ops (impersonate serviceaccounts).",
        new ObjectRef("Group", "acme:support", null), null, "cluster-admin", Location.file("deploy/support.yaml", 20),
        List.of(impersonateRule),
        List.of(new GrantEvidence(grant(new ObjectRef("ClusterRoleBinding", "support", null), impersonator, 0,
            impersonateRule))),
        List.of(), false, false,
        List.of(new PathHop(support, ops, "impersonate-serviceaccount", true, impersonateRule),
            new PathHop(ops, admin, "equivalent", false, opsBinding)));
  }

  /** The sample plus one escalation path, for the drawing of RBAC-701 paths. */
  static ScanResult escalation() {
    ScanResult sample = result();
    List<ReportedFinding> findings = new ArrayList<>();
    findings.add(open(escalationFinding(), "fp-escalation"));
    findings.addAll(sample.findings());
    ScanResult r = assemble(findings, sample.problems(), Severity.HIGH, sample.notes(), sample.excludedByPreset());
    return r.withAccess(access(r));
  }

  static ReportedFinding open(Finding f, String fingerprint) {
    return new ReportedFinding(f, fingerprint, Status.OPEN, null);
  }

  /** Counts, gate and rules as the findings package would assemble them. */
  static ScanResult assemble(List<ReportedFinding> findings, List<Problem> problems, Severity failOn,
      List<String> notes, Map<String, Integer> excluded) {
    Map<Severity, Integer> summary = new EnumMap<>(Severity.class);
    Map<Status, Integer> statuses = new EnumMap<>(Status.class);
    int failing = 0;
    for (ReportedFinding rf : findings) {
      statuses.merge(rf.status(), 1, Integer::sum);
      if (rf.status() == Status.OPEN) {
        summary.merge(rf.finding().severity(), 1, Integer::sum);
        if (failOn != null && rf.finding().severity().atLeast(failOn)) {
          failing++;
        }
      }
    }
    Map<String, RuleSpec> rules = new LinkedHashMap<>();
    for (RuleSpec r : List.of(CLUSTER_ADMIN, UNUSED_ROLE, SECRETS_READ, TOKEN_REQUEST, WORKLOAD_WRITE, ROLE_WRITE,
        DEFAULT_SA, LEGACY_TOKEN)) {
      rules.put(r.id(), r);
    }
    findings.forEach(rf -> rules.putIfAbsent(rf.finding().ruleId(), rf.finding().rule()));
    Map<String, Integer> counts = Map.of("ClusterRole", 2, "ClusterRoleBinding", 2, "Role", 2, "RoleBinding", 3,
        "ServiceAccount", 4, "Deployment", 3, "Secret", 1);
    return new ScanResult("rbac-audit", VERSION, NOW,
        new ScanResult.Inputs(List.of("deploy/"), counts, Map.of("ConfigMap", 2, "CustomResourceDefinition", 1)),
        findings, summary, statuses, problems, new ScanResult.Gate(failOn, failing), new ArrayList<>(rules.values()),
        excluded, notes);
  }
}
