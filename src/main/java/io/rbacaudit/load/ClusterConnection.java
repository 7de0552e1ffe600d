package io.rbacaudit.load;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.credentials.TokenFileAuthentication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An authenticated client-java {@link ApiClient} for one context, built the two ways a Kubernetes client connects:
 * from a kubeconfig (every auth kind client-java's ClientBuilder supports: token, client certificate, exec plugin,
 * OIDC, basic) or from the in-cluster ServiceAccount mount. TLS is verified unless the kubeconfig says
 * {@code insecure-skip-tls-verify}.
 */
record ClusterConnection(String context, String server, ApiClient client) {

  static final String IN_CLUSTER = "in-cluster";
  static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** The kubeconfig files, merged; {@code context} null means the current context. */
  static ClusterConnection kubeconfig(List<Path> files, String context) {
    KubeConfig config = KubeconfigFiles.read(files);
    if (context != null) {
      if (!config.setContext(context)) {
        throw new ClusterException("context \"" + context + "\" is not in the kubeconfig (" + names(files)
            + "); contexts there: " + contextNames(config) + ". Check 'kubectl config get-contexts'");
      }
    } else if (config.getCurrentContext() == null || config.getCurrentContext().isEmpty()) {
      throw new ClusterException("the kubeconfig (" + names(files) + ") has no current context; give --context "
          + "C (contexts there: " + contextNames(config) + ")");
    }
    String name = config.getCurrentContext();
    String server = config.getServer();
    if (server == null || server.isEmpty()) {
      throw new ClusterException("context \"" + name + "\": its cluster has no server address in the kubeconfig ("
          + names(files) + "); fix the kubeconfig");
    }
    try {
      ApiClient client = ClientBuilder.kubeconfig(config).build();
      return new ClusterConnection(name, server, withTimeouts(client));
    } catch (IOException | RuntimeException e) {
      // Not e.getMessage(): the builder's messages can quote kubeconfig content, and that may be a credential.
      throw new ClusterException("context \"" + name + "\": cannot use its credentials or certificates from the "
          + "kubeconfig (" + e.getClass().getSimpleName() + "); check the files it names and "
          + "'kubectl --context " + name + " get ns'");
    }
  }

  /**
   * The pod's mounted ServiceAccount: {@code token} and {@code ca.crt}, with the API server from
   * KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT.
   */
  static ClusterConnection inCluster(Path tokenFile, Path caFile, Map<String, String> env) {
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String port = env.get("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
      throw new ClusterException("--in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; "
          + "run inside a pod, or use --cluster with a kubeconfig");
    }
    if (!Files.isReadable(tokenFile) || !Files.isReadable(caFile)) {
      throw new ClusterException("--in-cluster: cannot read the ServiceAccount token " + tokenFile + " or CA "
          + caFile + "; mount the ServiceAccount token (automountServiceAccountToken) or use --cluster");
    }
    String server = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    try {
      ApiClient client = new ClientBuilder()
          .setBasePath(server)
          .setVerifyingSsl(true)
          .setCertificateAuthority(Files.readAllBytes(caFile))
          .setAuthentication(new TokenFileAuthentication(tokenFile.toString()))
          .build();
      return new ClusterConnection(IN_CLUSTER, server, withTimeouts(client));
    } catch (IOException | RuntimeException e) {
      throw new ClusterException("--in-cluster: cannot use the CA " + caFile + " (" + e.getClass().getSimpleName()
          + "); check the mounted ca.crt");
    }
  }

  private static ApiClient withTimeouts(ApiClient client) {
    // Fail an unreachable server in seconds, not minutes; a big list may take a while to arrive.
    return client.setConnectTimeout(10_000).setReadTimeout(60_000);
  }

  private static String names(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path p : files) {
      out.add(p.toString());
    }
    return String.join(", ", out);
  }

  private static String contextNames(KubeConfig config) {
    List<String> out = new ArrayList<>();
    for (Object c : config.getContexts() == null ? List.of() : config.getContexts()) {
      if (c instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        out.add(n);
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }
}
