package org.nuage.core.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3), the serialization of {@code .torrent} files: byte strings, integers, lists and
 * dictionaries whose keys are sorted as raw bytes.
 *
 * <p>Java values map as follows. Encoding accepts {@code byte[]} and {@code String} (written as UTF-8)
 * for byte strings, {@code Long}, {@code Integer}, {@code Short} and {@code Byte} for integers,
 * {@code List} for lists and {@code Map} with {@code String} keys for dictionaries. Decoding gives
 * {@code byte[]}, {@code Long}, an unmodifiable {@code List} and an unmodifiable {@code Map} whose
 * keys are in file order. Keys are text because every key the BitTorrent specifications define is
 * UTF-8 text; a key that is not UTF-8 is rejected rather than silently altered.
 *
 * <p>The decoder accepts only canonical bencoding (no leading zeros, no {@code -0}, keys strictly
 * increasing, nothing after the value), so that {@code encode(decode(bytes))} gives back
 * {@code bytes} exactly. That matters because a torrent's identity, its info hash, is a hash of bytes.
 */
public final class Bencode {

    /**
     * Torrents nest a handful of levels (a v2 file tree one level per directory); a limit keeps a
     * hostile file of a million {@code l}s from overflowing the decoder's stack.
     */
    static final int MAX_DEPTH = 256;

    private Bencode() {
    }

    /** Encodes {@code value}; dictionary keys are written in the order of their UTF-8 bytes. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    /** Decodes one canonical bencoded value that spans all of {@code bytes}. */
    public static Object decode(byte[] bytes) {
        Parser parser = new Parser(bytes);
        Object value = parser.value(0);
        parser.expectEnd();
        return value;
    }

    /** Decodes a bencoded dictionary, such as a whole {@code .torrent} file. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeDictionary(byte[] bytes) {
        Object value = decode(bytes);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a bencoded dictionary");
        }
        return (Map<String, Object>) value;
    }

    /**
     * The exact bytes of the value under {@code key} in the bencoded dictionary {@code dictionary},
     * as they appear there: what a torrent's info hash is computed over.
     *
     * @throws IllegalArgumentException if {@code dictionary} is not a canonical bencoded dictionary
     *     or has no such key
     */
    public static byte[] rawValue(byte[] dictionary, String key) {
        Parser parser = new Parser(dictionary);
        parser.expect('d');
        byte[] wanted = utf8(key);
        byte[] found = null;
        byte[] previousKey = null;
        while (parser.peek() != 'e') {
            byte[] k = parser.key(previousKey);
            int start = parser.pos;
            parser.value(1);
            if (Arrays.equals(k, wanted)) {
                found = Arrays.copyOfRange(dictionary, start, parser.pos);
            }
            previousKey = k;
        }
        parser.pos++;
        parser.expectEnd();
        if (found == null) {
            throw new IllegalArgumentException("the dictionary has no key \"" + key + "\"");
        }
        return found;
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case byte[] bytes -> writeString(out, bytes);
            case String text -> writeString(out, utf8(text));
            case Long n -> writeInteger(out, n);
            case Integer n -> writeInteger(out, n);
            case Short n -> writeInteger(out, n);
            case Byte n -> writeInteger(out, n);
            case List<?> list -> {
                out.write('l');
                for (Object element : list) {
                    write(out, element);
                }
                out.write('e');
            }
            case Map<?, ?> map -> writeDictionary(out, map);
            case null -> throw new IllegalArgumentException("bencoding has no null");
            default -> throw new IllegalArgumentException("bencoding has no " + value.getClass().getName()
                    + "; use byte[], String, Long, Integer, List or Map");
        }
    }

    private static void writeDictionary(ByteArrayOutputStream out, Map<?, ?> map) {
        // BEP 3: "Keys must be strings and appear in sorted order (sorted as raw strings, not
        // alphanumerics)". Java's String order is by UTF-16 units, which differs from UTF-8 byte order
        // for characters beyond U+FFFF, so sort on the encoded bytes.
        TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("dictionary keys must be strings, not " + entry.getKey());
            }
            sorted.put(utf8(key), entry.getValue());
        }
        out.write('d');
        for (Map.Entry<byte[], Object> entry : sorted.entrySet()) {
            writeString(out, entry.getKey());
            write(out, entry.getValue());
        }
        out.write('e');
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
    }

    private static void writeInteger(ByteArrayOutputStream out, long n) {
        out.write('i');
        out.writeBytes(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('e');
    }

    /** Strict UTF-8: an unpaired surrogate would otherwise become '?' and two keys could collide. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid Unicode text: " + text, e);
        }
    }

    /** A cursor over canonical bencoding that says where and why input is refused. */
    private static final class Parser {
        private final byte[] in;
        private int pos;

        Parser(byte[] in) {
            this.in = in;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            int c = peek();
            return switch (c) {
                case 'i' -> integer();
                case 'l' -> list(depth);
                case 'd' -> dictionary(depth);
                default -> {
                    if (c >= '0' && c <= '9') {
                        yield string();
                    }
                    throw error("unexpected byte 0x" + Integer.toHexString(c));
                }
            };
        }

        private Long integer() {
            pos++;
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int digits = digits();
            if (in[pos - digits] == '0' && pos - start > 1) {
                throw error(digits > 1 ? "leading zero is not canonical" : "-0 is not canonical");
            }
            String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
            expect('e');
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error("integer " + text + " does not fit in 64 bits");
            }
        }

        private byte[] string() {
            int at = pos;
            int digits = digits();
            if (in[at] == '0' && digits > 1) {
                throw error("leading zero is not canonical");
            }
            long length = digits > 18 ? Long.MAX_VALUE
                    : Long.parseLong(new String(in, at, digits, StandardCharsets.US_ASCII));
            expect(':');
            if (length > in.length - pos) {
                pos = at;
                throw error("a string of " + length + " bytes runs past the end of the input");
            }
            byte[] bytes = Arrays.copyOfRange(in, pos, pos + (int) length);
            pos += (int) length;
            return bytes;
        }

        /** Skips a non-empty run of decimal digits and says how long it was. */
        private int digits() {
            int start = pos;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
            return pos - start;
        }

        private List<Object> list(int depth) {
            pos++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(value(depth + 1));
            }
            pos++;
            return Collections.unmodifiableList(list);
        }

        private Map<String, Object> dictionary(int depth) {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            byte[] previousKey = null;
            while (peek() != 'e') {
                byte[] key = key(previousKey);
                map.put(text(key), value(depth + 1));
                previousKey = key;
            }
            pos++;
            return Collections.unmodifiableMap(map);
        }

        byte[] key(byte[] previousKey) {
            int at = pos;
            int c = peek();
            if (c < '0' || c > '9') {
                throw error("dictionary key is not a string");
            }
            byte[] key = string();
            if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
                pos = at;
                throw error("dictionary key \"" + new String(key, StandardCharsets.UTF_8)
                        + "\" is out of order or repeated");
            }
            return key;
        }

        private String text(byte[] key) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(key))
                        .toString();
            } catch (CharacterCodingException e) {
                throw error("dictionary key is not UTF-8");
            }
        }

        int peek() {
            if (pos >= in.length) {
                throw error("input ends too early");
            }
            return in[pos] & 0xff;
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void expectEnd() {
            if (pos != in.length) {
                throw error((in.length - pos) + " bytes after the value");
            }
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException("malformed bencoding at byte " + pos + ": " + why);
        }
    }
}
