package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spec section 1: the shape of a request. */
class RequestTest {

  @Test
  void aNonResourceRequestHasNoNamespace() {
    assertThrows(IllegalArgumentException.class, () -> new Request("get", "", "", "", "dev", "", "/healthz"));
  }

  @Test
  void aNonResourceRequestHasNoResource() {
    assertThrows(IllegalArgumentException.class, () -> new Request("get", "", "pods", "", "", "", "/healthz"));
  }

  @Test
  void missingPartsAreEmptyStringsAndTheCoreGroupIsEmpty() {
    Request r = new Request("get", null, "pods", null, null, null, null);
    assertTrue(r.isResourceRequest());
    assertEquals("", r.apiGroup());
    assertEquals("", r.namespace());
    assertEquals("pods", r.combinedResource());
  }

  @Test
  void theCombinedResourceJoinsTheSubresourceWithASlash() {
    assertEquals("pods/log", Request.resource("get", "", "pods", "log", "dev", "web").combinedResource());
  }
}
