package io.rbacaudit.load;

import io.kubernetes.client.openapi.ApiException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed API call into one line naming the context, the server and what to do. Built from the status code
 * and the exception's type only: exception and response texts are never echoed, since they can carry credentials.
 */
final class ClusterFailures {

  private ClusterFailures() {}

  /** 429, 5xx and timeouts are worth another try; everything else fails the same way again. */
  static boolean retryable(ApiException e) {
    int code = e.getCode();
    return code == 429 || code >= 500 || (code == 0 && find(e, InterruptedIOException.class) != null
        && find(e, ConnectException.class) == null);
  }

  static ClusterException describe(ApiException e, ClusterConnection c) {
    String where = "cluster context \"" + c.context() + "\" (" + c.server() + ")";
    int code = e.getCode();
    if (code == 401) {
      return new ClusterException(where + ": 401 Unauthorized: the credentials were refused (bad or expired token "
          + "or certificate); renew them, e.g. log in again, and check 'kubectl --context " + c.context()
          + " get ns'");
    }
    if (code == 403) {
      return new ClusterException(where + ": 403 Forbidden; give the scanning identity read access");
    }
    if (code != 0) {
      return new ClusterException(where + ": the API server answered HTTP " + code + "; try again later or check "
          + "its health");
    }
    if (find(e, SSLException.class) != null || find(e, CertificateException.class) != null) {
      return new ClusterException(where + ": TLS failure: the server's certificate is not trusted by the configured "
          + "CA (or the handshake failed); check certificate-authority in the kubeconfig, or the mounted ca.crt");
    }
    if (find(e, UnknownHostException.class) != null) {
      return new ClusterException(where + ": unknown host; check the server address in the kubeconfig");
    }
    if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
      return new ClusterException(where + ": unreachable (connection refused); check that the cluster is up and "
          + "the server address, VPN or proxy");
    }
    if (find(e, SocketTimeoutException.class) != null || find(e, InterruptedIOException.class) != null) {
      return new ClusterException(where + ": unreachable (timed out); check the server address, VPN or proxy");
    }
    return new ClusterException(where + ": cannot read the cluster (" + rootType(e) + "); check 'kubectl --context "
        + c.context() + " get ns'");
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
      if (type.isInstance(x)) {
        return type.cast(x);
      }
    }
    return null;
  }

  private static String rootType(Throwable t) {
    Throwable x = t;
    while (x.getCause() != null && x.getCause() != x) {
      x = x.getCause();
    }
    return x.getClass().getSimpleName();
  }
}
