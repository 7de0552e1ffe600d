package io.rbacaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RequestParser;
import io.rbacaudit.rbac.RequestSyntaxException;
import io.rbacaudit.rbac.ResourceTable;

/**
 * Fuzzes the kubectl-style TYPE parser of can-i and who-can (issue 8, point 2). The only documented failure is a
 * RequestSyntaxException with a one-line message; anything else escaping is a finding.
 */
class RequestParserFuzzTest {

  private static final ResourceTable TABLE = ResourceTable.standard();

  @FuzzTest(maxDuration = "60s")
  void parsesOrRejectsWithOneLine(FuzzedDataProvider data) {
    String verb = data.consumeString(20);
    String apiGroup = data.consumeBoolean() ? data.consumeString(30) : null;
    String subresource = data.consumeBoolean() ? data.consumeString(20) : null;
    String namespace = data.consumeBoolean() ? data.consumeString(20) : null;
    boolean all = data.consumeBoolean();
    String type = data.consumeRemainingAsString();
    RequestParser.Parsed parsed;
    try {
      parsed = RequestParser.parse(verb, type, apiGroup, subresource, namespace, all, TABLE);
    } catch (RequestSyntaxException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an empty message");
      return;
    }
    Request r = parsed.request();
    assertEquals(verb, r.verb());
    assertEquals(!type.startsWith("/"), r.isResourceRequest(), r.toString());
    if (!r.isResourceRequest()) {
      assertEquals(type, r.path());
    }
    if (all) {
      assertEquals("", r.namespace(), "-A checks every namespace: " + r);
    }
    assertFalse(parsed.note() != null && parsed.note().contains("\n"), parsed.note());
  }
}
