package dev.gatehouse.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.secrets.SecretScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The secret scanner (in core) checks Gatehouse keys' checksum with its own copy of the rule,
 * because core can not see the server; this keeps the two in step: every key the server makes is
 * found, with its kind.
 */
class KeyFormatSecretScanTest {

    @Test
    void everyGeneratedKeyIsFoundByTheSecretScanner() {
        for (int i = 0; i < 200; i++) {
            String virtual = KeyFormat.VIRTUAL.generate();
            String admin = KeyFormat.ADMIN.generate();
            String text = "keys: " + virtual + " and " + admin + ".";
            int virtualStart = text.indexOf(virtual);
            int adminStart = text.indexOf(admin);
            assertEquals(List.of(
                    new Finding("gatehouse_virtual_key", Finding.Category.SECRET, virtualStart, virtualStart + virtual.length()),
                    new Finding("gatehouse_admin_key", Finding.Category.SECRET, adminStart, adminStart + admin.length())),
                    SecretScanner.defaults().scan(text));
        }
    }
}
