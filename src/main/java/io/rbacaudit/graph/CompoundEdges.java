package io.rbacaudit.graph;

import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hops that need several requests, which may be granted by different bindings (the subject's own and its
 * groups'): checked against the actor's effective capabilities. Cost: a few look-ups per namespace where a part is
 * granted, plus one edge per target.
 */
final class CompoundEdges {

  static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";
  static final String CLIENT_SIGNER_DOMAIN = "kubernetes.io/*";

  private final Vertex actor;
  private final Capabilities caps;
  private final GraphAssembly graph;
  private final List<Edge> out = new ArrayList<>();

  private CompoundEdges(Vertex actor, Capabilities caps, GraphAssembly graph) {
    this.actor = actor;
    this.caps = caps;
    this.graph = graph;
  }

  static List<Edge> edges(Vertex actor, Capabilities caps, GraphAssembly graph) {
    if (caps.isEmpty()) {
      return List.of();
    }
    CompoundEdges c = new CompoundEdges(actor, caps, graph);
    c.equivalence();
    c.mintTokenSecrets();
    c.impersonateGroups();
    c.clientCertificates();
    c.mutatingWebhooks();
    return c.out;
  }

  private void edge(Vertex target, EdgeKind kind, Permit permit, List<Permit> requires, String detail) {
    out.add(new Edge(actor, target, kind, permit, requires, detail));
  }

  /** Already cluster-admin: a step, not a hop. */
  private void equivalence() {
    Optional<CapabilityGrant> resources = caps.find(Capability.ALL_RESOURCES, null, null);
    Optional<CapabilityGrant> urls = caps.find(Capability.ALL_URLS, null, null);
    if (resources.isPresent() && urls.isPresent()) {
      edge(Vertex.Target.CLUSTER_ADMIN, EdgeKind.EQUIVALENT, resources.get().permit(null, null),
          List.of(urls.get().permit(null, null)), null);
    }
  }

  /**
   * Create a token Secret for any ServiceAccount of N, then read it back: get, list or watch Secrets in N (under a
   * name the attacker chose, so resourceNames do not stop it) or create a pod that mounts it.
   */
  private void mintTokenSecrets() {
    for (CapabilityGrant create : caps.all(Capability.CREATE_SECRETS)) {
      Set<String> scopes = new LinkedHashSet<>();
      if (create.scope() == null) {
        scopes.add(null);
        scopes.addAll(caps.namespaces(Capability.READ_SECRETS));
        scopes.addAll(caps.namespaces(Capability.CREATE_PODS));
      } else {
        scopes.add(create.scope());
      }
      for (String ns : scopes) {
        readBack(ns).ifPresent(read -> edge(graph.anyServiceAccount(ns), EdgeKind.MINT_TOKEN_SECRET,
            create.permit(ns, null), List.of(read), null));
      }
    }
  }

  /** A way to read a minted Secret in {@code ns} (null: in every namespace). */
  private Optional<Permit> readBack(String ns) {
    for (CapabilityGrant g : caps.all(Capability.READ_SECRETS)) {
      if (ns == null ? g.scope() == null : g.appliesIn(ns)) {
        return Optional.of(g.permit(ns, g.names().isEmpty() ? null : g.names().get(0)));
      }
    }
    for (CapabilityGrant g : caps.all(Capability.CREATE_PODS)) {
      if (ns == null ? g.scope() == null : g.appliesIn(ns)) {
        return Optional.of(g.permit(ns, null));
      }
    }
    return Optional.empty();
  }

  /** Impersonating a group needs impersonating a user too (any user name, or a ServiceAccount). */
  private void impersonateGroups() {
    if (!caps.has(Capability.IMPERSONATE_GROUPS)) {
      return;
    }
    Optional<Permit> user = caps.all(Capability.IMPERSONATE_USERS).stream()
        .map(g -> g.permit(null, g.names().isEmpty() ? null : g.names().get(0)))
        .findFirst()
        .or(() -> caps.all(Capability.IMPERSONATE_SERVICEACCOUNTS).stream()
            .map(g -> g.permit(g.scope(), g.names().isEmpty() ? null : g.names().get(0)))
            .findFirst());
    if (user.isEmpty()) {
      return;
    }
    for (CapabilityGrant g : caps.all(Capability.IMPERSONATE_GROUPS)) {
      for (Subject s : graph.index.identities) {
        if (s.kind() == SubjectKind.GROUP && g.allowsName(s.name())) {
          edge(Vertex.Identity.of(s), EdgeKind.IMPERSONATE_GROUP, g.permit(null, s.name()), List.of(user.get()), null);
        }
      }
    }
  }

  /**
   * Create a CSR, approve it for the client signer and fetch the certificate: any user name and groups, except
   * system:masters, which admission refuses for this signer.
   */
  private void clientCertificates() {
    Optional<CapabilityGrant> create = caps.find(Capability.CREATE_CSR, null, null);
    Optional<CapabilityGrant> approval = caps.findChosenName(Capability.APPROVE_CSR, null);
    Optional<CapabilityGrant> get = caps.findChosenName(Capability.GET_CSR, null);
    String signerName = CLIENT_SIGNER;
    Optional<CapabilityGrant> signer = caps.find(Capability.APPROVE_SIGNER, null, CLIENT_SIGNER);
    if (signer.isEmpty()) {
      signerName = CLIENT_SIGNER_DOMAIN;
      signer = caps.find(Capability.APPROVE_SIGNER, null, CLIENT_SIGNER_DOMAIN);
    }
    if (create.isEmpty() || approval.isEmpty() || get.isEmpty() || signer.isEmpty()) {
      return;
    }
    List<Permit> requires = List.of(approval.get().permit(null, null), signer.get().permit(null, signerName),
        get.get().permit(null, null));
    Permit permit = create.get().permit(null, null);
    edge(graph.anyUser(), EdgeKind.CSR_ISSUE_CLIENT_CERT, permit, requires, null);
    for (Subject s : graph.index.identities) {
      if (s.kind() == SubjectKind.GROUP && !s.name().equals(InventoryIndex.MASTERS)) {
        edge(Vertex.Identity.of(s), EdgeKind.CSR_ISSUE_CLIENT_CERT, permit, requires, null);
      }
    }
    edge(graph.anyServiceAccount(null), EdgeKind.CSR_ISSUE_CLIENT_CERT, permit, requires,
        "a certificate whose common name is the ServiceAccount's user name");
  }

  /**
   * A mutating webhook of one's own, then a deleted pod that its controller recreates through the webhook, which sets
   * any ServiceAccount of the namespace. Controllers are assumed to be doing their job there (the inputs seldom show
   * all of them): deleting pods in N is what opens N.
   */
  private void mutatingWebhooks() {
    Optional<CapabilityGrant> webhook = caps.find(Capability.WRITE_MUTATING_WEBHOOKS, null, null);
    if (webhook.isEmpty()) {
      return;
    }
    Set<String> done = new LinkedHashSet<>();
    for (CapabilityGrant delete : caps.all(Capability.DELETE_PODS)) {
      if (done.add(String.valueOf(delete.scope()))) {
        edge(graph.anyServiceAccount(delete.scope()), EdgeKind.MUTATING_WEBHOOK_INJECT, webhook.get().permit(null, null),
            List.of(delete.permit(delete.scope(), null)), null);
      }
    }
  }
}
