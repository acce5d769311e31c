package dev.backlane.core.metrics.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.metrics.math.MathValue.Scalar;
import dev.backlane.core.metrics.math.MathValue.Series;
import dev.backlane.core.metrics.math.MathValue.SeriesArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExpressionEvaluatorTest {
    /** m1: 10, 20, _, 40 at 0, 60, 120, 180; m2: 1, 2, 3, 4 at the same; requests over [0, 240). */
    private static final Series M1 = series("m1", 10.0, 20.0, null, 40.0);
    private static final Series M2 = series("m2", 1.0, 2.0, 3.0, 4.0);

    private static Series series(String label, Double... values) {
        TreeMap<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                points.put(60L * i, values[i]);
            }
        }
        return new Series(label, 60, points);
    }

    private static ExpressionEvaluator evaluator() {
        Map<String, Series> metrics = new LinkedHashMap<>();
        metrics.put("m1", M1);
        metrics.put("m2", M2);
        Map<String, MathValue> values = new LinkedHashMap<>(metrics);
        return new ExpressionEvaluator(values, metrics, period -> {
            long[] grid = new long[(int) (240 / period)];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = (long) i * period;
            }
            return grid;
        }, 60);
    }

    private static MathValue eval(String text) {
        return evaluator().evaluate(ExpressionParser.parse(text));
    }

    private static List<Double> values(MathValue value) {
        return new ArrayList<>(((Series) value).points().values());
    }

    @Test
    void operatorsFollowPrecedenceAndSeriesMeetAtSharedTimestamps() {
        assertEquals(new Scalar(7), eval("1 + 2 * 3"));
        assertEquals(new Scalar(-8), eval("-2 ^ 3"));
        assertEquals(new Scalar(1), eval("2 > 1 AND NOT 0"));
        assertEquals(new Scalar(1), eval("0 || 3 == 3"));
        assertEquals(List.of(11.0, 22.0, 44.0), values(eval("m1 + m2")));
        assertEquals(Set.of(0L, 60L, 180L), ((Series) eval("m1 + m2")).points().keySet());
        assertEquals(List.of(0.0, 0.0, 1.0, 1.0), values(eval("m2 >= 3")));
        assertEquals(List.of(10.0, 20.0, 40.0), values(eval("(m1 * 100) / 100")));
    }

    @Test
    void aggregatesOfASeriesAreNumbersAndOfAnArrayAreSeries() {
        assertEquals(new Scalar(70), eval("SUM(m1)"));
        assertEquals(new Scalar(2.5), eval("AVG(m2)"));
        assertEquals(new Scalar(40), eval("MAX(m1)"));
        assertEquals(new Scalar(3), eval("DATAPOINT_COUNT(m1)"));
        assertEquals(Math.sqrt(1.25), ((Scalar) eval("STDDEV(m2)")).value(), 1e-12);
        assertEquals(List.of(11.0, 22.0, 3.0, 44.0), values(eval("SUM(METRICS())")));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), values(eval("MIN([m1, m2])")));
        assertEquals(List.of(10.0, 20.0, 40.0), values(eval("SUM(METRICS(\"1\"))")));
        assertEquals(new Scalar(60), eval("PERIOD(m1)"));
        assertEquals(List.of(2.0, 2.0, 2.0, 2.0), values(eval("m2 / m2 * 2 + TIME_SERIES(0)")));
    }

    @Test
    void rateAndDiffCompareEachPointWithTheOneBefore() {
        assertEquals(List.of(10.0, 20.0), values(eval("DIFF(m1)")));
        assertEquals(List.of(10.0 / 60, 20.0 / 120), values(eval("RATE(m1)")));
        assertEquals(List.of(60.0, 120.0), values(eval("DIFF_TIME(m1)")));
        assertEquals(List.of(1.0, 3.0, 6.0, 10.0), values(eval("RUNNING_SUM(m2)")));
    }

    @Test
    void fillCompletesTheMissingPeriods() {
        assertEquals(List.of(10.0, 20.0, 0.0, 40.0), values(eval("FILL(m1, 0)")));
        assertEquals(List.of(10.0, 20.0, 20.0, 40.0), values(eval("FILL(m1, REPEAT)")));
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0), values(eval("FILL(m1, LINEAR)")));
        assertEquals(List.of(10.0, 20.0, 3.0, 40.0), values(eval("FILL(m1, m2)")));
        SeriesArray filled = (SeriesArray) eval("FILL(METRICS(), -1)");
        assertEquals(4, filled.series().get(0).points().size());
    }

    @Test
    void ifChoosesPerPointAndDropsWhereNoValueIsGiven() {
        assertEquals(List.of(0.0, 0.0, 40.0), values(eval("IF(m1 > 25, m1, 0)")));
        assertEquals(List.of(40.0), values(eval("IF(m1 > 25, m1)")));
        assertEquals(List.of(100.0, 200.0, 3.0, 4.0), values(eval("IF(m2 < 3, m1 * 10, m2)")));
    }

    @Test
    void nonNumericPointsAreDroppedAndRemembered() {
        ExpressionEvaluator evaluator = evaluator();
        MathValue value = evaluator.evaluate(ExpressionParser.parse("m1 / (m2 - 2)"));
        assertEquals(List.of(-10.0, 20.0), values(value));
        assertTrue(evaluator.droppedNonNumeric());
    }

    @Test
    void malformedExpressionsAreRefusedWithWhereAndWhy() {
        assertEquals("Syntax error at position 4: unexpected ')'.", assertThrows(ExpressionException.class, () -> ExpressionParser.parse("m1 )"))
                .getMessage());
        assertEquals("Syntax error at position 7: expected ')' at the end.", assertThrows(ExpressionException.class,
                () -> ExpressionParser.parse("SUM(m1")).getMessage());
        assertEquals("Syntax error at position 4: unexpected '$'.", assertThrows(ExpressionException.class, () -> ExpressionParser.parse("m1 $ 2"))
                .getMessage());
        assertEquals("The function takes a time series or an array of them, not the number 3.0.", assertThrows(ExpressionException.class,
                () -> eval("RATE(3)")).getMessage());
        assertEquals("FILL takes 2 arguments, not 1.", assertThrows(ExpressionException.class, () -> eval("FILL(m1)")).getMessage());
        assertEquals("The operator + needs arrays of the same size, not 2 and 1 time series.", assertThrows(ExpressionException.class,
                () -> eval("METRICS() + [m1]")).getMessage());
        assertThrows(ExpressionException.Unsupported.class, () -> eval("ANOMALY_DETECTION_BAND(m1, 2)"));
        assertEquals(Set.of("m1", "m2"), ExpressionEvaluator.references(ExpressionParser.parse("FILL(m1, REPEAT) + IF(m2, 1)")));
    }
}
