#!/usr/bin/env python3
"""Record what a real Kubernetes RBAC authorizer answers, as an oracle for rbac-audit's tests.

For each seeded random scenario (namespaces, Roles, ClusterRoles with aggregation rules, RoleBindings and
ClusterRoleBindings aimed at the clauses of /work/shared/spec/rbac-semantics.md) this script

  1. creates the objects in a real kube-apiserver (v1.20.2, .ci/kube-apiserver.sh) with the admin token; objects
     the server rejects are left out (and listed in the YAML header);
  2. waits until the clusterrole-aggregation controller has filled every aggregated ClusterRole (the stored rules
     equal what the controller computes from the stored roles, and stay unchanged), and until the authorizer's
     caches hold the scenario (a sentinel binding created last is visible through a SubjectAccessReview);
  3. asks a SubjectAccessReview for each query, twice (the two rounds must agree);
  4. writes scenario-NNN.yaml (the objects as applied, multi-document) and scenario-NNN.cases (the answers);
  5. deletes the scenario's objects and waits for the aggregated default roles to settle again.

Only the Python standard library is used. Usage:

  python3 src/test/oracle/record_oracle.py [--cluster-dir DIR] [--seed S] [--scenarios N] [--out DIR]
                                           [--only N[,N...]] [--probes-only]

Without a running cluster in --cluster-dir (default /tmp/rbac-audit-oracle-cluster) the script starts one with
.ci/kube-apiserver.sh and stops it at the end.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import ssl
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
RBAC = "rbac.authorization.k8s.io"
RBAC_V1 = "/apis/rbac.authorization.k8s.io/v1"

# ------------------------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------------------------

NAMESPACES = ["team-a", "team-b", "ns1", "ns10", "prod"]
OTHER_NAMESPACES = ["default", "staging"]          # queried, never holding scenario objects
USERS = ["alice", "bob", "carol", "dave", "erin"]
USER_VARIANTS = {"alice": "Alice", "bob": "BOB", "carol": "carol ", "dave": "Dave"}
GROUPS = ["devs", "ops", "auditors", "platform"]
GROUP_VARIANTS = {"devs": "Devs", "ops": "OPS", "auditors": "auditor", "platform": "platform:admins"}
SA_NAMES = ["builder", "deployer", "default", "sa1"]
STRANGERS = ["mallory", "trent", "system:anonymous"]

# The groups that Kubernetes' own default bindings name (v1.20 or current): a query made with one of them must not
# ask for something those default bindings grant, because the test evaluates against the current release's defaults.
DEFAULT_BOUND_GROUPS = {"system:authenticated", "system:unauthenticated", "system:serviceaccounts"}
# Union of v1.20's and the current release's system:discovery, system:public-info-viewer, system:monitoring
# (group system:monitoring is never used here) and system:service-account-issuer-discovery URLs (verb get) ...
DEFAULT_GRANTED_URLS = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/healthz/*", "/livez", "/livez/*",
                        "/readyz", "/readyz/*", "/openapi", "/openapi/*", "/version", "/version/",
                        "/.well-known/openid-configuration", "/openid/v1/jwks", "/metrics", "/metrics/slis"]
# ... and system:basic-user's resources (verb create).
DEFAULT_GRANTED_RESOURCES = {("authorization.k8s.io", "selfsubjectaccessreviews"),
                             ("authorization.k8s.io", "selfsubjectrulesreviews"),
                             ("authentication.k8s.io", "selfsubjectreviews")}

# (group, resource, subresources, namespaced). Chosen so that the default roles admin/edit/view answer alike in
# v1.20 and in the current release (no leases, endpointslices, serviceaccounts/token, pods/eviction).
CATALOG = [
    ("", "pods", ["log", "status", "exec"], True),
    ("", "secrets", [], True),
    ("", "configmaps", [], True),
    ("", "services", ["status", "proxy"], True),
    ("", "serviceaccounts", [], True),
    ("", "nodes", ["status", "proxy"], False),
    ("", "namespaces", ["status"], False),
    ("apps", "deployments", ["scale", "status"], True),
    ("apps", "daemonsets", ["status"], True),
    ("batch", "jobs", ["status"], True),
    (RBAC, "roles", [], True),
    (RBAC, "rolebindings", [], True),
    (RBAC, "clusterroles", [], False),
    ("example.com", "widgets", ["status", "scale"], True),
    ("example.com", "gadgets", [], False),
]
STD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
ODD_VERBS = ["escalate", "bind", "impersonate", "use", "approve"]
CASE_VERBS = {"get": "GET", "list": "List", "create": "Create", "delete": "DELETE"}
NAMES = ["app-config", "db", "web-1", "team-a", "prod"]

# Non-resource URLs as rules write them, and paths to ask about.
RULE_URLS = ["/healthz", "/healthz/*", "/apis/*", "/api*", "/metrics", "/logs", "/logs/*", "/custom/*/x",
             "/custom/report", "/Metrics", "/debug/pprof/*", "/reports/**", "*", "/version", "/"]
QUERY_PATHS = ["/healthz", "/healthz/ping", "/apis", "/apis/", "/apis/example.com/v1", "/api", "/api/v1", "/apix",
               "/apis-extra", "/metrics", "/Metrics", "/metrics/x", "/logs", "/logs/", "/logs/kube.log",
               "/custom/*/x", "/custom/a/x", "/custom/report", "/custom/report/1", "/debug/pprof/heap",
               "/debug/pprof", "/reports/", "/reports/q1", "/version", "/", "/other"]
URL_VERBS = ["get", "post", "put", "delete", "head", "patch"]

LABEL_KEYS = ["rbac.example.com/aggregate-to", "tier", "team"]
LABEL_VALUES = {"rbac.example.com/aggregate-to": ["monitoring", "ops", "dev"], "tier": ["1", "2", "3"],
                "team": ["a", "b"]}
DEFAULT_AGG_LABELS = ["rbac.authorization.k8s.io/aggregate-to-view", "rbac.authorization.k8s.io/aggregate-to-edit",
                      "rbac.authorization.k8s.io/aggregate-to-admin"]
DEFAULT_CLUSTER_ROLES = ["view", "edit", "admin"]
# The default aggregated ClusterRoles as the scenarios' selectors see them (for the cycle check).
DEFAULT_AGGREGATED = [
    {"kind": "ClusterRole", "metadata": {"name": "admin", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}},
     "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {DEFAULT_AGG_LABELS[2]: "true"}}]}},
    {"kind": "ClusterRole", "metadata": {"name": "edit", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults",
                                                                    DEFAULT_AGG_LABELS[2]: "true"}},
     "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {DEFAULT_AGG_LABELS[1]: "true"}}]}},
    {"kind": "ClusterRole", "metadata": {"name": "view", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults",
                                                                    DEFAULT_AGG_LABELS[1]: "true"}},
     "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {DEFAULT_AGG_LABELS[0]: "true"}}]}},
]


# ------------------------------------------------------------------------------------------------------------------
# API access
# ------------------------------------------------------------------------------------------------------------------

class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body.get('message', body) if isinstance(body, dict) else body}")
        self.status = status
        self.body = body


class Api:
    def __init__(self, server, token, cafile):
        assert server.startswith("https://")
        self.hostport = server[len("https://"):]
        self.token = token
        self.ctx = ssl.create_default_context(cafile=cafile)
        self.conn = None

    def call(self, method, path, body=None, ok=(200, 201)):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(5):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPSConnection(self.hostport, context=self.ctx, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
                continue
            if status in (429, 500, 503) and attempt < 4:
                time.sleep(0.5 * (attempt + 1))
                continue
            try:
                parsed = json.loads(raw) if raw else {}
            except ValueError:
                parsed = raw.decode(errors="replace")
            if status not in ok:
                raise ApiError(status, parsed)
            return status, parsed
        raise AssertionError("unreachable")

    def get(self, path):
        return self.call("GET", path)[1]

    def create(self, path, obj):
        return self.call("POST", path, obj)[1]

    def delete(self, path):
        return self.call("DELETE", path, ok=(200, 202, 404))[1]

    def sar(self, user, groups, resource=None, non_resource=None):
        spec = {"user": user}
        if groups:
            spec["groups"] = list(groups)
        if resource is not None:
            spec["resourceAttributes"] = {k: v for k, v in resource.items() if v}
        else:
            spec["nonResourceAttributes"] = non_resource
        body = {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview", "spec": spec}
        status = self.create("/apis/authorization.k8s.io/v1/subjectaccessreviews", body)["status"]
        if status.get("evaluationError"):
            # RBAC only logs missing roles as evaluation errors; the decision stands.
            pass
        return bool(status.get("allowed")), bool(status.get("denied"))


def object_path(obj, with_name=False):
    kind, meta = obj["kind"], obj["metadata"]
    base = {
        "Namespace": "/api/v1/namespaces",
        "ClusterRole": f"{RBAC_V1}/clusterroles",
        "ClusterRoleBinding": f"{RBAC_V1}/clusterrolebindings",
        "Role": f"{RBAC_V1}/namespaces/{meta.get('namespace')}/roles",
        "RoleBinding": f"{RBAC_V1}/namespaces/{meta.get('namespace')}/rolebindings",
    }[kind]
    return base + "/" + meta["name"] if with_name else base


# ------------------------------------------------------------------------------------------------------------------
# Aggregation (to know when the controller is done, not as the oracle)
# ------------------------------------------------------------------------------------------------------------------

def selector_matches(sel, labels):
    for k, v in (sel.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in sel.get("matchExpressions") or []:
        k, op, vals = e["key"], e["operator"], e.get("values") or []
        if op == "In" and not (k in labels and labels[k] in vals):
            return False
        if op == "NotIn" and k in labels and labels[k] in vals:
            return False
        if op == "Exists" and k not in labels:
            return False
        if op == "DoesNotExist" and k in labels:
            return False
    return True


def canon_rule(r):
    return tuple(tuple(r.get(f) or ()) for f in ("verbs", "apiGroups", "resources", "resourceNames",
                                                  "nonResourceURLs"))


def controller_view(cluster_roles):
    """What the clusterrole-aggregation controller would write next for each aggregated role, given the stored
    roles (its syncClusterRole: selectors in order, selected roles sorted by name, itself skipped, rules deduped)."""
    out = {}
    by_name = sorted(cluster_roles, key=lambda c: c["metadata"]["name"])
    for cr in by_name:
        agg = cr.get("aggregationRule")
        if agg is None:
            continue
        rules = []
        for sel in agg.get("clusterRoleSelectors") or []:
            for other in by_name:
                if other["metadata"]["name"] == cr["metadata"]["name"]:
                    continue
                if not selector_matches(sel, other["metadata"].get("labels") or {}):
                    continue
                for r in other.get("rules") or []:
                    c = canon_rule(r)
                    if c not in rules:
                        rules.append(c)
        out[cr["metadata"]["name"]] = rules
    return out


def aggregation_state(api):
    items = api.get(f"{RBAC_V1}/clusterroles")["items"]
    stored = {c["metadata"]["name"]: [canon_rule(r) for r in c.get("rules") or []]
              for c in items if c.get("aggregationRule") is not None}
    return stored, controller_view(items)


def wait_aggregation(api, log, limit=90):
    """Until every aggregated ClusterRole holds what the controller computes and nothing changed for 2 s."""
    t0 = time.time()
    last, since = None, time.time()
    while True:
        stored, expected = aggregation_state(api)
        consistent = all(stored[n] == expected[n] for n in stored)
        if stored != last:
            last, since = stored, time.time()
        if consistent and time.time() - since >= 2.0:
            return True
        if time.time() - t0 > limit:
            bad = [n for n in stored if stored[n] != expected[n]]
            log(f"WARNING: aggregation not settled after {limit}s: {bad}")
            return False
        time.sleep(0.3)


# ------------------------------------------------------------------------------------------------------------------
# Scenario generation
# ------------------------------------------------------------------------------------------------------------------

def meta(name, namespace=None, labels=None):
    m = {"name": name}
    if namespace is not None:
        m["namespace"] = namespace
    if labels:
        m["labels"] = dict(labels)
    return m


def rule_dict(verbs, groups=None, resources=None, names=None, urls=None):
    r = {"verbs": list(verbs)}
    if groups is not None:
        r["apiGroups"] = list(groups)
    if resources is not None:
        r["resources"] = list(resources)
    if names:
        r["resourceNames"] = list(names)
    if urls is not None:
        r["nonResourceURLs"] = list(urls)
    return r


class Gen:
    """Random, spec-targeted scenario content for one seed."""

    def __init__(self, rng, index):
        self.rng = rng
        self.index = index
        self.used_names = set()

    def pick(self, seq, k=None):
        if k is None:
            return self.rng.choice(seq)
        return self.rng.sample(list(seq), min(k, len(seq)))

    def chance(self, p):
        return self.rng.random() < p

    def fresh(self, prefix):
        n = 1
        while f"{prefix}-{n}" in self.used_names:
            n += 1
        name = f"{prefix}-{n}"
        self.used_names.add(name)
        return name

    # --- rules -------------------------------------------------------------------------------------------------

    def resource_entry(self, group_resources):
        group, res, subs, _ = self.pick(group_resources)
        roll = self.rng.random()
        if roll < 0.55 or not subs:
            return res
        if roll < 0.8:
            return f"{res}/{self.pick(subs)}"
        return self.pick(["*/status", "*/scale", f"{res}/*", "*/log"])

    def verbs(self):
        roll = self.rng.random()
        if roll < 0.12:
            return ["*"]
        if roll < 0.2:
            return [CASE_VERBS[self.pick(list(CASE_VERBS))]] + self.pick(STD_VERBS, 1)
        if roll < 0.27:
            return self.pick(ODD_VERBS, 1) + self.pick(STD_VERBS, 1)
        return self.pick(STD_VERBS, self.rng.randint(1, 4))

    def resource_rule(self):
        rng = self.rng
        roll = rng.random()
        groups_present = sorted({g for g, _, _, _ in CATALOG})
        if roll < 0.1:                                   # everything in a group / every group
            return rule_dict(self.verbs(), ["*"] if self.chance(0.5) else [self.pick(groups_present)], ["*"])
        if roll < 0.2:                                   # any group, named resources
            cat = self.pick(CATALOG)
            return rule_dict(self.verbs(), ["*"], [cat[1]] + ([f"{cat[1]}/{cat[2][0]}"] if cat[2] else []))
        if roll < 0.33:                                  # resourceNames
            cat = self.pick([c for c in CATALOG if c[3]])
            verbs = self.pick(["get", "list", "create", "deletecollection", "update", "delete", "watch", "patch"],
                              rng.randint(1, 3))
            names = self.pick(NAMES, rng.randint(1, 2))
            if self.chance(0.1):
                names = [""]                             # an empty name: matches requests without a name?
            return rule_dict(verbs, [cat[0]], [cat[1]], names=names)
        if roll < 0.41:                                  # core group written as "v1", or wrong-case group/resource
            cat = self.pick([c for c in CATALOG if c[0] in ("", "apps")])
            group = "v1" if cat[0] == "" else self.pick(["Apps", "apps/v1"])
            res = cat[1] if self.chance(0.5) else cat[1].capitalize()
            return rule_dict(self.verbs(), [group, cat[0]] if self.chance(0.3) else [group], [res])
        if roll < 0.53:                                  # subresource wildcards and literals
            entries = self.pick(["*/status", "pods/*", "*/scale", "pods/log", "deployments/scale", "*/exec",
                                 "pod*", "services/*", "*/proxy", "nodes/status"], rng.randint(1, 2))
            groups = self.pick([[""], ["apps"], ["", "apps"], ["*"], ["example.com"]])
            return rule_dict(self.verbs(), groups, entries)
        # ordinary rule: one or two groups, one to three resources of them
        cats = self.pick(CATALOG, rng.randint(1, 3))
        groups = sorted({c[0] for c in cats})
        resources = []
        for c in cats:
            e = self.resource_entry([c])
            if e not in resources:
                resources.append(e)
        return rule_dict(self.verbs(), groups, resources)

    def url_rule(self):
        urls = self.pick(RULE_URLS, self.rng.randint(1, 3))
        roll = self.rng.random()
        verbs = (["get"] if roll < 0.5 else ["get", "post"] if roll < 0.7 else ["*"] if roll < 0.85
                 else [self.pick(["GET", "post", "put"])])
        return rule_dict(verbs, urls=urls)

    def rules(self, cluster, n=None):
        n = self.rng.randint(1, 3) if n is None else n
        out = []
        for _ in range(n):
            if cluster and self.chance(0.3):
                out.append(self.url_rule())
            else:
                out.append(self.resource_rule())
        return out

    def labels(self):
        out = {}
        for k in LABEL_KEYS:
            if self.chance(0.4):
                out[k] = self.pick(LABEL_VALUES[k])
        if self.chance(0.15):
            out[self.pick(DEFAULT_AGG_LABELS)] = "true"
        return out

    def selector(self):
        roll = self.rng.random()
        key = self.pick(LABEL_KEYS)
        vals = LABEL_VALUES[key]
        if roll < 0.35:
            return {"matchLabels": {key: self.pick(vals)}}
        exprs = []
        for _ in range(self.rng.randint(1, 2)):
            k = self.pick(LABEL_KEYS)
            op = self.pick(["In", "NotIn", "Exists", "DoesNotExist"])
            e = {"key": k, "operator": op}
            if op in ("In", "NotIn"):
                e["values"] = self.pick(LABEL_VALUES[k], self.rng.randint(1, 2))
            exprs.append(e)
        sel = {"matchExpressions": exprs}
        if roll < 0.6:
            sel["matchLabels"] = {key: self.pick(vals)}
        return sel


def make_scenario(seed, index):
    rng = random.Random(f"{seed}:{index}")
    g = Gen(rng, index)
    objs = []
    namespaces = g.pick(NAMESPACES, rng.randint(2, 4))
    for ns in namespaces:
        objs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": meta(ns)})

    # Plain ClusterRoles, some labelled for aggregation.
    cluster_roles = []
    for _ in range(rng.randint(2, 5)):
        name = g.fresh(g.pick(["reader", "operator", "metrics", "widget-admin", "Viewer", "ops:support"]))
        cr = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(name, labels=g.labels()),
              "rules": g.rules(cluster=True)}
        cluster_roles.append(cr)

    # Aggregated ClusterRoles: several selectors (OR), chains (aggregated roles labelled for other aggregated
    # roles), own rules that the controller overwrites, now and then an empty selector selecting everything.
    aggregated = []
    for i in range(rng.randint(1, 3)):
        name = g.fresh(g.pick(["agg", "aggregate", "combined"]))
        sels = [g.selector() for _ in range(rng.randint(1, 3))]
        if index % 11 == 5 and i == 0:
            sels = [{}]
        cr = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(name, labels=g.labels()),
              "aggregationRule": {"clusterRoleSelectors": sels}}
        aggregated.append(cr)
    # A transitive chain: base <- mid <- top (mid is itself aggregated and labelled for top).
    chain_key = "rbac.example.com/chain"
    if rng.random() < 0.5:
        base = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole",
                "metadata": meta(g.fresh("chain-base"), labels={chain_key: "mid"}), "rules": g.rules(cluster=True)}
        mid = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole",
               "metadata": meta(g.fresh("chain-mid"), labels={chain_key: "top"}),
               "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {chain_key: "mid"}}]}}
        top_labels = {DEFAULT_AGG_LABELS[0]: "true"} if rng.random() < 0.3 else {}
        top = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(g.fresh("chain-top"), labels=top_labels),
               "aggregationRule": {"clusterRoleSelectors": [
                   {"matchExpressions": [{"key": chain_key, "operator": "In", "values": ["top", "other"]}]}]}}
        cluster_roles.append(base)
        aggregated.extend([mid, top])
    # Now and then a cycle: two aggregated roles selecting each other, one also selecting a plain role.
    if rng.random() < 0.15 and cluster_roles:
        cyc = "rbac.example.com/cycle"
        target_role = cluster_roles[0]
        target_role["metadata"].setdefault("labels", {})[cyc] = "base"
        a = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(g.fresh("cycle-a"), labels={cyc: "a"}),
             "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {cyc: "b"}}]}}
        b = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(g.fresh("cycle-b"), labels={cyc: "b"}),
             "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {cyc: "a"}}, {"matchLabels": {cyc: "base"}}]}}
        aggregated.extend([a, b])
    # Own rules only where no aggregation cycle can keep them (the controller's result for cycles with own rules
    # depends on timing); cycles themselves are left in, starting empty.
    for cr in aggregated:
        if rng.random() < 0.4 and not in_cycle(cr, cluster_roles + aggregated):
            cr["rules"] = g.rules(cluster=True, n=1)
        else:
            cr["rules"] = []

    # Namespaced Roles.
    roles = []
    for ns in namespaces:
        for _ in range(rng.randint(1, 2)):
            name = g.fresh(g.pick(["pod-reader", "deployer", "secret-reader", "config-editor"]))
            roles.append({"apiVersion": f"{RBAC}/v1", "kind": "Role", "metadata": meta(name, ns),
                          "rules": g.rules(cluster=False)})
    # Now and then a Role whose name also exists in another namespace only (a RoleBinding elsewhere misses it).
    # Bindings.
    all_cr_names = [c["metadata"]["name"] for c in cluster_roles + aggregated]
    bindings = []

    def subjects(in_rb, ns):
        out = []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.3:
                out.append({"kind": "User", "apiGroup": RBAC, "name": g.pick(USERS)})
            elif roll < 0.55:
                grp = g.pick(GROUPS) if rng.random() < 0.85 else g.pick(
                    ["system:authenticated", "system:serviceaccounts", f"system:serviceaccounts:{ns or 'ns1'}",
                     "system:unauthenticated"])
                out.append({"kind": "Group", "apiGroup": RBAC, "name": grp})
            elif roll < 0.9:
                sa_ns = ns if (ns and rng.random() < 0.5) else g.pick(namespaces)
                s = {"kind": "ServiceAccount", "name": g.pick(SA_NAMES), "namespace": sa_ns}
                if in_rb and sa_ns == ns and rng.random() < 0.5:
                    del s["namespace"]                  # defaults to the RoleBinding's namespace
                out.append(s)
            elif roll < 0.95:
                sa_ns = g.pick(namespaces)
                out.append({"kind": "User", "apiGroup": RBAC,
                            "name": f"system:serviceaccount:{sa_ns}:{g.pick(SA_NAMES)}"})
            else:
                out.append({"kind": "User", "apiGroup": RBAC, "name": "*"} if rng.random() < 0.5
                           else {"kind": "Group", "apiGroup": RBAC, "name": "*"})
        uniq = []
        for s in out:
            if s not in uniq:
                uniq.append(s)
        return uniq

    for ns in namespaces:
        ns_roles = [r["metadata"]["name"] for r in roles if r["metadata"]["namespace"] == ns]
        other_roles = [r["metadata"]["name"] for r in roles if r["metadata"]["namespace"] != ns]
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.4 and ns_roles:
                ref = ("Role", g.pick(ns_roles))
            elif roll < 0.48 and other_roles:
                ref = ("Role", g.pick(other_roles))          # exists only in another namespace
            elif roll < 0.53:
                ref = ("Role", g.fresh("missing-role"))
            elif roll < 0.8:
                ref = ("ClusterRole", g.pick(all_cr_names))
            elif roll < 0.92:
                ref = ("ClusterRole", g.pick(DEFAULT_CLUSTER_ROLES))
            else:
                ref = ("ClusterRole", g.fresh("missing-clusterrole"))
            subs = subjects(True, ns) if rng.random() > 0.04 else []
            b = {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta(g.fresh("rb"), ns),
                 "roleRef": {"apiGroup": RBAC, "kind": ref[0], "name": ref[1]}}
            if subs:
                b["subjects"] = subs
            bindings.append(b)
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.75:
            ref = ("ClusterRole", g.pick(all_cr_names))
        elif roll < 0.85:
            ref = ("ClusterRole", g.pick(DEFAULT_CLUSTER_ROLES))
        elif roll < 0.93:
            ref = ("ClusterRole", g.fresh("missing-clusterrole"))
        else:
            ref = ("Role", g.pick([r["metadata"]["name"] for r in roles]))   # rejected by v1.20 validation
        subs = subjects(False, None)
        if rng.random() < 0.1:
            subs.append({"kind": "ServiceAccount", "name": g.pick(SA_NAMES)})  # no namespace: rejected
        if rng.random() < 0.05:
            subs.append({"kind": "user", "apiGroup": RBAC, "name": g.pick(USERS)})  # wrong kind: rejected
        b = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRoleBinding", "metadata": meta(g.fresh("crb")),
             "roleRef": {"apiGroup": RBAC, "kind": ref[0], "name": ref[1]}, "subjects": subs}
        bindings.append(b)
    # Now and then, a rule mixing resources and URLs, or URLs in a Role: both rejected by validation.
    if rng.random() < 0.15:
        cluster_roles[0]["rules"].append(rule_dict(["get"], [""], ["pods"], urls=["/healthz"]))
    if rng.random() < 0.15 and roles:
        roles[0]["rules"].append(rule_dict(["get"], urls=["/metrics"]))
    return objs + cluster_roles + aggregated + roles + bindings


def in_cycle(cr, all_crs):
    """Whether this aggregated ClusterRole can reach itself through aggregated roles its selectors select,
    the server's default aggregated roles (admin, edit, view) included."""
    all_crs = list(all_crs) + DEFAULT_AGGREGATED
    by_name = {c["metadata"]["name"]: c for c in all_crs}

    def selected(c):
        out = []
        for sel in (c.get("aggregationRule") or {}).get("clusterRoleSelectors") or []:
            for o in all_crs:
                if o is not c and o.get("aggregationRule") is not None and \
                        selector_matches(sel, o["metadata"].get("labels") or {}):
                    out.append(o["metadata"]["name"])
        return out

    start = cr["metadata"]["name"]
    seen, todo = set(), selected(cr)
    while todo:
        n = todo.pop()
        if n == start:
            return True
        if n in seen:
            continue
        seen.add(n)
        todo.extend(selected(by_name[n]))
    return False


# ------------------------------------------------------------------------------------------------------------------
# Queries
# ------------------------------------------------------------------------------------------------------------------

def sa_user(ns, name):
    return f"system:serviceaccount:{ns}:{name}"


def sa_groups(ns):
    return ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"]


def url_matches(entry, path):
    return entry == "*" or entry == path or (entry.endswith("*") and path.startswith(entry.rstrip("*")))


def default_sensitive(q):
    """Whether a default binding (v1.20 or current) might grant this query: then the test's defaults decide it."""
    if not DEFAULT_BOUND_GROUPS.intersection(q["groups"]) and not q["user"].startswith("system:kube-"):
        return False
    if q["path"] is not None:
        return q["verb"] == "get" and any(url_matches(u, q["path"]) for u in DEFAULT_GRANTED_URLS)
    return q["verb"] == "create" and (q["group"], q["resource"]) in DEFAULT_GRANTED_RESOURCES


def rq(user, groups, verb, group, resource, sub="", ns="", name=""):
    return {"user": user, "groups": list(groups), "verb": verb, "group": group, "resource": resource,
            "sub": sub, "ns": ns, "name": name, "path": None}


def uq(user, groups, verb, path):
    return {"user": user, "groups": list(groups), "verb": verb, "path": path}


class QueryGen:
    def __init__(self, rng, objs):
        self.rng = rng
        self.objs = objs
        self.namespaces = [o["metadata"]["name"] for o in objs if o["kind"] == "Namespace"]
        self.queries = []

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def identities_for(self, subject, binding_ns):
        """(user, groups) pairs this subject should match, and near misses that should not."""
        rng = self.rng
        kind, name = subject["kind"], subject["name"]
        extra = [] if rng.random() < 0.5 else ["system:authenticated"]
        hits, misses = [], []
        if kind == "User":
            hits.append((name, extra + ([self.pick(GROUPS)] if rng.random() < 0.3 else [])))
            if name.startswith("system:serviceaccount:"):
                ns = name.split(":")[2]
                hits.append((name, sa_groups(ns)))
            misses.append((USER_VARIANTS.get(name, name + "x"), extra))
        elif kind == "Group":
            user = self.pick(STRANGERS[:2] + USERS)
            hits.append((user, [name] + extra))
            misses.append((user, [GROUP_VARIANTS.get(name, name + "s")] + extra))
        elif kind == "ServiceAccount":
            ns = subject.get("namespace") or binding_ns
            if ns:
                hits.append((sa_user(ns, name), sa_groups(ns) if rng.random() < 0.6 else []))
                other = {"ns1": "ns10", "ns10": "ns1"}.get(ns, self.pick([n for n in NAMESPACES if n != ns]))
                misses.append((sa_user(other, name), sa_groups(other)))
                misses.append((sa_user(ns, name + "s"), sa_groups(ns)))
            else:
                for n in self.namespaces[:2]:
                    misses.append((sa_user(n, name), sa_groups(n)))
        else:
            misses.append((name, []))
        return hits, misses

    def sample_request(self, rule, binding_ns):
        """A resource request this rule should allow (if the rule can allow anything)."""
        rng = self.rng
        verbs = [v for v in rule.get("verbs", []) if v != "*"] or [self.pick(STD_VERBS + ODD_VERBS)]
        verb = self.pick(verbs)
        groups = rule.get("apiGroups") or [""]
        group = self.pick(groups)
        if group == "*":
            group = self.pick(sorted({c[0] for c in CATALOG}))
        resources = rule.get("resources") or ["pods"]
        entry = self.pick(resources)
        cat_for_group = [c for c in CATALOG if c[0] == group] or CATALOG
        if entry == "*":
            c = self.pick(cat_for_group)
            res, sub = c[1], (self.pick(c[2]) if c[2] and rng.random() < 0.3 else "")
        elif entry.startswith("*/"):
            sub = entry[2:]
            withsub = [c for c in cat_for_group if sub in c[2]] or [c for c in CATALOG if sub in c[2]]
            res = self.pick(withsub)[1] if withsub else "pods"
        elif "/" in entry:
            res, sub = entry.split("/", 1)
        else:
            res, sub = entry, ""
        namespaced = next((c[3] for c in CATALOG if c[1] == res), True)
        if binding_ns is not None:
            ns = binding_ns
        elif namespaced:
            ns = self.pick(self.namespaces + OTHER_NAMESPACES + [""])
        else:
            ns = ""
        names = rule.get("resourceNames") or []
        if names:
            name = self.pick(names)
        elif verb in ("get", "update", "patch", "delete") and rng.random() < 0.6:
            name = self.pick(NAMES)
        else:
            name = ""
        if res == "namespaces" and binding_ns is not None and not names and rng.random() < 0.5:
            name = binding_ns
        return verb, group, res, sub, ns, name

    def mutations(self, user, groups, req, rule):
        verb, group, res, sub, ns, name = req
        rng = self.rng
        out = []
        out.append(rq(user, groups, CASE_VERBS.get(verb, verb.upper()), group, res, sub, ns, name))
        out.append(rq(user, groups, self.pick([v for v in STD_VERBS if v != verb]), group, res, sub, ns, name))
        if group == "":
            out.append(rq(user, groups, verb, "v1", res, sub, ns, name))
        elif group == "v1":
            out.append(rq(user, groups, verb, "", res, sub, ns, name))
        else:
            out.append(rq(user, groups, verb, "", res, sub, ns, name))
        out.append(rq(user, groups, verb, group, res.capitalize() if res.islower() else res.lower(), sub, ns, name))
        must = []                                        # always asked, the rest is sampled
        if sub == "*":                                   # the rule said "pods/*": literal, not a wildcard
            for s in ("status", "log", "exec"):
                must.append(rq(user, groups, verb, group, res, s, ns, name))
        if sub:
            out.append(rq(user, groups, verb, group, res, "", ns, name))
            out.append(rq(user, groups, verb, group, self.pick(["pods", "services", "deployments", "nodes"]),
                          sub, ns, name))
        else:
            cat = next((c for c in CATALOG if c[1] == res), None)
            s = self.pick(cat[2]) if cat and cat[2] else "status"
            out.append(rq(user, groups, verb, group, res, s, ns, name))
        if name:
            out.append(rq(user, groups, self.pick(["list", "watch", verb]), group, res, sub, ns, ""))
            out.append(rq(user, groups, verb, group, res, sub, ns, name + "-x"))
        elif rule.get("resourceNames"):
            out.append(rq(user, groups, "list", group, res, sub, ns, ""))
        if ns:
            out.append(rq(user, groups, verb, group, res, sub, "", name))
            out.append(rq(user, groups, verb, group, res, sub,
                          self.pick([n for n in self.namespaces + OTHER_NAMESPACES if n != ns]), name))
        else:
            out.append(rq(user, groups, verb, group, res, sub, self.pick(self.namespaces), name))
        if rule.get("resourceNames"):
            for v in ("list", "create", "deletecollection", "watch"):
                must.append(rq(user, groups, v, group, res, sub, ns, ""))
                must.append(rq(user, groups, v, group, res, sub, ns, self.pick(rule["resourceNames"])))
        return must, out

    def url_queries(self, user, groups, rule):
        out = []
        verbs = [v for v in rule["verbs"] if v != "*"] or ["get"]
        for entry in rule["nonResourceURLs"]:
            verb = self.pick(verbs)
            if entry == "*":
                paths = [self.pick(QUERY_PATHS)]
            elif entry.endswith("*"):
                prefix = entry.rstrip("*")
                paths = [prefix, prefix + "sub/x", prefix.rstrip("/")] + \
                        [p for p in QUERY_PATHS if p.startswith(prefix)][:2]
            else:
                paths = [entry, entry + "/", entry.upper() if entry.lower() == entry else entry.lower()]
            for p in paths:
                if p:
                    out.append(uq(user, groups, verb, p))
            out.append(uq(user, groups, self.pick([v for v in URL_VERBS if v != verb]), paths[0] or "/"))
            out.append(uq(user, groups, verb.upper() if verb.islower() else verb.lower(), paths[0] or "/"))
        return out

    def role_rules(self, ref, binding_ns):
        kind, name = ref["kind"], ref["name"]
        for o in self.objs:
            if o["kind"] == kind and o["metadata"]["name"] == name and \
                    (kind == "ClusterRole" or o["metadata"].get("namespace") == binding_ns):
                if o.get("aggregationRule") is not None:
                    return self.aggregated_rules(o)
                return o.get("rules") or []
        if kind == "Role":
            for o in self.objs:
                if o["kind"] == "Role" and o["metadata"]["name"] == name:
                    return o.get("rules") or []          # same name, other namespace: must not count
        if kind == "ClusterRole" and name in DEFAULT_CLUSTER_ROLES:
            return [rule_dict(["get", "list"], [""], ["pods", "configmaps"]),
                    rule_dict(["create", "delete"], ["", "apps"], ["pods", "deployments", "secrets"]),
                    rule_dict(["get"], [""], ["secrets"]),
                    rule_dict(["create"], [RBAC], ["rolebindings", "roles"])]
        # Missing or unresolvable: still ask something plausible for it.
        return [rule_dict([self.pick(STD_VERBS)], [""], ["pods"])]

    def aggregated_rules(self, cr):
        crs = [o for o in self.objs if o["kind"] == "ClusterRole"]
        out = []
        for sel in cr["aggregationRule"]["clusterRoleSelectors"]:
            for o in crs:
                if o is not cr and selector_matches(sel, o["metadata"].get("labels") or {}):
                    out.extend(o.get("rules") or [])
        return out or (cr.get("rules") or [])

    def generate(self, target):
        rng = self.rng
        bindings = [o for o in self.objs if o["kind"] in ("RoleBinding", "ClusterRoleBinding")]
        for b in bindings:
            bns = b["metadata"].get("namespace")
            rules = self.role_rules(b["roleRef"], bns)
            subjects = b.get("subjects") or [{"kind": "User", "name": self.pick(USERS)}]
            for s in subjects:
                hits, misses = self.identities_for(s, bns)
                for user, groups in hits:
                    for rule in self.rng.sample(rules, min(3, len(rules))):
                        if rule.get("nonResourceURLs"):
                            self.queries.extend(self.url_queries(user, groups, rule))
                            continue
                        req = self.sample_request(rule, bns)
                        self.queries.append(rq(user, groups, *req))
                        self.queries.append(rq(user, groups, *req))      # weight the positive case
                        must, muts = self.mutations(user, groups, req, rule)
                        self.queries.extend(dict(q, prio=True) for q in must)
                        self.queries.extend(rng.sample(muts, min(len(muts), rng.randint(2, 5))))
                for user, groups in misses:
                    if rules:
                        rule = self.pick(rules)
                        if rule.get("nonResourceURLs"):
                            self.queries.extend(self.url_queries(user, groups, rule)[:2])
                        else:
                            self.queries.append(rq(user, groups, *self.sample_request(rule, bns)))
        # Random queries from the whole vocabulary.
        idents = [(u, []) for u in USERS + STRANGERS] + [(self.pick(USERS), [g]) for g in GROUPS] + \
                 [(sa_user(n, s), sa_groups(n)) for n in self.namespaces for s in SA_NAMES[:2]]
        for _ in range(max(10, target // 6)):
            user, groups = self.pick(idents)
            if rng.random() < 0.2:
                self.queries.append(uq(user, groups, self.pick(URL_VERBS), self.pick(QUERY_PATHS)))
            else:
                c = self.pick(CATALOG)
                sub = self.pick(c[2]) if c[2] and rng.random() < 0.3 else ""
                ns = self.pick(self.namespaces + OTHER_NAMESPACES) if c[3] or rng.random() < 0.2 else ""
                self.queries.append(rq(user, groups, self.pick(STD_VERBS + ODD_VERBS[:2]), c[0], c[1], sub, ns,
                                       self.pick(NAMES) if rng.random() < 0.4 else ""))
        # Dedupe, drop what defaults could decide, keep a bounded number.
        seen, out = {}, []
        for q in self.queries:
            q = dict(q)
            q.setdefault("path", None)
            key = case_key(q)
            if key in seen:
                seen[key]["prio"] = seen[key].get("prio") or q.get("prio")
                continue
            if default_sensitive(q) or "system:masters" in q["groups"]:
                continue
            seen[key] = q
            out.append(q)
        rng.shuffle(out)
        return out


ALLOWED_SHARE = 0.5


def balance(rng, queries, answers, target, share):
    """At most `target` of the asked queries, about `share` of them allowed (the answers are the server's; this
    only chooses which to keep, so that both verdicts are well represented). Keeps the original order."""
    allowed = [i for i, a in enumerate(answers) if a]
    denied = [i for i, a in enumerate(answers) if not a]
    n_allowed = min(len(allowed), round(target * share))
    n_denied = min(len(denied), target - n_allowed)
    n_allowed = min(len(allowed), target - n_denied)

    def choose(indexes, k):
        # Queries aimed at rarely reached clauses (resourceNames without a name, "pods/*") first, up to half.
        prio = [i for i in indexes if queries[i].get("prio")]
        first = rng.sample(prio, min(len(prio), k // 2))
        rest = [i for i in indexes if i not in set(first)]
        return first + rng.sample(rest, k - len(first))

    keep = sorted(choose(allowed, n_allowed) + choose(denied, n_denied))
    return [queries[i] for i in keep], [answers[i] for i in keep]


def case_key(q):
    groups = ",".join(q["groups"]) or "-"
    if q["path"] is not None:
        return (q["user"], groups, q["verb"], "URL", q["path"])
    return (q["user"], groups, q["verb"], q["group"] or "-", q["resource"], q["sub"] or "-", q["ns"] or "-",
            q["name"] or "-")


def case_line(q, allowed):
    for v in case_key(q):
        if "\t" in v or "\n" in v:
            raise ValueError(f"unencodable value {v!r}")
    return ("allowed" if allowed else "denied") + "\t" + "\t".join(case_key(q))


# ------------------------------------------------------------------------------------------------------------------
# YAML output (a small emitter: block style, every string double-quoted)
# ------------------------------------------------------------------------------------------------------------------

def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def yaml_key(k):
    import re
    return k if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", k) else json.dumps(k)


def yaml_lines(v, indent=0):
    pad = " " * indent
    lines = []
    if isinstance(v, dict):
        if not v:
            return [pad + "{}"]
        for k, x in v.items():
            if isinstance(x, (dict, list)) and x:
                lines.append(f"{pad}{yaml_key(k)}:")
                lines.extend(yaml_lines(x, indent + (2 if isinstance(x, dict) else 0)))
            elif isinstance(x, dict):
                lines.append(f"{pad}{yaml_key(k)}: {{}}")
            elif isinstance(x, list):
                lines.append(f"{pad}{yaml_key(k)}: []")
            else:
                lines.append(f"{pad}{yaml_key(k)}: {yaml_scalar(x)}")
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, (dict, list)) and x:
                sub = yaml_lines(x, indent + 2)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                lines.extend(sub)
            elif isinstance(x, dict):
                lines.append(pad + "- {}")
            elif isinstance(x, list):
                lines.append(pad + "- []")
            else:
                lines.append(pad + "- " + yaml_scalar(x))
    else:
        lines.append(pad + yaml_scalar(v))
    return lines


def to_yaml_docs(objs):
    return "".join("---\n" + "\n".join(yaml_lines(o)) + "\n" for o in objs)


# ------------------------------------------------------------------------------------------------------------------
# Recording
# ------------------------------------------------------------------------------------------------------------------

class Recorder:
    def __init__(self, api, out_dir, seed, version, log):
        self.api = api
        self.out_dir = out_dir
        self.seed = seed
        self.version = version
        self.log = log
        self.date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
        self.created_namespaces = set()

    def ensure_namespace(self, name):
        if name in self.created_namespaces:
            return
        try:
            self.api.create("/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
        except ApiError as e:
            if e.status != 409:
                raise
        self.created_namespaces.add(name)

    def reset(self):
        """Delete every RBAC object that is not a Kubernetes default (a dedicated cluster is assumed)."""
        boot = "kubernetes.io/bootstrapping"
        for res in ("clusterrolebindings", "clusterroles"):
            for o in self.api.get(f"{RBAC_V1}/{res}")["items"]:
                if (o["metadata"].get("labels") or {}).get(boot) != "rbac-defaults":
                    self.api.delete(f"{RBAC_V1}/{res}/{o['metadata']['name']}")
        for res in ("rolebindings", "roles"):
            for o in self.api.get(f"{RBAC_V1}/{res}")["items"]:
                if (o["metadata"].get("labels") or {}).get(boot) != "rbac-defaults":
                    self.api.delete(f"{RBAC_V1}/namespaces/{o['metadata']['namespace']}/{res}/{o['metadata']['name']}")
        wait_aggregation(self.api, self.log)

    def apply(self, objs):
        applied, rejected = [], []
        for o in objs:
            if o["kind"] == "Namespace":
                self.ensure_namespace(o["metadata"]["name"])
                applied.append(o)
                continue
            try:
                self.api.create(object_path(o), o)
                applied.append(o)
            except ApiError as e:
                if e.status not in (400, 422):
                    raise
                msg = e.body.get("message", "") if isinstance(e.body, dict) else str(e.body)
                rejected.append((o, msg))
        return applied, rejected

    def sentinel(self, n):
        """Bindings created after the scenario: once a SubjectAccessReview sees them, the authorizer's
        RoleBinding, ClusterRoleBinding and Role caches hold the scenario too (watch events arrive in order)."""
        user = f"oracle-sentinel-{n}-{int(time.time() * 1000)}"
        ns = NAMESPACES[0]
        objs = [
            {"apiVersion": f"{RBAC}/v1", "kind": "Role", "metadata": meta("oracle-sentinel", ns),
             "rules": [rule_dict(["oracle-sentinel"], ["oracle.invalid"], ["sentinels"])]},
            {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta("oracle-sentinel", ns),
             "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "oracle-sentinel"},
             "subjects": [{"kind": "User", "apiGroup": RBAC, "name": user}]},
            {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRoleBinding", "metadata": meta("oracle-sentinel"),
             "roleRef": {"apiGroup": RBAC, "kind": "ClusterRole", "name": "system:basic-user"},
             "subjects": [{"kind": "User", "apiGroup": RBAC, "name": user}]},
        ]
        for o in objs:
            self.api.create(object_path(o), o)
        t0 = time.time()
        while True:
            a, _ = self.api.sar(user, [], resource={"verb": "oracle-sentinel", "group": "oracle.invalid",
                                                    "resource": "sentinels", "namespace": ns})
            b, _ = self.api.sar(user, [], resource={"verb": "create", "group": "authorization.k8s.io",
                                                    "resource": "selfsubjectaccessreviews"})
            if a and b:
                break
            if time.time() - t0 > 30:
                raise RuntimeError("sentinel bindings never became visible to the authorizer")
            time.sleep(0.2)
        time.sleep(1.0)   # margin for the ClusterRole cache, which has no sentinel of its own
        return objs

    def delete_all(self, objs):
        for o in reversed(objs):
            if o["kind"] != "Namespace":
                self.api.delete(object_path(o, with_name=True))

    def ask(self, q):
        if q["path"] is not None:
            return self.api.sar(q["user"], q["groups"], non_resource={"path": q["path"], "verb": q["verb"]})[0]
        return self.api.sar(q["user"], q["groups"], resource={
            "verb": q["verb"], "group": q["group"], "resource": q["resource"], "subresource": q["sub"],
            "namespace": q["ns"], "name": q["name"]})[0]

    def record(self, n, target):
        objs = make_scenario(self.seed, n)
        applied, rejected = self.apply(objs)
        settled = wait_aggregation(self.api, self.log)
        sentinels = self.sentinel(n)
        rng = random.Random(f"{self.seed}:{n}:queries")
        candidates = QueryGen(rng, applied).generate(target)
        first = [self.ask(q) for q in candidates]
        queries, answers = balance(rng, candidates, first, target, ALLOWED_SHARE)
        time.sleep(0.5)
        again = [self.ask(q) for q in queries]
        unstable = [i for i, (a, b) in enumerate(zip(answers, again)) if a != b]
        aggregated = {}
        for o in applied:
            if o["kind"] == "ClusterRole" and o.get("aggregationRule") is not None:
                stored = self.api.get(f"{RBAC_V1}/clusterroles/{o['metadata']['name']}")
                aggregated[o["metadata"]["name"]] = len(stored.get("rules") or [])
        self.delete_all(applied + sentinels)
        wait_aggregation(self.api, self.log)
        if unstable:
            raise RuntimeError(f"scenario {n}: {len(unstable)} answers changed between two rounds")
        if not settled:
            raise RuntimeError(f"scenario {n}: aggregation did not settle")
        self.write(n, applied, rejected, queries, answers, aggregated)
        allowed = sum(answers)
        self.log(f"scenario {n:03d}: {len(applied)} objects ({len(rejected)} rejected), {len(queries)} cases, "
                 f"{allowed} allowed")
        return len(queries), allowed, rejected

    def header(self, n, what):
        return (f"# rbac-audit oracle, scenario {n:03d}: {what}\n"
                f"# recorded from a real kube-apiserver {self.version} (RBAC authorizer, clusterrole-aggregation "
                f"controller) on {self.date}\n"
                f"# seed {self.seed}, scenario {n} (random.Random('{self.seed}:{n}')); "
                f"re-record: python3 src/test/oracle/record_oracle.py --seed {self.seed} --only {n}\n")

    def write(self, n, applied, rejected, queries, answers, aggregated):
        os.makedirs(self.out_dir, exist_ok=True)
        with open(os.path.join(self.out_dir, f"scenario-{n:03d}.yaml"), "w") as f:
            f.write(self.header(n, "the objects as applied (the server's default roles and bindings also exist)"))
            for name, count in sorted(aggregated.items()):
                f.write(f"# aggregated ClusterRole {name}: the controller stored {count} rules\n")
            for o, msg in rejected:
                f.write(f"# rejected by the API server, left out: {o['kind']} "
                        f"{o['metadata'].get('namespace', '') + '/' if o['metadata'].get('namespace') else ''}"
                        f"{o['metadata']['name']}: {msg}\n")
            f.write(to_yaml_docs(applied))
        with open(os.path.join(self.out_dir, f"scenario-{n:03d}.cases"), "w") as f:
            f.write(self.header(n, "SubjectAccessReview answers"))
            f.write("# allowed|denied user groups verb apiGroup resource subresource namespace name  (tab-separated)\n"
                    "# allowed|denied user groups verb URL path                                        "
                    "(non-resource)\n# '-' stands for empty; groups are comma-separated\n")
            for q, a in zip(queries, answers):
                f.write(case_line(q, a) + "\n")


# ------------------------------------------------------------------------------------------------------------------
# Probes: specific beliefs checked against the server
# ------------------------------------------------------------------------------------------------------------------

def probes(api, log):
    results = []

    def try_create(o):
        try:
            api.create(object_path(o), o)
            return "accepted", None
        except ApiError as e:
            return f"rejected (HTTP {e.status})", (e.body.get("message") if isinstance(e.body, dict) else e.body)

    def cleanup(objs):
        for o in objs:
            api.delete(object_path(o, with_name=True))

    def cr(name, rules=None, agg=None, labels=None):
        o = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole", "metadata": meta(name, labels=labels)}
        if rules is not None:
            o["rules"] = rules
        if agg is not None:
            o["aggregationRule"] = agg
        return o

    def crb(name, role, subjects, kind="ClusterRole"):
        return {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRoleBinding", "metadata": meta(name),
                "roleRef": {"apiGroup": RBAC, "kind": kind, "name": role}, "subjects": subjects}

    def user(n):
        return {"kind": "User", "apiGroup": RBAC, "name": n}

    # (a) aggregationRule with an empty selector list.
    for label, agg in (("clusterRoleSelectors: []", {"clusterRoleSelectors": []}), ("aggregationRule: {}", {})):
        o = cr("probe-a", agg=agg)
        verdict, msg = try_create(o)
        results.append(("a", f"ClusterRole with {label}", verdict, msg))
        if verdict == "accepted":
            cleanup([o])

    # (b) an empty selector {} selects every ClusterRole, cluster-admin included.
    o = cr("probe-b", agg={"clusterRoleSelectors": [{}]})
    b = crb("probe-b", "probe-b", [user("probe-b-user")])
    try_create(o)
    try_create(b)
    wait_aggregation(api, log)
    stored = api.get(f"{RBAC_V1}/clusterroles/probe-b").get("rules") or []
    has_star = any(r.get("verbs") == ["*"] and r.get("apiGroups") == ["*"] and r.get("resources") == ["*"]
                   for r in stored)
    has_url_star = any(r.get("nonResourceURLs") == ["*"] and r.get("verbs") == ["*"] for r in stored)
    time.sleep(1.5)
    a1 = api.sar("probe-b-user", [], resource={"verb": "impersonate", "resource": "users", "name": "x"})[0]
    a2 = api.sar("probe-b-user", [], non_resource={"verb": "delete", "path": "/anything/at/all"})[0]
    results.append(("b", "ClusterRole with clusterRoleSelectors: [{}]",
                    f"aggregated {len(stored)} rules; includes cluster-admin's '*'/'*'/'*': {has_star}; "
                    f"includes URL '*' verb '*': {has_url_star}; bound user may impersonate users: {a1}, "
                    f"delete /anything/at/all: {a2}", None))
    cleanup([b, o])

    # (c) a ServiceAccount subject without namespace in a ClusterRoleBinding.
    o = crb("probe-c", "view", [{"kind": "ServiceAccount", "name": "default"}])
    verdict, msg = try_create(o)
    results.append(("c", "ClusterRoleBinding with subject {kind: ServiceAccount, name: default} (no namespace)",
                    verdict, msg))
    if verdict == "accepted":
        cleanup([o])

    # (d) resourceNames with verb list.
    api_ns = NAMESPACES[0]
    role = {"apiVersion": f"{RBAC}/v1", "kind": "Role", "metadata": meta("probe-d", api_ns),
            "rules": [rule_dict(["list", "get"], [""], ["configmaps"], names=["app-config"])]}
    rb = {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta("probe-d", api_ns),
          "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "probe-d"}, "subjects": [user("probe-d-user")]}
    empty = {"apiVersion": f"{RBAC}/v1", "kind": "Role", "metadata": meta("probe-d-empty", api_ns),
             "rules": [rule_dict(["list"], [""], ["secrets"], names=[""])]}
    rb2 = {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta("probe-d-empty", api_ns),
           "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "probe-d-empty"}, "subjects": [user("probe-d-user")]}
    for x in (role, rb, empty, rb2):
        try_create(x)
    time.sleep(1.5)

    def ask(verb, res, name):
        return api.sar("probe-d-user", [], resource={"verb": verb, "resource": res, "namespace": api_ns,
                                                     "name": name})[0]
    results.append(("d", "Role rule {verbs: [list, get], resources: [configmaps], resourceNames: [app-config]}",
                    f"list without a name: {ask('list', 'configmaps', '')}; list with name app-config "
                    f"(fieldSelector metadata.name=app-config): {ask('list', 'configmaps', 'app-config')}; "
                    f"get app-config: {ask('get', 'configmaps', 'app-config')}; get other: "
                    f"{ask('get', 'configmaps', 'other')}", None))
    stored_empty = api.get(f"{RBAC_V1}/namespaces/{api_ns}/roles/probe-d-empty")["rules"][0].get("resourceNames")
    results.append(("d'", "Role rule {verbs: [list], resources: [secrets], resourceNames: ['']}",
                    f"accepted, stored resourceNames {json.dumps(stored_empty)}; list secrets without a name: "
                    f"{ask('list', 'secrets', '')}; list with name x: {ask('list', 'secrets', 'x')}", None))
    cleanup([rb2, empty, rb, role])

    # Aggregation corner cases the spec talks about.
    cyc = "probe.example.com/cycle"
    pa = cr("probe-cycle-a", rules=[rule_dict(["get"], ["example.com"], ["widgets"])],
            agg={"clusterRoleSelectors": [{"matchLabels": {cyc: "b"}}]}, labels={cyc: "a"})
    pb = cr("probe-cycle-b", rules=[rule_dict(["list"], ["example.com"], ["gadgets"])],
            agg={"clusterRoleSelectors": [{"matchLabels": {cyc: "a"}}]}, labels={cyc: "b"})
    pself = cr("probe-self", rules=[rule_dict(["get"], [""], ["pods"])],
               agg={"clusterRoleSelectors": [{"matchLabels": {"probe.example.com/self": "yes"}}]},
               labels={"probe.example.com/self": "yes"})
    for x in (pa, pb, pself):
        try_create(x)
    wait_aggregation(api, log)

    def stored_rules(name):
        return json.dumps(api.get(f"{RBAC_V1}/clusterroles/{name}").get("rules") or [], separators=(",", ":"))
    results.append(("-", "two aggregated ClusterRoles selecting each other, each created with own rules "
                    "(get widgets / list gadgets), nothing else selected",
                    f"stored rules: probe-cycle-a {stored_rules('probe-cycle-a')}; probe-cycle-b "
                    f"{stored_rules('probe-cycle-b')} (the least fixed point is empty for both)", None))
    results.append(("-", "an aggregated ClusterRole with own rules whose selector matches only its own labels",
                    f"stored rules: {stored_rules('probe-self')}", None))
    cleanup([pself, pb, pa])

    # Subjects and roleRefs without apiGroup (v1 defaulting fills them in) and a namespace-less ServiceAccount
    # subject in a RoleBinding.
    rb_def = {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta("probe-defaulting", api_ns),
              "roleRef": {"kind": "ClusterRole", "name": "view"},
              "subjects": [{"kind": "User", "name": "probe-user-no-apigroup"},
                           {"kind": "ServiceAccount", "name": "probe-sa"}]}
    verdict, msg = try_create(rb_def)
    if verdict == "accepted":
        stored = api.get(f"{RBAC_V1}/namespaces/{api_ns}/rolebindings/probe-defaulting")
        time.sleep(1.5)
        u = api.sar("probe-user-no-apigroup", [], resource={"verb": "get", "resource": "pods",
                                                             "namespace": api_ns})[0]
        sa_here = api.sar(f"system:serviceaccount:{api_ns}:probe-sa", [], resource={
            "verb": "get", "resource": "pods", "namespace": api_ns})[0]
        sa_other = api.sar(f"system:serviceaccount:{NAMESPACES[1]}:probe-sa", [], resource={
            "verb": "get", "resource": "pods", "namespace": api_ns})[0]
        verdict = (f"accepted; stored roleRef.apiGroup {json.dumps(stored['roleRef'].get('apiGroup'))}, "
                   f"subjects {json.dumps(stored['subjects'], separators=(',', ':'))}; the User may get pods in "
                   f"{api_ns}: {u}; system:serviceaccount:{api_ns}:probe-sa may: {sa_here}; "
                   f"system:serviceaccount:{NAMESPACES[1]}:probe-sa may: {sa_other}")
        cleanup([rb_def])
    results.append(("-", f"RoleBinding in {api_ns} without roleRef.apiGroup, subjects User without apiGroup and "
                    "ServiceAccount without namespace", verdict, msg))

    # Other validation facts the generator relies on.
    extra = [
        ("ClusterRoleBinding with roleRef kind Role", crb("probe-e", "some-role", [user("u")], kind="Role")),
        ("ClusterRoleBinding with subject kind 'user' (lower case)",
         crb("probe-f", "view", [{"kind": "user", "apiGroup": RBAC, "name": "u"}])),
        ("ClusterRole rule with both resources and nonResourceURLs",
         cr("probe-g", rules=[rule_dict(["get"], [""], ["pods"], urls=["/healthz"])])),
        ("Role rule with nonResourceURLs",
         {"apiVersion": f"{RBAC}/v1", "kind": "Role", "metadata": meta("probe-h", api_ns),
          "rules": [rule_dict(["get"], urls=["/metrics"])]}),
        ("ClusterRole rule with empty verbs", cr("probe-i", rules=[rule_dict([], [""], ["pods"])])),
        ("ClusterRole rule with verbs and apiGroups but no resources", cr("probe-j", rules=[rule_dict(["get"], [""])])),
        ("ClusterRoleBinding with no subjects", crb("probe-k", "view", [])),
        ("ClusterRoleBinding to a missing ClusterRole", crb("probe-l", "does-not-exist", [user("u")])),
        ("RoleBinding with roleRef apiGroup 'rbac'",
         {"apiVersion": f"{RBAC}/v1", "kind": "RoleBinding", "metadata": meta("probe-m", api_ns),
          "roleRef": {"apiGroup": "rbac", "kind": "ClusterRole", "name": "view"}, "subjects": [user("u")]}),
    ]
    for label, o in extra:
        verdict, msg = try_create(o)
        results.append(("-", label, verdict, msg))
        if verdict == "accepted":
            cleanup([o])
    return results


def write_probes(path, results, version, date):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# Probes: specific questions asked of a real kube-apiserver {version} on {date}\n")
        f.write("# (written by src/test/oracle/record_oracle.py; re-run it to refresh)\n\n")
        for tag, what, verdict, msg in results:
            f.write(f"[{tag}] {what}\n    -> {verdict}\n")
            if msg:
                f.write(f"       server said: {msg}\n")


# ------------------------------------------------------------------------------------------------------------------

def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cluster-dir", default="/tmp/rbac-audit-oracle-cluster")
    ap.add_argument("--seed", default="20250601")
    ap.add_argument("--scenarios", type=int, default=36)
    ap.add_argument("--cases", type=int, default=70, help="queries per scenario (at most)")
    ap.add_argument("--out", default=os.path.join(REPO, "src", "test", "resources", "oracle"))
    ap.add_argument("--only", default=None, help="comma-separated scenario numbers to re-record")
    ap.add_argument("--probes-only", action="store_true")
    args = ap.parse_args()

    def log(msg):
        print(f"[oracle] {msg}", file=sys.stderr, flush=True)

    script = os.path.join(REPO, ".ci", "kube-apiserver.sh")
    started = False
    if subprocess.run(["bash", script, "status", args.cluster_dir], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["bash", script, "start", args.cluster_dir], check=True)
        started = True
    try:
        env = read_env(os.path.join(args.cluster_dir, "cluster.env"))
        api = Api(env["KUBE_API_SERVER"], env["KUBE_ADMIN_TOKEN"], env["KUBE_CA_FILE"])
        version = api.get("/version")["gitVersion"]
        log(f"kube-apiserver {version} at {env['KUBE_API_SERVER']}")
        rec = Recorder(api, args.out, args.seed, version, log)
        for ns in NAMESPACES:
            rec.ensure_namespace(ns)
        rec.reset()
        write_probes(os.path.join(args.out, "probes.txt"), probes(api, log), version, rec.date)
        log(f"probes written to {os.path.join(args.out, 'probes.txt')}")
        if args.probes_only:
            return
        numbers = [int(x) for x in args.only.split(",")] if args.only else range(1, args.scenarios + 1)
        total = allowed = 0
        for n in numbers:
            c, a, _ = rec.record(n, args.cases)
            total += c
            allowed += a
        log(f"{len(list(numbers))} scenarios, {total} cases, {allowed} allowed "
            f"({100.0 * allowed / max(total, 1):.1f}%)")
    finally:
        if started:
            subprocess.run(["bash", script, "stop", args.cluster_dir])


if __name__ == "__main__":
    main()
