package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind's rules, value by value: what is found (exactly where) and what is not. */
class PiiDetectorsTest {

    private static final PiiScanner ALL = PiiScanner.all();

    /** The one finding in "before VALUE after", which must cover VALUE exactly. */
    private static void found(String kind, String value) {
        String text = "Please note: " + value + ", thanks.";
        List<Finding> findings = ALL.scan(text);
        assertEquals(1, findings.size(), () -> value + " → " + findings);
        Finding f = findings.getFirst();
        assertEquals(kind, f.kind(), value);
        assertEquals(value, text.substring(f.start(), f.end()));
        assertEquals(Finding.Category.PERSONAL_DATA, f.category());
    }

    private static void notFound(String text) {
        assertEquals(List.of(), ALL.scan(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "j+tag@mail.example.co.uk", "x_y-z%1@sub-domain.example.org",
        "ADMIN@EXAMPLE.IO"})
    void emailAddresses(String value) {
        found("email", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@localhost", "@example.com", "user@.com", "user@example.c", "a@b@c",
        "user@example.123", "name@-example.com"})
    void notEmailAddresses(String text) {
        notFound(text);
    }

    @Test
    void anEmailAtTheEndOfASentenceLeavesTheFullStop() {
        String text = "Write to bob@example.com.";
        Finding f = ALL.scan(text).getFirst();
        assertEquals("bob@example.com", text.substring(f.start(), f.end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155552671", "+1 415 555 2671", "+44 20 7946 0958", "+33 6 12 34 56 78",
        "+1 (415) 555-2671", "+49 30 12345678", "(415) 555-2671", "415-555-2671", "415.555.2671", "1-415-555-2671",
        "020 7946 0958", "06 12 34 56 78", "030-1234567", "0044 20 7946 0958"})
    void phoneNumbers(String value) {
        found("phone", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4155552671", "order 12345678", "2024-01-15", "v1.2.3", "3.14159265",
        "call 123-456-7890", "1 000 000", "from 10:30 to 11:45", "0612345678", "01-02-2024", "+12345",
        "ticket 555-0100", "pages 100-200"})
    void notPhoneNumbers(String text) {
        notFound(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555 5555 5555 4444",
        "2223 0031 2200 3222", "3782 822463 10005", "378282246310005", "6011 1111 1111 1117", "4000056655665556"})
    void paymentCards(String value) {
        found("payment_card", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "4111 1111-1111 1111", "1234567812345670", "0000 0000 0000 0000",
        "9111 1111 1111 1111", "4111 11 1111 1111 11", "4111111"})
    void notPaymentCards(String text) {
        notFound(text);
    }

    @Test
    void aCardNextToItsExpiryDateIsStillFound() {
        String text = "card 4111 1111 1111 1111 12/25";
        Finding f = ALL.scan(text).getFirst();
        assertEquals("4111 1111 1111 1111", text.substring(f.start(), f.end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32", "FR1420041010050500013M02606", "NL91ABNA0417164300", "NO9386011117947",
        "CH9300762011623852957", "MT84MALT011000012345MTLCAST001S"})
    void ibans(String value) {
        found("iban", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "DE8937040044053201300", "XX89370400440532013000",
        "GB82WEST1234569876543", "de89370400440532013000"})
    void notIbans(String text) {
        notFound(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6789", "078 05 1121", "899-99-9999", "001-01-0001"})
    void socialSecurityNumbers(String value) {
        found("us_ssn", value);
    }

    @ParameterizedTest
    @CsvSource({"000-12-3456", "666-12-3456", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000",
        "123456789", "123-45 6789", "123-45-6789-0"})
    void notSocialSecurityNumbers(String text) {
        notFound(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.20", "8.8.8.8", "255.255.255.255", "2001:db8::1", "fe80::1ff:fe23:4567:890a",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128", "2001:db8::"})
    void ipAddresses(String value) {
        found("ip_address", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "version 10.0.19045.1", "01.02.03.04",
        "std::vector<int>", "a::b", "12:30:45", "00:1a:2b:3c:4d:5e", "::", "deadbeef", "face:cafe"})
    void notIpAddresses(String text) {
        notFound(text);
    }

    @Test
    void aNumberInParenthesesKeepsItsOwnParenthesesOut() {
        for (String value : List.of("415-555-2671", "020 7946 0958")) {
            String text = "call (" + value + ") today";
            Finding f = ALL.scan(text).getFirst();
            assertEquals(value, text.substring(f.start(), f.end()));
        }
        notFound("population 8 045 311 447");
    }

    @Test
    void anIpv4WithAPortIsTheAddressAlone() {
        String text = "connect to 10.1.2.3:8080 now";
        Finding f = ALL.scan(text).getFirst();
        assertEquals("10.1.2.3", text.substring(f.start(), f.end()));
    }

    @Test
    void severalKindsInOneTextComeInOrderWithoutOverlap() {
        String text = "Jane (jane@example.com, +44 20 7946 0958) paid with 4111 1111 1111 1111 from "
                + "DE89 3704 0044 0532 0130 00; SSN 123-45-6789; last seen at 203.0.113.7.";
        List<String> kinds = ALL.scan(text).stream().map(Finding::kind).toList();
        assertEquals(List.of("email", "phone", "payment_card", "iban", "us_ssn", "ip_address"), kinds);
    }

    @Test
    void aScannerFindsOnlyTheKindsItWasGiven() {
        PiiScanner emailsOnly = PiiScanner.of(java.util.Set.of(PiiKind.EMAIL));
        List<Finding> findings = emailsOnly.scan("jane@example.com +44 20 7946 0958");
        assertEquals(1, findings.size());
        assertEquals("email", findings.getFirst().kind());
        assertTrue(PiiScanner.of(java.util.Set.of()).scan("jane@example.com").isEmpty());
    }

    @Test
    void kindsAreNamedInConfigurationInAnyCase() {
        assertEquals(PiiKind.PAYMENT_CARD, PiiKind.named("Payment-Card").orElseThrow());
        assertEquals("EMAIL", PiiKind.EMAIL.label());
        assertTrue(PiiKind.named("passport").isEmpty());
    }
}
