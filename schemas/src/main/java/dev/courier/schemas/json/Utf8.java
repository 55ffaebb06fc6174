package dev.courier.schemas.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Finds where bytes stop being well-formed UTF-8 (RFC 3629): overlong forms, encoded surrogates,
 * code points above U+10FFFF, stray continuation bytes and truncated sequences. JSON parsers are
 * lenient about some of these (an overlong {@code C0 AF} decodes as {@code /}), so text is checked
 * here before it is parsed. The JDK's decoder is strict in exactly this way.
 */
public final class Utf8 {

    private static final int CHUNK = 4096;

    private Utf8() {
    }

    /** The byte offset of the first ill-formed sequence, or empty when all of it is UTF-8. */
    public static OptionalInt firstInvalidByte(byte[] bytes) {
        if (isAscii(bytes)) {
            return OptionalInt.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(CHUNK, bytes.length + 1));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return OptionalInt.of(in.position());
            }
            if (result.isUnderflow()) {
                return OptionalInt.empty();
            }
            out.clear();
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
