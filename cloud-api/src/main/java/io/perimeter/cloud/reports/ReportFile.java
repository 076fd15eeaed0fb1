package io.perimeter.cloud.reports;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** A finished report's file. */
public record ReportFile(String fileName, String contentType, byte[] content) {
    /**
     * The file as a download, for the API and the console alike: an attachment, never cached (it holds a tenant's
     * findings), and never sniffed into another type by the browser.
     */
    public MutableHttpResponse<byte[]> asAttachment() {
        return HttpResponse.ok(content)
                .contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }
}
