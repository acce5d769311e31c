package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPatternTest {

    private static final TextPattern OBJECT = TextPattern.ofArnFormat("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    private static final TextPattern TABLE = TextPattern.ofArnFormat("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}");

    private static boolean overlaps(TextPattern format, String resource) {
        return format.overlaps(TextPattern.ofPolicyValue(resource));
    }

    @Test
    void literalResourceMatchesItsFormat() {
        assertTrue(overlaps(OBJECT, "arn:aws:s3:::reports/2024/q1.csv"));
        assertFalse(overlaps(OBJECT, "arn:aws:s3:::reports"));
        assertFalse(overlaps(OBJECT, "arn:aws:s3:::reports/"));
    }

    @Test
    void placeholdersBeforeTheResourcePartTakeNoColon() {
        assertTrue(overlaps(TABLE, "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"));
        assertFalse(overlaps(TABLE, "arn:aws:dynamodb:us-east-1:111122223333:extra:table/Orders"));
        assertFalse(overlaps(TABLE, "arn:aws:dynamodb::111122223333:table/Orders"));
        assertTrue(overlaps(TextPattern.ofArnFormat("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"),
                "arn:aws:lambda:us-east-1:111122223333:function:f:1"));
    }

    @Test
    void wildcardsOnBothSidesOverlap() {
        assertTrue(overlaps(OBJECT, "arn:aws:s3:::*"));
        assertTrue(overlaps(OBJECT, "arn:aws:s3:::b?/*"));
        assertTrue(overlaps(TABLE, "arn:aws:dynamodb:*:*:*"));
        assertTrue(overlaps(TABLE, "arn:*:dynamodb:us-east-?:*:table/${aws:username}"));
        assertFalse(overlaps(OBJECT, "arn:aws:s3:::b?"));
        assertFalse(overlaps(TABLE, "arn:aws:s3:*"));
    }

    @Test
    void wildcardsBeforeTheResourcePartStayInTheirPart() {
        TextPattern accessPoint = TextPattern.ofArnFormat("arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}");
        assertFalse(overlaps(accessPoint, "arn:aws:s3:*:*:reports/*"));
        assertTrue(overlaps(accessPoint, "arn:aws:s3:*:*:accesspoint/*"));
        assertTrue(overlaps(OBJECT, "arn:aws:s3:*:*:reports/*"));
    }

    @Test
    void keyTemplatesStandForAtLeastOneCharacter() {
        TextPattern template = TextPattern.ofKeyTemplate("s3:requestobjecttag/<key>");
        assertTrue(template.matches("s3:requestobjecttag/project"));
        assertFalse(template.matches("s3:requestobjecttag/"));
        assertTrue(TextPattern.ofKeyTemplate("aws:principaltag/${tagkey}").matches("aws:principaltag/a"));
    }

    @Test
    void nearestNamesAllowASwapAsOneEdit() {
        assertEquals(1, NearestNames.distance("getobjcet", "getobject"));
        assertEquals(List.of("GetObject"), NearestNames.of("GetObjcet", List.of("GetObject", "PutObject", "GetObjectAcl")));
        assertEquals(List.of(), NearestNames.of("foo", List.of("s3", "ec2", "sts")));
    }
}
