package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rbacaudit.findings.ScanResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Markup, escape sequences and forbidden characters from manifests come out inert in every format. */
class HostileInputTest {

  private static final String NASTY = HostileScan.NASTY;
  private final ScanResult result = HostileScan.result();

  /**
   * The HTML page's data with hostile names in an escalation path and the subject view: kept exactly, and unable to
   * end its script element; outside the data nothing from the input is live markup.
   */
  @Test
  void htmlPathAndSubjectViewDataStayInertAndExact() throws Exception {
    String html = new HtmlReportRenderer().render(HostileScan.withPathAndAccess());
    java.util.regex.Matcher m = EmbeddedData.DATA.matcher(html);
    assertTrue(m.find());
    String json = m.group(1);
    assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), "cannot close its script element");
    assertFalse(json.contains("\u2028") || json.contains("\u2029"));
    String outside = html.substring(0, m.start()) + html.substring(m.end());
    assertFalse(outside.contains(HostileScan.SCRIPT) || outside.contains("<img") || outside.contains(HostileScan.BIDI));
    EmbeddedData data = EmbeddedData.of(html);
    JsonNode path = data.raw.get("paths").get(0);
    assertEquals(NASTY, data.str(path.get("n").get(0).get(3).asInt()), "vertex name kept exactly");
    assertEquals("edge-" + NASTY, data.str(path.get("e").get(0).get(2).asInt()));
    JsonNode cell = data.raw.get("access").get("profiles").get(0).get(2).get(0);
    assertEquals(NASTY, data.str(cell.get(0).asInt()), "matrix row kept exactly");
    assertEquals(NASTY, data.str(cell.get(3).get(0).asInt()), "resourceNames kept exactly");
    JsonNode holding = data.raw.get("access").get("subjects").get(0).get(1).get(0);
    assertEquals(NASTY, data.ref(holding.get(4).asInt()).get("name").asText(), "the group it holds it through");
    assertEquals("Path " + NASTY, data.findings().get(3).get("message").asText());
  }

  @Test
  void jsonKeepsEveryStringExactly() throws Exception {
    String out = new JsonReportRenderer().render(result);
    assertNoRawControls(out);
    JsonNode json = new ObjectMapper().readTree(out);
    JsonNode f = json.get("findings").get(0);
    assertEquals(NASTY, f.get("subject").get("name").asText());
    assertEquals(NASTY, f.get("namespace").asText());
    assertEquals("Message " + NASTY, f.get("message").asText());
    assertEquals(NASTY, f.get("evidence").get(0).get("binding").get("name").asText());
    assertEquals("note " + NASTY, f.get("evidence").get(1).get("note").asText());
    assertEquals("fp-" + NASTY, f.get("fingerprint").asText());
    assertEquals("Reason " + NASTY, json.get("findings").get(2).get("suppression").get("reason").asText());
    assertEquals("Error " + NASTY, json.get("errors").get(0).get("message").asText());
    assertEquals("Warning " + NASTY, json.get("warnings").get(0).get("message").asText());
    assertEquals("Note " + NASTY, json.get("notes").get(0).asText());
    assertEquals(2, json.get("excludedByPreset").get(NASTY).asInt());
  }

  @Test
  void sarifTextHasNoLiveEmbeddedLinkAndPathsAreEncoded() throws Exception {
    String out = new SarifRenderer().render(result);
    assertNoRawControls(out);
    JsonNode run = new ObjectMapper().readTree(out).get("runs").get(0);
    List<String> texts = new ArrayList<>();
    run.findValues("text").forEach(t -> texts.add(t.asText()));
    assertTrue(texts.size() > 5);
    Pattern liveLink = Pattern.compile("(?<!\\\\)\\]\\(");
    for (String text : texts) {
      assertFalse(text.contains(HostileScan.BIDI), "raw bidi override in SARIF text: " + text);
      assertFalse(liveLink.matcher(text).find(), "unescaped ]( in SARIF text: " + text);
    }
    String firstMessage = run.get("results").get(0).get("message").get("text").asText();
    assertTrue(firstMessage.contains("\\](javascript:alert(1))"), firstMessage);
    for (JsonNode uri : run.findValues("uri")) {
      assertTrue(uri.asText().matches("[A-Za-z0-9%/._~!$&'()*+,;=@:-]+"), "not a URI reference: " + uri.asText());
    }
    assertEquals("fp-" + NASTY, run.get("results").get(0).get("partialFingerprints").get("rbacAuditFingerprint/v1").asText());
  }

  @Test
  void junitIsWellFormedXmlWithoutInjectedElements() throws Exception {
    String out = new JunitRenderer().render(result);
    assertNoRawControls(out);
    assertFalse(out.contains(HostileScan.BIDI), "no raw bidi override");
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertEquals(0, doc.getElementsByTagName("img").getLength());
    Element suite = doc.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    NodeList failures = doc.getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    assertEquals(String.valueOf(failures.getLength()), suite.getAttribute("failures"));
    assertTrue(failures.item(0).getTextContent().contains(HostileScan.SCRIPT), "markup survives as text");
    assertTrue(failures.item(0).getTextContent().contains("\\u0001"), "the forbidden character is shown escaped");
    assertEquals("1", suite.getAttribute("errors"));
  }

  @Test
  void markdownHasNoHtmlLinkImageOrTableBreakFromInput() {
    String out = new MarkdownRenderer().render(result);
    assertNoRawControls(out);
    assertFalse(out.contains(HostileScan.BIDI), "no raw bidi override");
    String withoutOurTags = out.replaceAll("</?(details|summary|sub)>", "");
    assertFalse(withoutOurTags.contains("<"), "a raw < from input");
    assertFalse(out.contains("]("), "a link or image from input");
    assertFalse(out.contains("http://"), "an autolink from input");
    assertFalse(out.contains("www.evil"), "a www autolink from input");
    assertFalse(out.contains("@org"), "a mention from input");
    assertFalse(Pattern.compile("(?<!\\\\)[`*|!\\[]").matcher(unescapedRegions(out)).find());
  }

  @Test
  void markdownTableRowsKeepTheirColumns() {
    String out = new MarkdownRenderer().render(result);
    Integer header = null;
    int rows = 0;
    for (String line : out.split("\n")) {
      if (!line.startsWith("| ")) {
        header = null;
        continue;
      }
      int cells = line.split("(?<!\\\\)\\|", -1).length - 2;
      if (header == null) {
        header = cells;
      } else {
        assertEquals(header, cells, "a row with another column count: " + line);
        rows++;
      }
    }
    assertEquals(1 + 2 + 3 + 1, rows, "counts: separator + row; findings: separator + 2; known: separator + 1");
  }

  @Test
  void textShowsControlsAsEscapes() {
    for (boolean color : new boolean[] {false, true}) {
      String out = new TextReportRenderer(color).render(result);
      assertFalse(out.contains(HostileScan.ESC + "red"), "the input's escape sequence is not sent raw");
      assertFalse(out.contains(HostileScan.BIDI));
      assertFalse(out.contains(HostileScan.XML_ILLEGAL));
      assertTrue(out.contains("\\u001b[31mred\\u202egnp.exe\\u0001end"), out);
      if (!color) {
        assertFalse(out.contains("\u001b"));
      }
    }
  }

  /** The text of table rows and list items outside our own markup: the cells from input. */
  private static String unescapedRegions(String markdown) {
    StringBuilder sb = new StringBuilder();
    for (String line : markdown.split("\n")) {
      if (line.startsWith("| ") && !line.contains("---")) {
        for (String cell : line.split("(?<!\\\\)\\|")) {
          String c = cell.strip();
          if (!c.matches("\\*\\*\\w+\\*\\*")) {
            sb.append(c).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  private static void assertNoRawControls(String out) {
    assertFalse(out.contains(HostileScan.XML_ILLEGAL), "raw U+0001");
    assertFalse(out.contains(HostileScan.ESC), "raw escape sequence");
  }
}
