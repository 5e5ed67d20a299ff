using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Rollout.Package.Tests.Infrastructure;

namespace Rollout.Package.Tests;

/// <summary>
/// A real editor backend: csharp-ls (the version in .config/dotnet-tools.json), driven over stdio LSP on a service
/// project that references the packed Rollout.Dsl, shows ROLL001 where the build reports it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class EditorTests
{
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromSeconds(90);

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _log;

    public EditorTests(PackageFixture package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    [Fact]
    public async Task Csharp_ls_reports_ROLL001_on_the_Create_call_and_lists_its_code_actions()
    {
        // The tool as the repository pins it; restored like a developer would.
        var manifest = Path.Combine(_package.RepoRoot, ".config", "dotnet-tools.json");
        Assert.True(File.Exists(manifest), manifest + " is missing: it pins csharp-ls for this test.");
        var restore = Command.Run(_package.RepoRoot, TimeSpan.FromMinutes(4), null, "tool", "restore");
        _log.WriteLine($"[{restore.Duration.TotalSeconds,5:F1} s] {restore.CommandLine} (exit {restore.ExitCode})");
        Assert.True(restore.Succeeded, "dotnet tool restore failed; csharp-ls cannot be run.\n" + restore.Describe());
        Assert.Contains("csharp-ls", restore.Output, StringComparison.Ordinal);

        // A service repository with the broken spec, restored so the server can load it; the tool manifest beside it.
        var root = _package.NewFolder("consumer-editor");
        Consumer.WriteRepositoryFiles(root, _package);
        Directory.CreateDirectory(Path.Combine(root, ".config"));
        File.Copy(manifest, Path.Combine(root, ".config", "dotnet-tools.json"));
        var service = Consumer.WriteProject(root, "Search", _package, exe: false);
        Consumer.WriteFile(service, "Specs/NewCheckoutFlow.cs", Specs.NoStopLoss);
        Consumer.WriteFile(service, "Specs/CheckoutQueries.cs", Specs.Queries);
        var specPath = Path.Combine(service, "Specs", "NewCheckoutFlow.cs");
        var specUri = new Uri(specPath).AbsoluteUri;
        var restored = _package.DotNet(_log, root, TimeSpan.FromMinutes(3), "restore", Path.Combine(service, "Search.csproj"));
        Assert.True(restored.Succeeded, restored.Describe());

        var stopwatch = Stopwatch.StartNew();
        await using var server = LspClient.Start(new[] { "tool", "run", "csharp-ls" }, root, AnswerServer);

        var initialized = await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = new Uri(root).AbsoluteUri,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["publishDiagnostics"] = new JsonObject(),
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject
                        {
                            ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("quickfix", "refactor", "source") },
                        },
                    },
                },
            },
        }, TimeSpan.FromSeconds(60));
        Assert.True(initialized.TryGetProperty("capabilities", out var capabilities), "initialize returned no capabilities:\n" + initialized);
        Assert.True(capabilities.TryGetProperty("codeActionProvider", out _), "csharp-ls does not offer code actions at all");

        await server.NotifyAsync("initialized", new JsonObject());
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = specUri,
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = File.ReadAllText(specPath),
            },
        });

        var published = await server.WaitForNotificationAsync(
            "textDocument/publishDiagnostics",
            p => SameFile(p.GetProperty("uri").GetString(), specPath) && RollDiagnostics(p).Any(d => Code(d) == "ROLL001"),
            DiagnosticsTimeout);
        _log.WriteLine($"[{stopwatch.Elapsed.TotalSeconds,5:F1} s] csharp-ls: start to publishDiagnostics with ROLL001");

        var rollout = RollDiagnostics(published).ToArray();
        Assert.Equal(new[] { "ROLL001" }, rollout.Select(Code).Distinct().ToArray());
        var diagnostic = Assert.Single(rollout);
        var (line, start, end) = Specs.CreateCallOf(Specs.NoStopLoss);
        var range = diagnostic.GetProperty("range");
        Assert.Equal(
            (line, start, line, end),
            (range.GetProperty("start").GetProperty("line").GetInt32(), range.GetProperty("start").GetProperty("character").GetInt32(),
             range.GetProperty("end").GetProperty("line").GetInt32(), range.GetProperty("end").GetProperty("character").GetInt32()));
        Assert.Equal(1, diagnostic.GetProperty("severity").GetInt32()); // Error
        Assert.Contains("stop-loss", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        if (diagnostic.TryGetProperty("codeDescription", out var description))
        {
            Assert.EndsWith("/docs/rules/ROLL001.md", description.GetProperty("href").GetString(), StringComparison.Ordinal);
        }

        // Quick fixes at the diagnostic. csharp-ls 0.28.0 answers with Roslyn's built-in refactorings only: it does not
        // surface code fixes from the project's analyzer packages, so RolloutDsl's "Add a stop-loss" fix is not offered
        // there (it is in IDEs that load package code fixes: Visual Studio, Rider, C# Dev Kit). If this starts failing
        // because the fix IS offered, assert on its edit instead and update docs/using-rolloutdsl-in-a-service.md.
        var stopwatchActions = Stopwatch.StartNew();
        var actions = await server.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = specUri },
            ["range"] = JsonNode.Parse(range.GetRawText()),
            ["context"] = new JsonObject
            {
                ["diagnostics"] = new JsonArray(JsonNode.Parse(diagnostic.GetRawText())),
            },
        }, TimeSpan.FromSeconds(60));
        var titles = actions.ValueKind == JsonValueKind.Array
            ? actions.EnumerateArray().Select(a => a.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "").ToArray()
            : Array.Empty<string>();
        _log.WriteLine($"[{stopwatchActions.Elapsed.TotalSeconds,5:F1} s] csharp-ls code actions at ROLL001: {string.Join(" | ", titles)}");

        Assert.Equal(JsonValueKind.Array, actions.ValueKind);
        Assert.DoesNotContain(titles, t => t.Contains("stop-loss", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(titles, t => t.StartsWith("Introduce local", StringComparison.Ordinal));

        // Half-typed (issue 10): the canary's audience string not closed yet. The editor shows what `dotnet build` shows,
        // the compiler's errors only; the build stops at them (BuildStepTests), so skipping the spec fails closed.
        // Typed top-down: the text stops after the open string, the class is closed.
        var lines = Specs.NoStopLoss.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains(".Traffic(1, \"internal users only\")", StringComparison.Ordinal));
        Assert.True(at > 0, "the sample's canary line moved");
        var typing = string.Join("\n", lines.Take(at)) + "\n                .Traffic(5, \"st\n}\n";
        await server.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = specUri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = typing }),
        });
        var halfTyped = await server.WaitForNotificationAsync(
            "textDocument/publishDiagnostics",
            p => SameFile(p.GetProperty("uri").GetString(), specPath) && p.GetProperty("diagnostics").EnumerateArray().Any(d => Code(d) == "CS1010"),
            DiagnosticsTimeout);
        var codes = halfTyped.GetProperty("diagnostics").EnumerateArray().Select(Code).ToArray();
        _log.WriteLine("csharp-ls on the half-typed spec: " + string.Join(", ", codes));
        Assert.Empty(RollDiagnostics(halfTyped));
        Assert.All(codes, code => Assert.StartsWith("CS", code, StringComparison.Ordinal));
    }

    /// <summary>
    /// The server's requests: workspace/configuration for section "csharp" gets analyzersEnabled (without it csharp-ls
    /// runs no project analyzers; null makes it log a NullReferenceException); everything else gets a null result.
    /// </summary>
    private static JsonNode? AnswerServer(string method, JsonElement parameters)
    {
        if (method != "workspace/configuration") return null;
        var answers = new JsonArray();
        foreach (var item in parameters.GetProperty("items").EnumerateArray())
        {
            var section = item.TryGetProperty("section", out var s) ? s.GetString() : null;
            answers.Add(section == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
        }
        return answers;
    }

    private static JsonElement[] RollDiagnostics(JsonElement published) =>
        published.GetProperty("diagnostics").EnumerateArray().Where(d => Code(d).StartsWith("ROLL", StringComparison.Ordinal)).ToArray();

    private static string Code(JsonElement diagnostic) =>
        diagnostic.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() ?? "" : "";

    private static bool SameFile(string? uri, string path) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile
        && string.Equals(Path.GetFullPath(parsed.LocalPath), Path.GetFullPath(path), StringComparison.Ordinal);
}
