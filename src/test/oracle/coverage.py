#!/usr/bin/env python3
"""Which clauses of spec/rbac-semantics.md the recorded oracle exercises (a summary for the README).

Re-creates each scenario from its seed (record_oracle.make_scenario, minus the objects the server rejected, as
listed in the YAML header) and re-evaluates every recorded case with a deliberately small matcher, without the
Kubernetes defaults:
  * for allowed cases: through which binding path, subject kind and rule clause they were allowed;
  * for denied cases: which one-field "relaxation" (case-insensitive verb, "v1" as core, ignoring the subresource,
    RoleBinding namespace ignored, ...) would have allowed them, i.e. which near miss the case checks.
Cases that a default role may decide (bindings to view/edit/admin, selectors that reach default ClusterRoles) are
counted apart. The matcher must agree with every other recorded answer; it prints any case where it does not.

  python3 src/test/oracle/coverage.py [--seed S] [--dir src/test/resources/oracle]
"""

import argparse
import collections
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record_oracle as R  # noqa: E402

DEFAULTS_LABELS = {"kubernetes.io/bootstrapping": "rbac-defaults"}


def rule_tags(rule, q):
    """The clauses through which this rule allows q, or None."""
    verbs = rule.get("verbs") or []
    if q["verb"] not in verbs and "*" not in verbs:
        return None
    tags = ["verb '*'" if q["verb"] not in verbs else
            "verb exact" + (" (not lower case)" if q["verb"] != q["verb"].lower() else "")]
    if q["path"] is not None:
        for u in rule.get("nonResourceURLs") or []:
            if u == "*":
                return tags + ["URL '*'"]
            if u == q["path"]:
                return tags + ["URL exact"]
            if u.endswith("*") and q["path"].startswith(u.rstrip("*")):
                return tags + ["URL trailing '*'"]
        return None
    groups = rule.get("apiGroups") or []
    if q["group"] not in groups and "*" not in groups:
        return None
    tags.append("apiGroup '*'" if q["group"] not in groups else
                "apiGroup core \"\"" if q["group"] == "" else "apiGroup exact")
    combined = q["resource"] + ("/" + q["sub"] if q["sub"] else "")
    for r in rule.get("resources") or []:
        if r == "*":
            tags.append("resource '*'" + (" (with subresource)" if q["sub"] else ""))
            break
        if r == combined:
            tags.append("resource exact" + (" (resource/subresource)" if q["sub"] else ""))
            break
        if q["sub"] and r == "*/" + q["sub"]:
            tags.append("resource '*/sub'")
            break
    else:
        return None
    names = rule.get("resourceNames") or []
    if names:
        if q["name"] not in names:
            return None
        tags.append("resourceNames" + (" [\"\"] without a name" if q["name"] == "" else "") + f" ({q['verb']})")
    return tags


class Scenario:
    def __init__(self, seed, n, yaml_path):
        header = open(yaml_path).read()
        rejected = set(re.findall(r"# rejected by the API server, left out: (\S+) (\S+):", header))

        def ref(o):
            m = o["metadata"]
            return o["kind"], (m["namespace"] + "/" if m.get("namespace") else "") + m["name"]
        self.objs = [o for o in R.make_scenario(seed, n) if ref(o) not in rejected]
        self.crs = {o["metadata"]["name"]: o for o in self.objs if o["kind"] == "ClusterRole"}

    def selected(self, cr, seen):
        for sel in cr["aggregationRule"]["clusterRoleSelectors"]:
            for o in self.crs.values():
                if o is not cr and o["metadata"]["name"] not in seen and \
                        R.selector_matches(sel, o["metadata"].get("labels") or {}):
                    yield o

    def cluster_rules(self, cr, seen=()):
        if cr.get("aggregationRule") is None:
            return cr.get("rules") or []
        seen = seen + (cr["metadata"]["name"],)
        return [r for o in self.selected(cr, seen) for r in self.cluster_rules(o, seen)]

    def reaches_defaults(self, cr, seen=()):
        if cr.get("aggregationRule") is None:
            return False
        if any(R.selector_matches(s, DEFAULTS_LABELS) for s in cr["aggregationRule"]["clusterRoleSelectors"]):
            return True
        seen = seen + (cr["metadata"]["name"],)
        return any(self.reaches_defaults(o, seen) for o in self.selected(cr, seen))

    def evaluate(self, user, groups, q, relax=None):
        """(tags of every grant, whether a default role may decide)."""
        grants, via_defaults = [], False
        for b in self.objs:
            if b["kind"] not in ("RoleBinding", "ClusterRoleBinding"):
                continue
            bns = b["metadata"].get("namespace")
            if b["kind"] == "RoleBinding" and bns != q["ns"] and relax != "RoleBinding namespace ignored":
                continue
            subject = self.subject_match(b, bns, user, groups, relax)
            if subject is None:
                continue
            roleref = b["roleRef"]
            if roleref["kind"] == "Role":
                roles = [o for o in self.objs if o["kind"] == "Role" and o["metadata"]["name"] == roleref["name"]
                         and (o["metadata"]["namespace"] == bns or relax == "Role of another namespace used")]
                rules, path = (roles[0].get("rules") or []) if roles else [], "RoleBinding -> Role"
            else:
                cr = self.crs.get(roleref["name"])
                if cr is None:
                    via_defaults |= roleref["name"] in R.DEFAULT_CLUSTER_ROLES
                    continue
                via_defaults |= self.reaches_defaults(cr)
                aggregated = cr.get("aggregationRule") is not None
                rules = self.cluster_rules(cr)
                path = f"{b['kind']} -> {'aggregated ' if aggregated else ''}ClusterRole"
            for rule in rules:
                tags = rule_tags(*relaxed(rule, q, relax))
                if tags:
                    grants.append([path, subject] + tags)
        return grants, via_defaults

    @staticmethod
    def subject_match(b, bns, user, groups, relax):
        for s in b.get("subjects") or []:
            name = s["name"]
            if s["kind"] == "User":
                if name == user or (relax == "user name case" and name.lower() == user.lower().strip()):
                    return "subject User" + (" named system:serviceaccount:..." if
                                             name.startswith("system:serviceaccount:") else "")
            elif s["kind"] == "Group":
                if name in groups or (relax == "group name case" and name.lower() in [g.lower() for g in groups]):
                    return "subject Group"
            elif s["kind"] == "ServiceAccount":
                ns = s.get("namespace") or bns
                full = f"system:serviceaccount:{ns}:{name}"
                if user == full or (relax == "service-account prefix" and user.startswith(
                        f"system:serviceaccount:{ns}") and user.endswith(":" + name)):
                    return "subject ServiceAccount" + ("" if s.get("namespace") else " (namespace from binding)")
        return None


def relaxed(rule, q, relax):
    q = dict(q)
    rule = dict(rule)
    if relax == "verb case":
        q["verb"] = q["verb"].lower()
        rule["verbs"] = [v.lower() for v in rule.get("verbs") or []]
    if q["path"] is None:
        if relax == "\"v1\" as the core group":
            rule["apiGroups"] = ["" if g == "v1" else g for g in rule.get("apiGroups") or []]
            q["group"] = "" if q["group"] == "v1" else q["group"]
        if relax == "resource case":
            q["resource"] = q["resource"].lower()
            rule["resources"] = [r.lower() for r in rule.get("resources") or []]
        if relax == "parent resource covers its subresources" and q["sub"]:
            q["sub"] = ""
        if relax == "'pods/*' as a wildcard" and q["sub"]:
            rule["resources"] = [r[:-1] + q["sub"] if r.endswith("/*") and r != "*/*" else r
                                 for r in rule.get("resources") or []]
        if relax == "resourceNames ignored":
            rule["resourceNames"] = []
    else:
        if relax == "URL case":
            q["path"] = q["path"].lower()
            rule["nonResourceURLs"] = [u.lower() for u in rule.get("nonResourceURLs") or []]
        if relax == "'/x/*' also matching '/x'":
            rule["nonResourceURLs"] = (rule.get("nonResourceURLs") or []) + [
                u[:-2] for u in rule.get("nonResourceURLs") or [] if u.endswith("/*")]
    return rule, q


RELAXATIONS = ["RoleBinding namespace ignored", "Role of another namespace used", "user name case",
               "group name case", "service-account prefix", "verb case", "\"v1\" as the core group",
               "resource case", "parent resource covers its subresources", "'pods/*' as a wildcard",
               "resourceNames ignored", "URL case", "'/x/*' also matching '/x'"]


def parse_case(line):
    f = line.rstrip("\n").split("\t")
    groups = [] if f[2] == "-" else f[2].split(",")
    if f[4] == "URL":
        q = {"verb": f[3], "path": f[5], "ns": ""}
    else:
        d = lambda s: "" if s == "-" else s  # noqa: E731
        q = {"verb": f[3], "group": d(f[4]), "resource": f[5], "sub": d(f[6]), "ns": d(f[7]), "name": d(f[8]),
             "path": None}
    return f[0] == "allowed", f[1], groups, q


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", default="20250601")
    ap.add_argument("--dir", default=os.path.join(R.REPO, "src", "test", "resources", "oracle"))
    args = ap.parse_args()
    allowed_by, denied_by = collections.Counter(), collections.Counter()
    total = defaults = mismatches = 0
    for yaml_path in sorted(glob.glob(os.path.join(args.dir, "scenario-*.yaml"))):
        n = int(re.search(r"scenario-(\d+)\.yaml", yaml_path).group(1))
        sc = Scenario(args.seed, n, yaml_path)
        for line in open(yaml_path[:-5] + ".cases"):
            if line.startswith("#") or not line.strip():
                continue
            total += 1
            answer, user, groups, q = parse_case(line)
            grants, via_defaults = sc.evaluate(user, groups, q)
            if via_defaults:
                defaults += 1
                continue
            if bool(grants) != answer:
                mismatches += 1
                print(f"this matcher disagrees: scenario {n}: {line.strip()}")
            if answer:
                for tag in {t for g in grants for t in g}:
                    allowed_by[tag] += 1
            else:
                hit = False
                for relax in RELAXATIONS:
                    if sc.evaluate(user, groups, q, relax)[0]:
                        denied_by[relax] += 1
                        hit = True
                if not hit:
                    denied_by["(no one-field near miss)"] += 1
    print(f"{total} cases; {defaults} may depend on default roles (not analysed); "
          f"{mismatches} where this small matcher disagrees with the server")
    print("\nallowed cases, by what allowed them (a case counts under every tag of every grant):")
    for tag, count in sorted(allowed_by.items()):
        print(f"  {count:5d}  {tag}")
    print("\ndenied cases, by the near miss they check (would be allowed if ...):")
    for tag, count in sorted(denied_by.items()):
        print(f"  {count:5d}  {tag}")


if __name__ == "__main__":
    main()
