package dev.gatehouse.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExchangeTest {

    @Test
    void overheadIsWrittenInMillisecondsWithThreeDecimals() {
        assertEquals("0.000", Exchange.millis(0));
        assertEquals("0.007", Exchange.millis(7_400));
        assertEquals("0.283", Exchange.millis(283_999));
        assertEquals("12.050", Exchange.millis(12_050_000));
    }
}
