using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Dsl.Text;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>How the state file and the audit log are written: camelCase names, enum values as camelCase words, times in UTC, durations in ISO 8601, no nulls.</summary>
internal static class RunJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static readonly JsonSerializerOptions OneLine = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            NewLine = "\n",
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTime());
        options.Converters.Add(new IsoDuration());
        return options;
    }

    private sealed class UtcTime : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(TimeText.IsoMilliseconds(value));
    }

    private sealed class IsoDuration : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Invariant.TryParseIso8601(reader.GetString() ?? "", out var value) ? value : throw new JsonException("not an ISO 8601 duration");

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(Invariant.Iso8601(value));
    }
}
