package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.rbac.RequestParser.Parsed;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@code can-i}/{@code who-can} words become the request tuple (DESIGN.md section 5, kubectl auth can-i). Each
 * case is a command line as a user types it after {@code rbac-audit can-i}; {@code ''} stands for an empty argument.
 */
class RequestParserTest {

  private static final ResourceTable TABLE = ResourceTable.standard();

  /** One case: the behaviour it protects, the command line, and the request, note or error it must give. */
  record Case(String story, String line, Request request, Boolean clusterScoped, String note, String error) {
    @Override
    public String toString() {
      return story;
    }
  }

  /** Parses to {@code request}, namespaced or not a table type, with nothing to tell the user. */
  static Case ok(String story, String line, Request request) {
    return new Case(story, line, request, false, null, null);
  }

  /** Parses to {@code request}; the TYPE is cluster-scoped (or a URL), with nothing to tell the user. */
  static Case cluster(String story, String line, Request request) {
    return new Case(story, line, request, true, null, null);
  }

  /** Parses to {@code request} and tells the user something containing {@code note}. */
  static Case noted(String story, String line, Request request, String note) {
    return new Case(story, line, request, null, note, null);
  }

  /** Is refused with a message containing {@code error}. */
  static Case fails(String story, String line, String error) {
    return new Case(story, line, null, null, null, error);
  }

  static Request req(String verb, String group, String resource, String sub, String ns, String name) {
    return Request.resource(verb, group, resource, sub, ns, name);
  }

  static Request url(String verb, String path) {
    return Request.nonResource(verb, path);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // Resolving TYPE through the table, as kubectl's REST mapper does
        ok("plural name of a core resource resolves to the core group, namespace defaults to default",
            "get pods", req("get", "", "pods", "", "default", "")),
        ok("short name po is pods", "get po", req("get", "", "pods", "", "default", "")),
        ok("singular name pod is pods", "get pod", req("get", "", "pods", "", "default", "")),
        ok("Kind Pod (any case) is pods", "get Pod", req("get", "", "pods", "", "default", "")),
        ok("TYPE is lower-cased before lookup", "get PODS", req("get", "", "pods", "", "default", "")),
        ok("short name deploy finds the apps group", "list deploy",
            req("list", "apps", "deployments", "", "default", "")),
        ok("Kind Deployment finds the apps group", "list Deployment",
            req("list", "apps", "deployments", "", "default", "")),
        ok("TYPE.GROUP names the group", "get deployments.apps",
            req("get", "apps", "deployments", "", "default", "")),
        ok("TYPE.VERSION.GROUP drops the version", "get deployments.v1.apps",
            req("get", "apps", "deployments", "", "default", "")),
        ok("a short name may carry its group", "get deploy.apps",
            req("get", "apps", "deployments", "", "default", "")),
        ok("a dotted group is read whole", "create roles.rbac.authorization.k8s.io",
            req("create", "rbac.authorization.k8s.io", "roles", "", "default", "")),
        cluster("version before a dotted group; clusterroles are cluster-scoped",
            "bind clusterroles.v1.rbac.authorization.k8s.io/admin",
            req("bind", "rbac.authorization.k8s.io", "clusterroles", "", "", "admin")),
        ok("bare events is core v1, not events.k8s.io", "get events", req("get", "", "events", "", "default", "")),
        ok("short name ev is core events", "get ev", req("get", "", "events", "", "default", "")),
        ok("events.events.k8s.io reaches the events.k8s.io group", "get events.events.k8s.io",
            req("get", "events.k8s.io", "events", "", "default", "")),
        ok("events.v1.events.k8s.io reaches the events.k8s.io group", "get events.v1.events.k8s.io",
            req("get", "events.k8s.io", "events", "", "default", "")),
        ok("svc is services", "get svc", req("get", "", "services", "", "default", "")),
        ok("sa is serviceaccounts", "get sa", req("get", "", "serviceaccounts", "", "default", "")),
        ok("cm is configmaps", "get cm", req("get", "", "configmaps", "", "default", "")),
        ok("ep is endpoints", "get ep", req("get", "", "endpoints", "", "default", "")),
        ok("pvc is persistentvolumeclaims", "get pvc", req("get", "", "persistentvolumeclaims", "", "default", "")),
        ok("rc is replicationcontrollers", "get rc", req("get", "", "replicationcontrollers", "", "default", "")),
        ok("quota is resourcequotas", "get quota", req("get", "", "resourcequotas", "", "default", "")),
        ok("limits is limitranges", "get limits", req("get", "", "limitranges", "", "default", "")),
        ok("rs is apps replicasets", "get rs", req("get", "apps", "replicasets", "", "default", "")),
        ok("ds is apps daemonsets", "get ds", req("get", "apps", "daemonsets", "", "default", "")),
        ok("sts is apps statefulsets", "get sts", req("get", "apps", "statefulsets", "", "default", "")),
        ok("cj is batch cronjobs", "create cj", req("create", "batch", "cronjobs", "", "default", "")),
        ok("jobs are batch", "create jobs", req("create", "batch", "jobs", "", "default", "")),
        ok("hpa is autoscaling", "get hpa", req("get", "autoscaling", "horizontalpodautoscalers", "", "default", "")),
        ok("ing is networking.k8s.io ingresses", "get ing",
            req("get", "networking.k8s.io", "ingresses", "", "default", "")),
        ok("netpol is networking.k8s.io networkpolicies", "get netpol",
            req("get", "networking.k8s.io", "networkpolicies", "", "default", "")),
        ok("pdb is policy", "get pdb", req("get", "policy", "poddisruptionbudgets", "", "default", "")),
        ok("leases are coordination.k8s.io", "update leases",
            req("update", "coordination.k8s.io", "leases", "", "default", "")),
        ok("endpointslices are discovery.k8s.io", "list endpointslices",
            req("list", "discovery.k8s.io", "endpointslices", "", "default", "")),
        ok("resourceclaims are resource.k8s.io", "get resourceclaims",
            req("get", "resource.k8s.io", "resourceclaims", "", "default", "")),
        ok("localsubjectaccessreviews are namespaced", "create localsubjectaccessreviews -n team-a",
            req("create", "authorization.k8s.io", "localsubjectaccessreviews", "", "team-a", "")),
        cluster("ns is namespaces, cluster-scoped", "list ns", req("list", "", "namespaces", "", "", "")),
        cluster("no is nodes, cluster-scoped", "get no", req("get", "", "nodes", "", "", "")),
        cluster("pv is persistentvolumes, cluster-scoped", "get pv", req("get", "", "persistentvolumes", "", "", "")),
        cluster("crd is apiextensions.k8s.io", "create crd",
            req("create", "apiextensions.k8s.io", "customresourcedefinitions", "", "", "")),
        cluster("csr is certificates.k8s.io", "get csr",
            req("get", "certificates.k8s.io", "certificatesigningrequests", "", "", "")),
        cluster("pc is scheduling.k8s.io priorityclasses", "create pc",
            req("create", "scheduling.k8s.io", "priorityclasses", "", "", "")),
        cluster("sc is storage.k8s.io storageclasses", "create sc",
            req("create", "storage.k8s.io", "storageclasses", "", "", "")),
        cluster("flowschemas are flowcontrol.apiserver.k8s.io", "get flowschemas",
            req("get", "flowcontrol.apiserver.k8s.io", "flowschemas", "", "", "")),
        cluster("webhook configurations are admissionregistration.k8s.io", "patch mutatingwebhookconfigurations",
            req("patch", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", "", "", "")),
        cluster("apiservices are apiregistration.k8s.io", "get apiservices",
            req("get", "apiregistration.k8s.io", "apiservices", "", "", "")),
        cluster("selfsubjectaccessreviews are cluster-scoped authorization.k8s.io",
            "create selfsubjectaccessreviews", req("create", "authorization.k8s.io", "selfsubjectaccessreviews", "",
                "", "")),
        cluster("tokenreviews are authentication.k8s.io", "create tokenreviews",
            req("create", "authentication.k8s.io", "tokenreviews", "", "", "")),

        // Impersonation targets the API server checks, though discovery never lists them
        cluster("users are core and cluster-scoped", "impersonate users/alice",
            req("impersonate", "", "users", "", "", "alice")),
        cluster("groups are core and cluster-scoped", "impersonate groups/devs",
            req("impersonate", "", "groups", "", "", "devs")),
        ok("serviceaccounts are impersonated in their namespace", "impersonate serviceaccounts/builder -n ci",
            req("impersonate", "", "serviceaccounts", "", "ci", "builder")),
        cluster("uids are authentication.k8s.io", "impersonate uids/1234",
            req("impersonate", "authentication.k8s.io", "uids", "", "", "1234")),
        cluster("userextras take the extra key as subresource", "impersonate userextras/admin --subresource scopes",
            req("impersonate", "authentication.k8s.io", "userextras", "scopes", "", "admin")),
        cluster("a NAME keeps any further slashes (signer names)", "approve signers/kubernetes.io/kubelet-serving",
            req("approve", "certificates.k8s.io", "signers", "", "", "kubernetes.io/kubelet-serving")),

        // NAME and --subresource
        ok("/NAME sets the object name", "get pods/web-0", req("get", "", "pods", "", "default", "web-0")),
        ok("--subresource sets the subresource", "get pods --subresource log",
            req("get", "", "pods", "log", "default", "")),
        ok("NAME and --subresource together", "create pods/web-0 --subresource exec -n shop",
            req("create", "", "pods", "exec", "shop", "web-0")),
        ok("--subresource on a grouped TYPE", "update deployments.apps/web --subresource scale",
            req("update", "apps", "deployments", "scale", "default", "web")),
        noted("pods/exec is a pod named exec, as in kubectl; the note points at --subresource", "create pods/exec",
            req("create", "", "pods", "", "default", "exec"), "--subresource exec"),

        // Wildcards
        ok("* for VERB and TYPE: resource *, core group", "* *", req("*", "", "*", "", "default", "")),
        ok("*.GROUP: every resource of that group", "get *.apps", req("get", "apps", "*", "", "default", "")),
        ok("* with -A: all namespaces", "* * -A", req("*", "", "*", "", "", "")),
        ok("*/NAME names an object of any resource", "delete */web", req("delete", "", "*", "", "default", "web")),

        // Namespaces
        ok("-n sets the namespace of a namespaced type", "get pods -n kube-system",
            req("get", "", "pods", "", "kube-system", "")),
        ok("-A means all namespaces: empty namespace", "list secrets -A", req("list", "", "secrets", "", "", "")),
        noted("-n is ignored for a cluster-scoped type, and the user is told", "get nodes -n kube-system",
            req("get", "", "nodes", "", "", ""), "-n ignored: nodes are cluster-scoped"),
        cluster("-A on a cluster-scoped type says nothing", "get nodes -A", req("get", "", "nodes", "", "", "")),
        noted("-n is ignored for clusterroles too", "escalate clusterroles -n x",
            req("escalate", "rbac.authorization.k8s.io", "clusterroles", "", "", ""),
            "clusterroles are cluster-scoped"),
        cluster("a named namespace is requested in itself, as the API server does", "get namespaces/team-a",
            req("get", "", "namespaces", "", "team-a", "team-a")),
        noted("-n does not move a named namespace", "delete ns/team-a -n other",
            req("delete", "", "namespaces", "", "team-a", "team-a"), "-n ignored"),
        cluster("a named namespace's subresource stays in it", "update namespaces/team-a --subresource finalize",
            req("update", "", "namespaces", "finalize", "team-a", "team-a")),

        // Types the table does not know, with a group: custom resources
        noted("unknown TYPE.GROUP is taken as written and assumed namespaced", "get widgets.example.com",
            req("get", "example.com", "widgets", "", "default", ""), "assumed namespaced"),
        noted("unknown TYPE.VERSION.GROUP drops the version", "get widgets.v1alpha1.example.com",
            req("get", "example.com", "widgets", "", "default", ""), "not a built-in type"),
        noted("a custom TYPE is lower-cased like any other", "get Widgets.Example.COM/w1 -n shop",
            req("get", "example.com", "widgets", "", "shop", "w1"), "not a built-in type"),
        noted("a custom TYPE with -A", "list certificates.cert-manager.io -A",
            req("list", "cert-manager.io", "certificates", "", "", ""), "not a built-in type"),
        noted("a built-in name in the wrong group is custom, with a hint", "get pods.apps",
            req("get", "apps", "pods", "", "default", ""), "did you mean pods?"),

        // --api-group: the table is skipped
        ok("--api-group keeps TYPE exactly as written", "get Widgets --api-group example.com",
            req("get", "example.com", "Widgets", "", "default", "")),
        ok("--api-group '' is the core group, and -n is not dropped for nodes",
            "get nodes --api-group '' -n kube-system",
            req("get", "", "nodes", "", "kube-system", "")),
        ok("--api-group with neither -n nor -A: namespace default", "get nodes --api-group ''",
            req("get", "", "nodes", "", "default", "")),
        ok("--api-group with -A: no namespace", "get nodes --api-group '' -A", req("get", "", "nodes", "", "", "")),
        ok("--api-group does not expand short names", "get po --api-group ''", req("get", "", "po", "", "default", "")),
        ok("--api-group with NAME and --subresource", "update widgets/w1 --api-group example.com --subresource status",
            req("update", "example.com", "widgets", "status", "default", "w1")),
        noted("--api-group does not split TYPE.GROUP, and says so", "get deployments.apps --api-group apps",
            req("get", "apps", "deployments.apps", "", "default", ""), "used exactly as written"),

        // Non-resource URLs
        cluster("a TYPE starting with / is a non-resource URL", "get /healthz", url("get", "/healthz")),
        cluster("the URL is kept exactly, wildcards too", "get /api/*", url("get", "/api/*")),
        cluster("the root URL", "get /", url("get", "/")),
        cluster("* verb on a URL", "* /metrics", url("*", "/metrics")),
        noted("-n is ignored for a URL", "get /logs/ -n kube-system", url("get", "/logs/"), "-n ignored"),
        noted("-A is ignored for a URL", "get /version -A", url("get", "/version"), "-A ignored"),

        // Verbs are kept as written; unknown ones are pointed out as kubectl does
        noted("an upper-case verb is kept (RBAC is case-sensitive) and flagged", "GET pods",
            req("GET", "", "pods", "", "default", ""), "verb \"GET\" is not a known verb"),
        noted("list is not a non-resource verb", "list /healthz", url("list", "/healthz"), "not a known verb"),
        ok("use is a known verb, so there is no note", "use pods", req("use", "", "pods", "", "default", "")),

        // Errors
        fails("unknown TYPE without a group is an error that suggests TYPE.GROUP", "get widgets",
            "unknown resource type \"widgets\""),
        fails("the error explains how to name a custom resource", "get widgets", "widgets.GROUP"),
        fails("the error lists close matches", "get pdos", "did you mean pods"),
        fails("close matches carry their group", "get deploymnets", "deployments.apps"),
        fails("a typed prefix suggests the full name", "get persistentvol",
            "persistentvolumeclaims, persistentvolumes"),
        fails("-n together with -A", "get pods -n x -A", "-n and -A cannot be used together"),
        fails("an empty -n", "get pods -n ''", "-n needs a namespace name"),
        fails("--subresource with a URL", "get /healthz --subresource log", "--subresource cannot be used"),
        fails("--api-group with a URL", "get /healthz --api-group ''", "--api-group cannot be used"),
        fails("empty VERB", "'' pods", "VERB is empty"),
        fails("empty TYPE", "get ''", "TYPE is empty"),
        fails("TYPE with an empty resource", "get .apps", "malformed TYPE"),
        fails("TYPE with an empty group segment", "get pods..apps", "malformed TYPE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesAsKubectlDoes(Case c) {
    if (c.error() != null) {
      RequestSyntaxException e = assertThrows(RequestSyntaxException.class, () -> parse(c.line()));
      assertTrue(e.getMessage().contains(c.error()), () -> "message was: " + e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), "one-line message");
      return;
    }
    Parsed parsed = parse(c.line());
    assertEquals(c.request(), parsed.request());
    if (c.note() == null) {
      assertNull(parsed.note(), "no note expected");
    } else {
      assertTrue(parsed.note() != null && parsed.note().contains(c.note()), () -> "note was: " + parsed.note());
    }
    if (c.clusterScoped() != null) {
      assertEquals(c.clusterScoped(), parsed.clusterScoped(), "clusterScoped");
    }
  }

  @Test
  void kubectlsKnownVerbsDrawNoNote() {
    for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
        "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest")) {
      assertNull(RequestParser.parse(verb, "pods", null, null, null, false, TABLE).note(), verb);
    }
    for (String verb : List.of("get", "put", "post", "head", "options", "delete", "patch", "*")) {
      assertNull(RequestParser.parse(verb, "/healthz", null, null, null, false, TABLE).note(), verb);
    }
  }

  @Test
  void notesAndErrorsStayOneLineWhateverTheInput() {
    // Found by the Jazzer run in CI: a verb with a newline made a two-line note.
    String note = RequestParser.parse("j\n\u6fc0sleas", "pods", null, null, null, false, TABLE).note();
    assertEquals("verb \"j\\u000a\u6fc0sleas\" is not a known verb (verbs are case-sensitive)", note);
    RequestSyntaxException e = assertThrows(RequestSyntaxException.class,
        () -> RequestParser.parse("get", "wid\rgets", null, null, null, false, TABLE));
    assertFalse(e.getMessage().contains("\r"), e.getMessage());
  }

  @Test
  void nullVerbIsAnErrorNotANullPointer() {
    assertThrows(RequestSyntaxException.class, () -> RequestParser.parse(null, "pods", null, null, null, false, TABLE));
  }

  @Test
  void aFarOffTypeGetsNoSuggestions() {
    RequestSyntaxException e = assertThrows(RequestSyntaxException.class, () -> parse("get zzzzzzzz"));
    assertTrue(!e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void theCaseListIsLargeEnoughToCoverEveryRule() {
    assertTrue(cases().count() >= 60);
  }

  /** Reads a command line: VERB TYPE [-n NS] [-A] [--api-group G] [--subresource S]; '' is an empty argument. */
  private static Parsed parse(String line) {
    List<String> words = Stream.of(line.split(" ")).map(w -> w.equals("''") ? "" : w).toList();
    String namespace = null;
    String apiGroup = null;
    String subresource = null;
    boolean all = false;
    for (int i = 2; i < words.size(); i++) {
      switch (words.get(i)) {
        case "-n" -> namespace = words.get(++i);
        case "-A" -> all = true;
        case "--api-group" -> apiGroup = words.get(++i);
        case "--subresource" -> subresource = words.get(++i);
        default -> throw new IllegalArgumentException("test line has unknown flag: " + words.get(i));
      }
    }
    return RequestParser.parse(words.get(0), words.get(1), apiGroup, subresource, namespace, all, TABLE);
  }
}
