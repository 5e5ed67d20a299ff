namespace CheckoutService.Specs;

/// <summary>
/// How this service's metrics are measured, as Prometheus queries: one constant per metric, shared by
/// every plan. Each query returns one value in the metric's unit; $window is the evaluation window
/// (the stage's observation window for a gate, the stop-loss window for a stop-loss).
/// </summary>
public static class CheckoutQueries
{
    /// <summary>Share of checkout requests answered with a 5xx, in percent.</summary>
    public const string ErrorRate =
        "100 * sum(rate(http_server_requests_total{service=\"checkout\", status=~\"5..\"}[$window]))"
        + " / sum(rate(http_server_requests_total{service=\"checkout\"}[$window]))";

    /// <summary>99th percentile checkout latency, in milliseconds.</summary>
    public const string LatencyP99 =
        "1000 * histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service=\"checkout\"}[$window])))";

    /// <summary>Failed payment authorisations in the window (the counter starts at 0, so the series always exists).</summary>
    public const string PaymentErrors =
        "sum(increase(checkout_payment_errors_total{service=\"checkout\"}[$window]))";

    /// <summary>Merges the de-duplication job could not complete in the window.</summary>
    public const string MergeErrors =
        "sum(increase(contact_dedup_merge_errors_total{job=\"contact-dedup\"}[$window]))";

    /// <summary>Share of merges later found wrong by the sampling audit, in percent.</summary>
    public const string FalseMergeRate =
        "100 * sum(increase(contact_dedup_false_merges_total{job=\"contact-dedup\"}[$window]))"
        + " / sum(increase(contact_dedup_merges_total{job=\"contact-dedup\"}[$window]))";

    /// <summary>Share of order-page requests answered with a 5xx, in percent.</summary>
    public const string OrderPageErrorRate =
        "100 * sum(rate(http_server_requests_total{service=\"order-page\", status=~\"5..\"}[$window]))"
        + " / sum(rate(http_server_requests_total{service=\"order-page\"}[$window]))";
}
