using System;
using System.IO;
using System.Text.Json;

namespace Rollout.Run;

/// <summary>Reads and saves a <see cref="RunState"/>; a file that is not a run state of this version is a <see cref="RunInputException"/>.</summary>
public static class RunStateFile
{
    /// <summary>The state in <paramref name="path"/>, or null when there is no such file yet.</summary>
    public static RunState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new RunInputException(path + ": the state file cannot be read (" + error.Message.TrimEnd('.') + ").", error);
        }
        try
        {
            using (var document = JsonDocument.Parse(text))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != RunState.KindName)
                {
                    throw NotOurs(path, "it has no \"kind\": \"" + RunState.KindName + "\"");
                }
                if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != RunState.CurrentVersion)
                {
                    throw NotOurs(path, "its version is not " + RunState.CurrentVersion + "; use the rollout tool that started the release");
                }
            }
            return JsonSerializer.Deserialize<RunState>(text, RunJson.Indented) ?? throw NotOurs(path, "it is empty");
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw NotOurs(path, "it is not valid JSON of that kind (" + error.Message.Split('\n')[0].TrimEnd('.') + ")");
        }
    }

    /// <summary>The state in <paramref name="path"/>, which must exist (<c>rollout approve</c>: a release starts with <c>rollout run</c>).</summary>
    public static RunState ReadExisting(string path) =>
        Read(path) ?? throw new RunInputException(path + ": no such state file; a release starts with rollout run --state " + path + ".");

    /// <summary>The release of <paramref name="program"/> at <paramref name="position"/> (read from the state file <paramref name="path"/>); a position the plan cannot have is a <see cref="RunInputException"/>.</summary>
    public static Rollout.Semantics.ReleaseRun Restore(string path, Rollout.Semantics.ReleaseProgram program, Rollout.Semantics.ReleasePosition position)
    {
        try
        {
            return Rollout.Semantics.ReleaseRun.Restore(program, position);
        }
        catch (ArgumentException error)
        {
            throw NotOurs(path, error.Message.Split(" (Parameter")[0].TrimEnd('.'));
        }
    }

    /// <summary>Saves <paramref name="state"/> atomically.</summary>
    public static void Save(string path, RunState state) => AtomicWrite.Text(path, JsonSerializer.Serialize(state, RunJson.Indented) + "\n");

    private static RunInputException NotOurs(string path, string why) =>
        new(path + ": not a rollout run state file: " + why + "; pass the --state file of this release, or a new path to start one.");
}
