package org.nuage.core.torrent;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

    private static String encoded(Object value) {
        return new String(Bencode.encode(value), US_ASCII);
    }

    @Test
    void encodesTheExamplesOfBep3() {
        assertEquals("4:spam", encoded("spam"));
        assertEquals("0:", encoded(""));
        assertEquals("i3e", encoded(3));
        assertEquals("i-3e", encoded(-3L));
        assertEquals("i0e", encoded(0));
        assertEquals("l4:spam4:eggse", encoded(List.of("spam", "eggs")));
        assertEquals("d3:cow3:moo4:spam4:eggse", encoded(Map.of("spam", "eggs", "cow", "moo")));
        assertEquals("d4:spaml1:a1:bee", encoded(Map.of("spam", List.of("a", "b"))));
    }

    @Test
    void writesStringLengthsInBytesNotCharacters() {
        assertArrayEquals(new byte[] {'2', ':', (byte) 0xc3, (byte) 0xa9}, Bencode.encode("\u00e9"));
    }

    @Test
    void sortsDictionaryKeysAsRawBytes() {
        Map<String, Object> map = new HashMap<>();
        map.put("b", 1);
        map.put("a", 2);
        map.put("ab", 3);
        map.put("B", 4);
        map.put("piece length", 5);
        map.put("pieces", 6);
        // Raw byte order: uppercase before lowercase, a prefix before its extensions, ' ' (0x20) before 's'.
        assertEquals("d1:Bi4e1:ai2e2:abi3e1:bi1e12:piece lengthi5e6:piecesi6ee", encoded(map));
    }

    @Test
    void sortsKeysByUtf8BytesWhereJavaStringOrderDiffers() {
        // U+1F600 is a surrogate pair (0xD83D...) in UTF-16, below U+FF5E, but F0 9F 98 80 in UTF-8,
        // above EF BD 9E: Java's String.compareTo and BEP 3 disagree, and BEP 3 wins.
        String emoji = "\uD83D\uDE00";
        String tilde = "\uFF5E";
        assertTrue(emoji.compareTo(tilde) < 0);
        byte[] bytes = Bencode.encode(Map.of(emoji, 1, tilde, 2));
        assertEquals(List.of(tilde, emoji), List.copyOf(Bencode.decodeDictionary(bytes).keySet()));
    }

    @Test
    void roundTripsNestedValuesByteForByte() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        Map<String, Object> value = Map.of(
                "info", Map.of("name", "clip.mp4", "length", 5_000_000_000L, "pieces", allBytes),
                "url-list", List.of("https://media.example/v/clip.mp4"),
                "empty list", List.of(),
                "empty dict", Map.of(),
                "extremes", List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
        byte[] bytes = Bencode.encode(value);

        Map<String, Object> decoded = Bencode.decodeDictionary(bytes);

        assertArrayEquals(bytes, Bencode.encode(decoded));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) decoded.get("info");
        assertArrayEquals(allBytes, (byte[]) info.get("pieces"));
        assertEquals(5_000_000_000L, info.get("length"));
        assertEquals(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L), decoded.get("extremes"));
        assertEquals(List.of("info", "empty dict", "empty list", "extremes", "url-list").stream().sorted().toList(),
                List.copyOf(decoded.keySet()), "keys come back in file order, which is sorted order");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",               // nothing
        "i03e",           // leading zero
        "i-0e",           // negative zero
        "i-03e",
        "ie",
        "i-e",
        "i12",            // unterminated
        "i9223372036854775808e", // one past Long.MAX_VALUE
        "03:abc",         // leading zero in a length
        "5:abc",          // runs past the end
        "99999999999999999999:a",
        "l4:spam",        // unterminated list
        "d1:bi1e1:ai2ee", // keys out of order
        "d1:ai1e1:ai2ee", // repeated key
        "di1ei2ee",       // key that is not a string
        "d1:ae",          // key without a value
        "i1ei2e",         // more than one value
        "4:spamx",        // trailing byte
        "x",
    })
    void rejectsInputThatIsNotCanonicalBencoding(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bencode.decode(input.getBytes(US_ASCII)));
        assertTrue(e.getMessage().startsWith("malformed bencoding at byte "), e.getMessage());
    }

    @Test
    void rejectsDictionaryKeysThatAreNotUtf8() {
        byte[] bytes = {'d', '1', ':', (byte) 0xff, 'i', '1', 'e', 'e'};
        assertThrows(IllegalArgumentException.class, () -> Bencode.decode(bytes));
    }

    @Test
    void rejectsNestingDeepEnoughToExhaustTheStack() {
        String deep = "l".repeat(100_000) + "e".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bencode.decode(deep.getBytes(US_ASCII)));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        Bencode.decode(("l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH)).getBytes(US_ASCII));
    }

    @Test
    void refusesValuesBencodingCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> Bencode.encode(1.5));
        assertThrows(IllegalArgumentException.class, () -> Bencode.encode(Map.of(1, "a")));
        assertThrows(IllegalArgumentException.class, () -> Bencode.encode(java.util.Arrays.asList("a", null)));
        // An unpaired surrogate would otherwise be written as '?', and two keys could become one.
        assertThrows(IllegalArgumentException.class, () -> Bencode.encode("\uD83D"));
    }

    @Test
    void rawValueIsTheExactBytesOfADictionaryEntry() {
        byte[] bytes = "d1:ai1e4:infod6:lengthi7e4:name1:xe1:zl1:yee".getBytes(US_ASCII);
        assertEquals("d6:lengthi7e4:name1:xe", new String(Bencode.rawValue(bytes, "info"), US_ASCII));
        assertEquals("i1e", new String(Bencode.rawValue(bytes, "a"), US_ASCII));
        assertEquals("l1:ye", new String(Bencode.rawValue(bytes, "z"), US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> Bencode.rawValue(bytes, "announce"));
        assertThrows(IllegalArgumentException.class,
                () -> Bencode.rawValue("l4:infoe".getBytes(US_ASCII), "info"));
    }
}
