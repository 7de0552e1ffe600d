package io.rbacaudit.load;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding, so binary junk is one clear error instead of a cascade of YAML errors. UTF-16 with a
 * byte-order mark is decoded too, as kubectl does (editors on Windows save it), instead of being called binary.
 */
final class TextDecoding {

  /** Either the text, or a problem with the 1-based line it was found on. */
  record Result(String text, String problem, int line) {}

  private TextDecoding() {}

  static Result decode(byte[] bytes) {
    Charset utf16 = utf16ByMark(bytes);
    if (utf16 != null) {
      return decodeUtf16(bytes, utf16);
    }
    // The JDK's lenient decoder is fastest; only when it had to substitute do we look for the bad byte.
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      int bad = firstMalformed(bytes);
      if (bad >= 0) {
        return new Result(null, "not valid UTF-8 text (bad byte at offset " + bad + "): is this a binary file? "
            + "Manifests must be UTF-8; skipped", lineAt(bytes, bad));
      }
    }
    return checked(text);
  }

  private static Result checked(String text) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return new Result(null, "contains NUL characters, so it is not a text manifest: is this a binary file? "
          + "skipped", lineAt(text, nul));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a byte-order mark is allowed at the start and means nothing
    }
    return new Result(text, null, 0);
  }

  private static Charset utf16ByMark(byte[] b) {
    if (b.length < 2) {
      return null;
    }
    if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static Result decodeUtf16(byte[] bytes, Charset charset) {
    try {
      String text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 2, bytes.length - 2))
          .toString();
      return checked(text);
    } catch (CharacterCodingException e) {
      return new Result(null, "starts with a UTF-16 byte-order mark but is not valid " + charset.name()
          + " text: is this a binary file? skipped", 1);
    }
  }

  private static int firstMalformed(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      return -1;
    }
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
