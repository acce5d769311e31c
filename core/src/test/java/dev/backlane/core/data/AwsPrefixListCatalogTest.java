package dev.backlane.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsPrefixListCatalogTest {
    @Test
    void everyRegionHasS3AndDynamoDbLists() {
        AwsPrefixListCatalog catalog = AwsPrefixListCatalog.standard();
        for (Region region : RegionCatalog.standard().regions()) {
            List<String> names = catalog.region(region.name()).stream().map(AwsPrefixList::name).sorted().toList();
            assertEquals(List.of("com.amazonaws." + region.name() + ".dynamodb", "com.amazonaws." + region.name() + ".s3"), names, region.name());
        }
    }

    @Test
    void idsAreFoundOnlyInTheirRegion() {
        AwsPrefixListCatalog catalog = AwsPrefixListCatalog.standard();
        AwsPrefixList s3 = catalog.find("us-east-1", "pl-63a5400a").orElseThrow();
        assertEquals("com.amazonaws.us-east-1.s3", s3.name());
        assertEquals("arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a", s3.arn());
        assertTrue(catalog.find("eu-west-1", "pl-63a5400a").isEmpty());
    }
}
