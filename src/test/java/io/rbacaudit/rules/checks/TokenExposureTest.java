package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.ScanContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' precedence for whether and how a token reaches containers (issue 3, item 3): the pod's
 * automountServiceAccountToken overrides the ServiceAccount's; a container that mounts its own volume over the token
 * path does not get the automounted token; projected tokens and token Secrets (volume, projected source, env) are
 * exposure too, each as the token of its own ServiceAccount.
 */
class TokenExposureTest {

  private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  private static TokenExposure exposure(String yaml, String workloadName) {
    ScanContext context = Scans.context(yaml);
    Workload w = context.inventory().workloads().stream().filter(x -> x.name().equals(workloadName))
        .findFirst().orElseThrow();
    return TokenExposure.of(w, context);
  }

  private static String serviceAccount(String automount) {
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: app, namespace: shop}
        """ + (automount.equals("unset") ? "" : "automountServiceAccountToken: " + automount + "\n");
  }

  private static String pod(String automount) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          serviceAccountName: app
        """ + (automount.equals("unset") ? "" : "  automountServiceAccountToken: " + automount + "\n") + """
          containers:
          - name: main
            image: busybox
        """;
  }

  @ParameterizedTest(name = "pod {0}, ServiceAccount {1} -> mounted {2}")
  @CsvSource({
      "unset, unset, true",
      "unset, true,  true",
      "unset, false, false",
      "true,  false, true",
      "false, true,  false",
      "false, unset, false",
      "true,  unset, true"})
  void podSettingWinsOverServiceAccountSetting(String podSetting, String saSetting, boolean mounted) {
    TokenExposure e = exposure(serviceAccount(saSetting) + "---\n" + pod(podSetting), "p");
    assertEquals(mounted, e.automounted());
    assertEquals(mounted, e.ownTokenMounted());
  }

  @Test
  void theDeprecatedServiceAccountFieldSelectsWhoseSettingApplies() {
    String yaml = serviceAccount("false") + """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          serviceAccount: app
          containers:
          - name: main
            image: busybox
        """;
    TokenExposure e = exposure(yaml, "p");
    assertEquals("app", e.serviceAccount());
    assertFalse(e.automounted(), "ServiceAccount app opts out, and the pod runs as app through the old field");
  }

  @Test
  void aContainerMountingItsOwnVolumeOverTheTokenPathDoesNotGetTheToken() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          initContainers:
          - name: init
            image: busybox
          containers:
          - name: shielded
            image: busybox
            volumeMounts:
            - {name: empty, mountPath: %s}
          - name: exposed
            image: busybox
          ephemeralContainers:
          - name: debugger
            image: busybox
          volumes:
          - name: empty
            emptyDir: {}
        """.formatted(TOKEN_PATH);
    TokenExposure e = exposure(yaml, "p");
    assertTrue(e.automounted());
    assertEquals(Set.of("init", "exposed"), Set.copyOf(e.sources().get(0).containers()),
        "init containers get the token, ephemeral containers never do, the shielded container does not");
  }

  @Test
  void whenEveryContainerShadowsTheTokenPathNothingIsMounted() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          containers:
          - name: only
            image: busybox
            volumeMounts:
            - {name: empty, mountPath: %s}
          volumes:
          - name: empty
            emptyDir: {}
        """.formatted(TOKEN_PATH);
    TokenExposure e = exposure(yaml, "p");
    assertTrue(e.automountEnabled());
    assertFalse(e.automounted());
    assertFalse(e.ownTokenMounted());
  }

  @Test
  void aProjectedTokenIsTheOwnTokenEvenWithAutomountOff() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          serviceAccountName: app
          automountServiceAccountToken: false
          containers:
          - name: main
            image: busybox
            volumeMounts:
            - {name: tok, mountPath: /var/run/tokens}
          volumes:
          - name: tok
            projected:
              sources:
              - serviceAccountToken: {path: token}
          - name: unmounted
            projected:
              sources:
              - serviceAccountToken: {path: token}
        """;
    TokenExposure e = exposure(yaml, "p");
    assertFalse(e.automounted());
    assertTrue(e.ownTokenMounted());
    assertEquals(1, e.sources().size(), "a projected volume that no container mounts exposes nothing");
    assertEquals(TokenExposure.Way.PROJECTED_TOKEN, e.sources().get(0).way());
  }

  @Test
  void tokenSecretsAreTheTokensOfTheirOwnServiceAccount() {
    String yaml = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: bot-token
          namespace: shop
          annotations: {kubernetes.io/service-account.name: bot}
        type: kubernetes.io/service-account-token
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: config, namespace: shop}
        type: Opaque
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          serviceAccountName: app
          automountServiceAccountToken: false
          containers:
          - name: main
            image: busybox
            env:
            - name: T
              valueFrom: {secretKeyRef: {name: bot-token, key: token}}
            envFrom:
            - secretRef: {name: config}
            volumeMounts:
            - {name: legacy, mountPath: /legacy}
          volumes:
          - name: legacy
            projected:
              sources:
              - secret: {name: default-token-ab12c}
        """;
    TokenExposure e = exposure(yaml, "p");
    List<TokenExposure.Source> secrets = e.tokenSecrets();
    assertEquals(2, secrets.size(), "the Opaque Secret is no token: " + secrets);
    assertEquals("default", secrets.get(0).serviceAccount(), "owner from the generated name");
    assertEquals(TokenExposure.Way.SECRET_VOLUME, secrets.get(0).way());
    assertEquals("bot", secrets.get(1).serviceAccount(), "owner from the annotation");
    assertEquals(TokenExposure.Way.SECRET_ENV, secrets.get(1).way());
    assertFalse(e.ownTokenMounted(), "tokens of other ServiceAccounts are not the pod's own");
  }

  @Test
  void aPodSpecWithoutContainersIsTakenToGetTheToken() {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: shop}
        spec:
          template:
            spec: {}
        """;
    assertTrue(exposure(yaml, "d").automounted());
  }
}
