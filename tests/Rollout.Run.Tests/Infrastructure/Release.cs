using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Run;
using Rollout.Semantics;

namespace Rollout.Run.Tests.Infrastructure;

/// <summary>One release under test in a temporary folder: its plan, flag file, state and audit log, a fake clock and a measurement source.</summary>
public sealed class Release : IDisposable
{
    private readonly TempFolder _folder = new("rollout-run");
    private readonly HttpClient _http = new();

    public Release(RolloutPlan plan, IMeasurementSource source, FlagFormat? target = null, string? webhook = null)
    {
        Plan = plan;
        Source = source;
        Target = target ?? FlagFormat.FeatureManagement;
        Webhook = webhook;
        Clock = new FakeClock(Semantics.Tests.TimelineBuilder.T0);
    }

    public RolloutPlan Plan { get; }

    public IMeasurementSource Source { get; set; }

    public FlagFormat Target { get; }

    public string? Webhook { get; set; }

    public FakeClock Clock { get; }

    public string Folder => _folder.Path;

    public string FlagPath => Path.Combine(_folder.Path, "flags.json");

    public string StatePath => Path.Combine(_folder.Path, "release.json");

    public string AuditPath => AuditLog.DefaultFor(StatePath);

    public Action<string> Fault { get; set; } = _ => { };

    /// <summary>The --flag key; null: the plan's config rollback flag.</summary>
    public string? FlagKey { get; set; }

    public AuditLog Audit => new(AuditPath);

    public ReleaseExecutor Executor() => new(new RunSetup
    {
        Plan = Plan,
        PlanFile = Path.Combine(_folder.Path, Plan.Id + ".plan.json"),
        FlagFile = new FlagFile(FlagPath, Target, FlagKey),
        StatePath = StatePath,
        AuditPath = AuditPath,
        Announcer = Webhook is null ? null : new Announcer(_http, new Uri(Webhook), Clock),
        Source = Source,
        Clock = Clock,
        Fault = Fault,
    });

    /// <summary>One evaluation as of <paramref name="at"/>, the fake clock set to that moment.</summary>
    public Task<EvaluationOutcome> At(DateTimeOffset at)
    {
        Clock.Now = at;
        return Executor().EvaluateAsync(at);
    }

    public string Flag() => File.ReadAllText(FlagPath);

    public string FlagAt(string? stage) => Target.Export(Plan, FlagKey, stage).Json;

    public RunState State() => RunStateFile.Read(StatePath)!;

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }
}
