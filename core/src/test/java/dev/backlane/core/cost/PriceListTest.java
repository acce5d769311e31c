package dev.backlane.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PriceListTest {
    @Test
    void theShippedListHasAwsTiersForInterfaceEndpointData() {
        PriceList.RegionPrices prices = PriceList.standard().pricesOf("us-east-1").prices();
        assertEquals(0, new BigDecimal("10").compareTo(prices.interfaceEndpointData(new BigDecimal("1000"))));
        // 6 PB: 1 PB x 0.01 + 4 PB x 0.006 + 1 PB x 0.004
        BigDecimal petabyte = new BigDecimal("1048576");
        BigDecimal expected = petabyte.multiply(new BigDecimal("0.01")).add(petabyte.multiply(new BigDecimal("4")).multiply(new BigDecimal("0.006")))
                .add(petabyte.multiply(new BigDecimal("0.004")));
        assertEquals(0, expected.compareTo(prices.interfaceEndpointData(petabyte.multiply(new BigDecimal("6")))));
        assertEquals(0, BigDecimal.ZERO.compareTo(prices.interfaceEndpointData(BigDecimal.ZERO)));
        assertEquals(730, PriceList.standard().hoursPerMonth());
    }

    @Test
    void aListOfTheWrongShapeSaysWhatIsWrong() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> read("{\"regions\": {\"us-east-1\": {\"natGatewayHour\": 1}}}"));
        assertTrue(missing.getMessage().contains("us-east-1") && missing.getMessage().contains("must be a number"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("{}"));
    }

    private static PriceList read(String json) throws java.io.IOException {
        return PriceList.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
