package io.flk.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/** Billing exports for API tests: small FOCUS files built in the test, uploaded as multipart over real HTTP. */
public final class BillingUploads {

    public static final String IMPORTS = "/api/v1/billing/imports";
    public static final String FOCUS_HEADER = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,"
            + "BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,"
            + "ChargePeriodStart,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,"
            + "ProviderName,PublisherName,ServiceCategory,ServiceName,Tags";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BillingUploads() {
    }

    /** One FOCUS usage row of an EC2 charge; {@code tags} is JSON or {@code NULL}. */
    public static String focusRow(LocalDate day, String account, String cost, String tags) {
        return focusRow(day, account, "EC2", cost, tags);
    }

    public static String focusRow(LocalDate day, String account, String service, String cost, String tags) {
        String period = day.withDayOfMonth(1) + " 00:00:00";
        return String.join(",", cost, account, "Account", "USD", day.withDayOfMonth(1).plusMonths(1) + " 00:00:00",
                period, "Usage", "NULL", "compute", day + " 01:00:00", day + " 00:00:00", cost, cost, "AWS", cost,
                "1", "Hours", "AWS", "AWS", "Compute", service, tags.equals("NULL") ? "NULL" : "\"" + tags + "\"");
    }

    public static HttpJson.Response upload(int port, String user, String fileName, byte[] content, String format) {
        String boundary = "flk-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (format != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + IMPORTS))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + ApiTestSupport.passwordOf(user)).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpJson.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
