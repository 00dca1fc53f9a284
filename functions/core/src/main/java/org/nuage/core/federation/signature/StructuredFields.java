package org.nuage.core.federation.signature;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of RFC 8941 (Structured Field Values) that RFC 9421 and RFC 9530 need: parsing a
 * Dictionary whose members are Items or Inner Lists with Parameters, and serialising an Inner List.
 *
 * <p>One deliberate difference: RFC 8941 lets a later duplicate dictionary key or parameter
 * overwrite an earlier one. Here a duplicate is an error, since two parsers that resolve it
 * differently would read different signatures from the same header.
 */
final class StructuredFields {

    /** An sf-token, kept apart from an sf-string because they serialise differently. */
    record Token(String value) {
    }

    /** An sf-binary. */
    record ByteSequence(byte[] value) {
    }

    /** A bare item (String, Token, Long, BigDecimal, Boolean or ByteSequence) with its parameters. */
    record Item(Object value, Map<String, Object> parameters) {
    }

    /** An inner list of items, with its own parameters. */
    record InnerList(List<Item> items, Map<String, Object> parameters) {
    }

    /** Input that is not a structured field of the expected shape; the message says where. */
    static final class ParseException extends Exception {
        ParseException(String message, int position) {
            super(message + " at character " + (position + 1));
        }
    }

    private final String input;
    private int position;

    private StructuredFields(String input) {
        this.input = input;
    }

    /** Members are {@link Item} or {@link InnerList}, in their order in the field. */
    static Map<String, Object> parseDictionary(String input) throws ParseException {
        StructuredFields parser = new StructuredFields(input);
        parser.skipSpaces();
        Map<String, Object> dictionary = parser.dictionary();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.peek() + "'");
        }
        return dictionary;
    }

    private Map<String, Object> dictionary() throws ParseException {
        Map<String, Object> members = new LinkedHashMap<>();
        while (!atEnd()) {
            int keyAt = position;
            String key = key();
            Object member;
            if (!atEnd() && peek() == '=') {
                position++;
                member = peek() == '(' ? innerList() : item();
            } else {
                member = new Item(Boolean.TRUE, parameters());
            }
            if (members.put(key, member) != null) {
                throw new ParseException("duplicate key '" + key + "'", keyAt);
            }
            skipWhitespace();
            if (atEnd()) {
                break;
            }
            expect(',');
            skipWhitespace();
            if (atEnd()) {
                throw error("a comma with no member after it");
            }
        }
        return Collections.unmodifiableMap(members);
    }

    private InnerList innerList() throws ParseException {
        expect('(');
        List<Item> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw error("an inner list that is not closed");
            }
            if (peek() == ')') {
                position++;
                return new InnerList(List.copyOf(items), parameters());
            }
            items.add(item());
            if (!atEnd() && peek() != ' ' && peek() != ')') {
                throw error("unexpected '" + peek() + "' in an inner list");
            }
        }
    }

    private Item item() throws ParseException {
        Object value = bareItem();
        return new Item(value, parameters());
    }

    private Map<String, Object> parameters() throws ParseException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        while (!atEnd() && peek() == ';') {
            position++;
            skipSpaces();
            int keyAt = position;
            String key = key();
            Object value = Boolean.TRUE;
            if (!atEnd() && peek() == '=') {
                position++;
                value = bareItem();
            }
            if (parameters.put(key, value) != null) {
                throw new ParseException("duplicate parameter '" + key + "'", keyAt);
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    private String key() throws ParseException {
        if (atEnd() || !(isLowerAlpha(peek()) || peek() == '*')) {
            throw error(atEnd() ? "a key was expected" : "a key cannot start with '" + peek() + "'");
        }
        int start = position;
        while (!atEnd() && (isLowerAlpha(peek()) || isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
            position++;
        }
        return input.substring(start, position);
    }

    private Object bareItem() throws ParseException {
        if (atEnd()) {
            throw error("a value was expected");
        }
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (isAlpha(c) || c == '*') {
            return token();
        }
        throw error("unexpected '" + c + "'");
    }

    private Object number() throws ParseException {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        int digits = position;
        if (atEnd() || !isDigit(peek())) {
            throw error("a digit was expected");
        }
        int dot = -1;
        while (!atEnd() && (isDigit(peek()) || (peek() == '.' && dot < 0))) {
            if (peek() == '.') {
                dot = position;
            }
            position++;
            if (position - digits > 16) {
                throw new ParseException("a number too long", start);
            }
        }
        if (dot < 0) {
            if (position - digits > 15) {
                throw new ParseException("an integer of more than 15 digits", start);
            }
            return Long.parseLong(input.substring(start, position));
        }
        int fraction = position - dot - 1;
        if (dot - digits > 12 || fraction < 1 || fraction > 3) {
            throw new ParseException("a decimal must have at most 12 digits before its point and 1 to 3 after", start);
        }
        return new BigDecimal(input.substring(start, position));
    }

    private String string() throws ParseException {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(position++);
            if (c == '\\') {
                if (atEnd() || (peek() != '"' && peek() != '\\')) {
                    throw error("a backslash may only escape '\"' or '\\'");
                }
                value.append(input.charAt(position++));
            } else if (c == '"') {
                return value.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new ParseException("a string may hold printable ASCII only", position - 1);
            } else {
                value.append(c);
            }
        }
        throw new ParseException("a string that is not closed", start);
    }

    private Token token() {
        int start = position;
        while (!atEnd() && (isTokenChar(peek()) || peek() == ':' || peek() == '/')) {
            position++;
        }
        return new Token(input.substring(start, position));
    }

    private ByteSequence byteSequence() throws ParseException {
        int start = position;
        int end = input.indexOf(':', start + 1);
        if (end < 0) {
            throw error("a byte sequence that is not closed");
        }
        String encoded = input.substring(start + 1, end);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw new ParseException("a byte sequence may hold base64 only", start + 1 + i);
            }
        }
        try {
            byte[] value = Base64.getDecoder().decode(encoded);
            position = end + 1;
            return new ByteSequence(value);
        } catch (IllegalArgumentException e) {
            throw new ParseException("a byte sequence that is not valid base64", start);
        }
    }

    private Boolean bool() throws ParseException {
        position++;
        if (!atEnd() && (peek() == '0' || peek() == '1')) {
            return input.charAt(position++) == '1';
        }
        throw error("a boolean must be ?0 or ?1");
    }

    private void expect(char c) throws ParseException {
        if (atEnd() || peek() != c) {
            throw error("'" + c + "' was expected");
        }
        position++;
    }

    private void skipSpaces() {
        while (!atEnd() && peek() == ' ') {
            position++;
        }
    }

    private void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= input.length();
    }

    private char peek() {
        return input.charAt(position);
    }

    private ParseException error(String message) {
        return new ParseException(message, position);
    }

    // --- serialisation (RFC 8941 section 4.1)

    static String serialize(InnerList list) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < list.items().size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            Item item = list.items().get(i);
            out.append(serializeBareItem(item.value())).append(serializeParameters(item.parameters()));
        }
        return out.append(')').append(serializeParameters(list.parameters())).toString();
    }

    static String serializeParameters(Map<String, Object> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((key, value) -> {
            out.append(';').append(key);
            if (!Boolean.TRUE.equals(value)) {
                out.append('=').append(serializeBareItem(value));
            }
        });
        return out.toString();
    }

    static String serializeBareItem(Object value) {
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof Token token) {
            return token.value();
        }
        if (value instanceof Long number) {
            return number.toString();
        }
        if (value instanceof BigDecimal decimal) {
            String text = decimal.setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            return text.contains(".") ? text : text + ".0";
        }
        if (value instanceof Boolean bool) {
            return bool ? "?1" : "?0";
        }
        if (value instanceof ByteSequence bytes) {
            return ":" + Base64.getEncoder().encodeToString(bytes.value()) + ":";
        }
        throw new IllegalArgumentException("not a structured field value: " + value);
    }

    private static boolean isLowerAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
