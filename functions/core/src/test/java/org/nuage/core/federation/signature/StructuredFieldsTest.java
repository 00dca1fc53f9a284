package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StructuredFieldsTest {

    private static String reserialised(String field) throws Exception {
        Map<String, Object> dictionary = StructuredFields.parseDictionary(field);
        return StructuredFields.serialize((StructuredFields.InnerList) dictionary.get("sig1"));
    }

    @Test
    void reserialisesEveryParameterTypeCanonically() throws Exception {
        assertEquals("(\"a\" \"b\");n=-12;d=1.5;t=tok/x:y;s=\"q\\\"\\\\\";b=:AAE=:;f;z=?0",
                reserialised("sig1=(\"a\" \"b\");n=-12;d=1.500;t=tok/x:y;s=\"q\\\"\\\\\";b=:AAE=:;f;z=?0"));
    }

    @Test
    void dropsTheWhitespaceAnInnerListMayCarry() throws Exception {
        assertEquals("(\"@method\" \"@target-uri\");created=1", reserialised("  sig1=(  \"@method\"   \"@target-uri\" );created=1"));
        assertEquals("();keyid=\"k\"", reserialised("sig1=();keyid=\"k\""));
    }

    @Test
    void readsMembersWithoutValueAsTrueAndKeepsTheirOrder() throws Exception {
        Map<String, Object> dictionary = StructuredFields.parseDictionary("b, a=:AAAA:,\tc=?0;p");
        assertEquals(java.util.List.of("b", "a", "c"), java.util.List.copyOf(dictionary.keySet()));
        assertEquals(Boolean.TRUE, ((StructuredFields.Item) dictionary.get("b")).value());
        assertEquals(Map.of("p", Boolean.TRUE), ((StructuredFields.Item) dictionary.get("c")).parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sig1=(\"a\"\"b\")",          // items must be separated by a space
        "sig1=(\"a\";n=1234567890123456)", // more than 15 digits
        "sig1=();d=1.2345",           // more than 3 decimals
        "sig1=();s=\"caf\u00e9\"",      // not ASCII
        "sig1=();s=\"a\\nb\"",          // an escape other than \" and \\
        "sig1=();b=:AA*A:",           // not base64
        "sig1=();b=:AAAA",            // not closed
        "sig1=(),",                   // trailing comma
        "Sig1=()",                    // keys are lower-case
        "sig1=();x=?2",               // not a boolean
        "sig1=() x",                  // garbage after a member
        "sig1=(),sig1=()",            // duplicate key, refused rather than overwritten
        "sig1=();a=1;a=2",            // duplicate parameter, the same
        "sig1=\"a",                   // string not closed
        "sig1=-",                     // sign without digits
        "=x"})
    void refusesWhatIsNotAStructuredDictionary(String field) {
        assertThrows(StructuredFields.ParseException.class, () -> StructuredFields.parseDictionary(field));
    }
}
