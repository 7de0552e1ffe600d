package io.rbacaudit.report;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin layer over {@link XMLStreamWriter} (which escapes markup) that also makes text XML 1.0 can hold: control,
 * bidirectional and other characters XML forbids are written as visible {@code \}u escapes, never raw.
 */
record XmlOut(XMLStreamWriter xml) {

  /** Text from manifests, on one line, with every character XML 1.0 forbids (and terminal controls) escaped. */
  static String clean(String raw) {
    String s = TerminalText.safe(raw);
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      boolean illegal = !pair && (Character.isSurrogate(c) || c == '\ufffe' || c == '\uffff');
      if (illegal && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (illegal) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
        if (pair) {
          sb.append(s.charAt(i + 1));
        }
      }
      if (pair) {
        i++;
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Attributes as name/value pairs; a null value leaves the attribute out. */
  void start(String name, String... attributes) throws XMLStreamException {
    xml.writeStartElement(name);
    attributes(attributes);
  }

  void empty(String name, String... attributes) throws XMLStreamException {
    xml.writeEmptyElement(name);
    attributes(attributes);
  }

  /** An element holding text; the text is cleaned line by line (the line breaks are ours). */
  void element(String name, String text, String... attributes) throws XMLStreamException {
    start(name, attributes);
    xml.writeCharacters(String.join("\n", java.util.Arrays.stream(text.split("\n", -1)).map(XmlOut::clean).toList()));
    xml.writeEndElement();
  }

  void text(String s) throws XMLStreamException {
    xml.writeCharacters(s);
  }

  void end() throws XMLStreamException {
    xml.writeEndElement();
  }

  private void attributes(String... attributes) throws XMLStreamException {
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        xml.writeAttribute(attributes[i], clean(attributes[i + 1]));
      }
    }
  }
}
