package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow log's record format: the fields of {@code LogFormat} ({@code ${srcaddr} ${dstaddr} ...}) in
 * order. The default format is the fourteen version-2 fields; a record's {@code version} is the highest
 * version of its format's fields. Formats a record as one line of space-separated values, {@code -} for
 * a field that does not apply, as AWS writes them.
 */
public final class FlowLogFormat {
    private static final Pattern FIELD = Pattern.compile("\\$\\{([^}]*)}");
    public static final FlowLogFormat DEFAULT = new FlowLogFormat(List.of(FlowLogField.VERSION, FlowLogField.ACCOUNT_ID,
            FlowLogField.INTERFACE_ID, FlowLogField.SRCADDR, FlowLogField.DSTADDR, FlowLogField.SRCPORT, FlowLogField.DSTPORT, FlowLogField.PROTOCOL,
            FlowLogField.PACKETS, FlowLogField.BYTES, FlowLogField.START, FlowLogField.END, FlowLogField.ACTION, FlowLogField.LOG_STATUS));

    private final List<FlowLogField> fields;
    private final int version;

    private FlowLogFormat(List<FlowLogField> fields) {
        this.fields = List.copyOf(fields);
        this.version = fields.stream().mapToInt(FlowLogField::version).max().orElseThrow();
    }

    /**
     * Reads a {@code LogFormat}: one or more {@code ${field}} separated by spaces. An unknown field, text
     * outside a field, or no field at all is AWS's InvalidParameter naming the offending part.
     */
    public static FlowLogFormat parse(String logFormat) {
        requireNonNull(logFormat, "logFormat is null");
        List<FlowLogField> fields = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Matcher matcher = FIELD.matcher(logFormat);
        int end = 0;
        while (matcher.find()) {
            String between = logFormat.substring(end, matcher.start());
            if (!between.isBlank() || (end > 0 && between.isEmpty())) {
                throw invalid(logFormat);
            }
            FlowLogField.named(matcher.group(1)).ifPresentOrElse(fields::add, () -> unknown.add(matcher.group()));
            end = matcher.end();
        }
        if (!logFormat.substring(end).isBlank()) {
            throw invalid(logFormat);
        }
        if (!unknown.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Unknown fields provided in LogFormat: %s", String.join(", ", unknown));
        }
        if (fields.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogFormat must contain at least one field, e.g. ${srcaddr}.");
        }
        return new FlowLogFormat(fields);
    }

    private static AwsException invalid(String logFormat) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER,
                "Invalid LogFormat: '%s'. Fields must be given as ${field-name}, separated by spaces.", logFormat);
    }

    public List<FlowLogField> fields() {
        return fields;
    }

    /** The version a record in this format carries: the highest version among its fields. */
    public int version() {
        return version;
    }

    /** The format as AWS reports it in DescribeFlowLogs: each field as {@code ${name}}, one space apart. */
    public String text() {
        StringJoiner text = new StringJoiner(" ");
        fields.forEach(field -> text.add("${" + field.fieldName() + "}"));
        return text.toString();
    }

    /** One record as a line in this format; {@code version} is this format's, whatever the record holds. */
    public String format(FlowLogRecord record) {
        StringJoiner line = new StringJoiner(" ");
        for (FlowLogField field : fields) {
            line.add(field == FlowLogField.VERSION ? Integer.toString(version) : record.value(field));
        }
        return line.toString();
    }
}
