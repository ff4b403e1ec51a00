package io.flk.projections.simulation;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of one JSON document in a byte array (UTF-8), for the few fields a replay needs of each
 * stored event. Values it is not asked for are skipped by scanning bytes, without decoding names or numbers: the
 * caller's features, two thirds of a decision's bytes, cost Jackson's streaming parser most of a replay's time
 * (names canonicalised, numbers tokenised) and cost this a pass over the bytes. Reused from payload to payload
 * so that a replay allocates no buffer per event. It reads any valid JSON; invalid JSON is refused with its
 * position, never guessed at.
 */
final class JsonCursor {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] in;
    private int pos;
    private int end;
    private int nameStart;
    private int nameEnd;
    private boolean nameEscaped;
    private char[] chars = new char[64];

    JsonCursor reset(byte[] json) {
        in = json;
        pos = 0;
        end = json.length;
        return this;
    }

    void beginObject() {
        expect('{');
    }

    /**
     * Moves to the next member of the object being read (after {@link #beginObject} or after its previous value)
     * and reads its name; the caller then reads or {@link #skipValue skips} the value.
     *
     * @return false at the end of the object (consumed)
     */
    boolean nextField() {
        byte next = peek();
        if (next == '}') {
            pos++;
            return false;
        }
        if (next == ',') {
            pos++;
            next = peek();
        }
        if (next != '"') {
            throw invalid("a member name");
        }
        pos++;
        nameStart = pos;
        nameEscaped = skipStringBody();
        nameEnd = pos - 1;
        expect(':');
        return true;
    }

    /** The current member's name is {@code name} (ASCII, as every field name of the events is). */
    boolean nameIs(byte[] name) {
        if (nameEscaped || nameEnd - nameStart != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[nameStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The current member's name as a string (for map keys). */
    String name() {
        return nameEscaped ? unescape(nameStart, nameEnd) : new String(in, nameStart, nameEnd - nameStart,
                StandardCharsets.UTF_8);
    }

    /** Consumes a {@code null} value if that is what comes next. */
    boolean nullValue() {
        if (peek() == 'n') {
            literal(NULL);
            return true;
        }
        return false;
    }

    boolean booleanValue() {
        if (peek() == 't') {
            literal(TRUE);
            return true;
        }
        literal(FALSE);
        return false;
    }

    String stringValue() {
        if (peek() != '"') {
            throw invalid("a string");
        }
        int start = ++pos;
        boolean escaped = skipStringBody();
        return escaped ? unescape(start, pos - 1) : new String(in, start, pos - 1 - start, StandardCharsets.UTF_8);
    }

    /** The next string value equals one of {@code options} (ASCII); returns its index, or -1. */
    int stringValueIn(byte[][] options) {
        if (peek() != '"') {
            throw invalid("a string");
        }
        int start = ++pos;
        boolean escaped = skipStringBody();
        int length = pos - 1 - start;
        for (int option = 0; option < options.length && !escaped; option++) {
            byte[] candidate = options[option];
            if (candidate.length == length && regionEquals(start, candidate)) {
                return option;
            }
        }
        return -1;
    }

    long longValue() {
        int start = numberStart();
        boolean negative = in[start] == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < pos; i++) {
            int digit = in[i] - '0';
            if (digit < 0 || digit > 9) {
                return (long) NumberInput.parseDouble(text(start), true);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    double doubleValue() {
        int start = numberStart();
        int length = pos - start;
        if (chars.length < length) {
            chars = new char[length * 2];
        }
        for (int i = 0; i < length; i++) {
            chars[i] = (char) in[start + i];
        }
        return NumberInput.parseDouble(chars, 0, length, true);
    }

    /** The next value is a number (rather than a string). */
    boolean atNumber() {
        byte next = peek();
        return next == '-' || (next >= '0' && next <= '9');
    }

    /** The text of the next number, for a caller that needs it exactly (a {@code BigDecimal}). */
    String numberText() {
        int start = numberStart();
        return text(start);
    }

    /** Enters an array: call {@link #nextElement} before each element. */
    void beginArray() {
        expect('[');
    }

    /** @return false at the end of the array (consumed) */
    boolean nextElement() {
        byte next = peek();
        if (next == ']') {
            pos++;
            return false;
        }
        if (next == ',') {
            pos++;
        }
        return true;
    }

    /** Skips the next value whatever it is, nested objects and arrays included. */
    void skipValue() {
        byte next = peek();
        switch (next) {
            case '"' -> {
                pos++;
                skipStringBody();
            }
            case '{', '[' -> skipNested();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> numberStart();
        }
    }

    private void skipNested() {
        int depth = 0;
        while (pos < end) {
            byte b = in[pos++];
            if (b == '"') {
                skipStringBody();
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return;
                }
            }
        }
        throw invalid("the end of an object or array");
    }

    /** From after an opening quote to after the closing one; returns whether the string holds an escape. */
    private boolean skipStringBody() {
        boolean escaped = false;
        while (pos < end) {
            byte b = in[pos++];
            if (b == '"') {
                return escaped;
            }
            if (b == '\\') {
                escaped = true;
                pos++;
            }
        }
        throw invalid("the end of a string");
    }

    private int numberStart() {
        peek();
        int start = pos;
        while (pos < end) {
            byte b = in[pos];
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw invalid("a number");
        }
        return start;
    }

    private String text(int start) {
        return new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    private void literal(byte[] literal) {
        peek();
        if (end - pos < literal.length || !regionEquals(pos, literal)) {
            throw invalid(new String(literal, StandardCharsets.US_ASCII));
        }
        pos += literal.length;
    }

    private boolean regionEquals(int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (in[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private void expect(char token) {
        if (peek() != token) {
            throw invalid("'" + token + "'");
        }
        pos++;
    }

    /** The next byte that is not white space, not consumed. */
    private byte peek() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
            pos++;
        }
        throw invalid("more JSON");
    }

    /** The string between {@code start} and {@code stop} (exclusive), its escapes resolved. */
    private String unescape(int start, int stop) {
        String raw = new String(in, start, stop - start, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = raw.charAt(++i);
            switch (escape) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escape);
            }
        }
        return out.toString();
    }

    private IllegalStateException invalid(String expected) {
        return new IllegalStateException("a stored event is not valid JSON: expected " + expected + " at byte " + pos);
    }
}
