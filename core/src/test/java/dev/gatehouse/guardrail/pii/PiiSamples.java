package dev.gatehouse.guardrail.pii;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Generated personal data in every written form the detectors claim, from a seeded random
 * source: made up, never anyone's. Card numbers get a computed Luhn digit, IBANs computed check
 * digits, SSNs an assignable area, group and serial.
 */
final class PiiSamples {

    private final Random random;

    PiiSamples(long seed) {
        this.random = new Random(seed);
    }

    private String digits(int n) {
        StringBuilder d = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            d.append((char) ('0' + random.nextInt(10)));
        }
        return d.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    String email() {
        String local = pick(List.of("jane.doe", "j.smith+news", "kim_lee", "o.mensah", "x9", "a-b")) + random.nextInt(1000);
        String domain = pick(List.of("example.com", "mail.example.org", "example.co.uk", "corp-mail.example.net"));
        return local + "@" + domain;
    }

    String phone() {
        String area = (2 + random.nextInt(8)) + digits(2);
        String exchange = (2 + random.nextInt(8)) + digits(2);
        String line = digits(4);
        return switch (random.nextInt(8)) {
            case 0 -> "+1" + area + exchange + line;
            case 1 -> "(" + area + ") " + exchange + "-" + line;
            case 2 -> area + "-" + exchange + "-" + line;
            case 3 -> area + "." + exchange + "." + line;
            case 4 -> "+44 20 " + digits(4) + " " + digits(4);
            case 5 -> "0" + (1 + random.nextInt(9)) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
            case 6 -> "+49 30 " + digits(8);
            default -> "020 " + digits(4) + " " + digits(4);
        };
    }

    String card() {
        String prefix = pick(List.of("4", "51", "55", "2221", "2720", "34", "37", "6011", "65", "3528"));
        int length = prefix.startsWith("3") && prefix.length() == 2 ? 15 : pick(List.of(16, 16, 16, 19, 13));
        String body = prefix + digits(length - prefix.length() - 1);
        String number = body + luhnDigit(body);
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> grouped(number, " ");
            default -> grouped(number, "-");
        };
    }

    private static String grouped(String number, String separator) {
        if (number.length() == 15) {
            return number.substring(0, 4) + separator + number.substring(4, 10) + separator + number.substring(10);
        }
        return inFours(number).replace(" ", separator);
    }

    /** The printed form of an IBAN: groups of four, the last one shorter. */
    private static String inFours(String number) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < number.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(number, i, Math.min(number.length(), i + 4));
        }
        return out.toString();
    }

    static char luhnDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (Luhn.valid(body + d)) {
                return d;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    String iban() {
        String country = pick(List.of("DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "NO", "PL"));
        int length = IbanCountries.length(country);
        String bban = country.equals("GB") || country.equals("NL") ? pick(List.of("WEST", "ABNA", "BARC")) + digits(length - 8)
                : digits(length - 4);
        String number = country + checkDigits(country, bban) + bban;
        return random.nextBoolean() ? number : inFours(number);
    }

    /** ISO 13616's check digits: 98 minus (BBAN + country + "00", letters as 10–35) mod 97. */
    static String checkDigits(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return (check < 10 ? "0" : "") + check;
    }

    String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        String separator = random.nextInt(4) == 0 ? " " : "-";
        return String.format("%03d%s%02d%s%04d", area, separator, 1 + random.nextInt(99), separator, 1 + random.nextInt(9999));
    }

    String ip() {
        if (random.nextBoolean()) {
            return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }
        return switch (random.nextInt(3)) {
            case 0 -> "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::" + Integer.toHexString(1 + random.nextInt(65535));
            case 1 -> "fe80::" + Integer.toHexString(random.nextInt(65536)) + ":" + Integer.toHexString(random.nextInt(65536))
                    + ":" + Integer.toHexString(random.nextInt(65536)) + ":" + Integer.toHexString(1 + random.nextInt(65535));
            default -> String.join(":", List.of("2001", "db8", h(), h(), h(), h(), h(), "1"));
        };
    }

    private String h() {
        return Integer.toHexString(random.nextInt(65536));
    }

    /** One generated value of {@code kind}. */
    String of(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> email();
            case PHONE -> phone();
            case PAYMENT_CARD -> card();
            case IBAN -> iban();
            case US_SSN -> ssn();
            case IP_ADDRESS -> ip();
        };
    }

    /** A sentence around the value, as a prompt would have it. */
    String sentence(String value) {
        return pick(List.of("My %s is on file.", "Contact: %s", "please use %s, not the old one", "(%s)",
                "\"%s\"", "Value=%s;", "- %s\n- next item")).formatted(value);
    }
}
