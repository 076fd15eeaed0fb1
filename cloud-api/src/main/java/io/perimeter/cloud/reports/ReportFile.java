package io.perimeter.cloud.reports;

/** A finished report's file. */
public record ReportFile(String fileName, String contentType, byte[] content) {
}
