using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Run;

/// <summary>What became of one announcement.</summary>
/// <param name="Delivered">The webhook answered 2xx.</param>
/// <param name="Attempts">Posts made.</param>
/// <param name="Delay">From detection to acceptance; null when not delivered.</param>
/// <param name="LastProblem">The last failure in words ("HTTP 503", "connection refused"); null when the first post was accepted.</param>
public sealed record AnnouncementResult(bool Delivered, int Attempts, TimeSpan? Delay, string? LastProblem);

/// <summary>
/// Posts an announcement to a Slack-compatible incoming webhook (<c>{"text": ...}</c>) and retries a failure with
/// exponential backoff (1 s, 2 s, 4 s … at most 1 min between posts) until it is accepted, until the announcement's
/// deadline has passed after at least <see cref="MinimumAttempts"/> posts, or until cancelled. It is only ever called
/// after the rollback's flag file is written, so it can delay nothing that protects users.
/// </summary>
public sealed class Announcer
{
    public const int MinimumAttempts = 4;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly Uri _webhook;
    private readonly IRunClock _clock;

    public Announcer(HttpClient http, Uri webhook, IRunClock clock)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _webhook = webhook ?? throw new ArgumentNullException(nameof(webhook));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The webhook's body: Slack's <c>text</c>, the plan's channel and the announcement's stable id.</summary>
    public static string Body(RunAction announcement)
    {
        using var stream = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("text", announcement.Text);
            if (announcement.Channel is { } channel) json.WriteString("channel", channel);
            json.WriteString("announcementId", announcement.Id);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public async Task<AnnouncementResult> PostAsync(RunAction announcement, CancellationToken cancellationToken)
    {
        var body = Body(announcement);
        var detected = announcement.DetectedAt ?? _clock.Now;
        var deadline = detected + (announcement.Within ?? TimeSpan.Zero);
        var wait = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            var problem = await TryPost(body, cancellationToken).ConfigureAwait(false);
            if (problem is null) return new AnnouncementResult(true, attempt, _clock.Now - detected, attempt == 1 ? null : "retried");
            if (attempt >= MinimumAttempts && _clock.Now + wait > deadline) return new AnnouncementResult(false, attempt, null, problem);
            try
            {
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new AnnouncementResult(false, attempt, null, problem + "; stopped by a signal");
            }
            wait = wait * 2 > LongestDelay ? LongestDelay : wait * 2;
        }
    }

    private async Task<string?> TryPost(string body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_webhook, content, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : "HTTP " + (int)response.StatusCode + " " + response.ReasonPhrase;
        }
        catch (HttpRequestException error)
        {
            return error.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or reset" : error.Message.TrimEnd('.');
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer within " + AttemptTimeout.TotalSeconds + " s";
        }
    }
}
