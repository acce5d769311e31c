package dev.backlane.core.flowlog;

/**
 * A flow log record's {@code log-status}: {@code OK} when data is logged, {@code NODATA} when the
 * interface had no traffic in the window, {@code SKIPDATA} when records were skipped (an internal
 * capacity limit or error).
 */
public enum LogStatus {
    OK,
    NODATA,
    SKIPDATA
}
