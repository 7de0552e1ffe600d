package io.rbacaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON written to be safe inside a {@code <script type="application/json">} element. The HTML parser ends a script
 * element at the first {@code </script}, whatever JSON means there, and treats {@code <!--} specially; escaping every
 * {@code <}, {@code >} and {@code &} as a JSON unicode escape keeps the text inert without changing what
 * {@code JSON.parse} returns. U+2028 and U+2029 are escaped too, for readers that still treat JSON as JavaScript.
 * Jackson applies the escapes while it writes, so a 100 MB page is not copied again character by character.
 */
final class ScriptJson {

  private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new ScriptSafe());

  private ScriptJson() {}

  static JsonGenerator generator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  private static final class ScriptSafe extends CharacterEscapes {
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
    private final int[] ascii;

    ScriptSafe() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
  }
}
