package dev.backlane.core.alarm;

/** The three states of a CloudWatch alarm, by AWS's names ({@code StateValue}). */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
