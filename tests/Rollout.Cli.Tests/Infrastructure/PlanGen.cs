using System;
using System.Linq;
using CsCheck;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// Random plans for property tests: every model member, ready and broken plans alike, hostile strings included
/// (quotes, line breaks, HTML, pipes, paths, control and non-BMP characters). Not generated: lone surrogates and
/// infinities, which the JSON writer maps to U+FFFD and null (so they cannot come back as themselves).
/// </summary>
public static class PlanGen
{
    private static readonly Gen<string> Fragment = Gen.OneOf(
        "a", "payments", "canary", "full", " ", "\"q\"", "<script>", "</b>", "|", "\n", "\r\n", "\t", "../", "é", "İı", "😀", "\u2028", "\u0001", "\\", "#", "*", "1.");

    public static readonly Gen<string> Text = Fragment.Array[1, 4].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Id = Gen.OneOf("new-checkout-flow", "a", "contact-dedup-job", "x-1", "Bad Id", "9lives");

    private static readonly Gen<string> MetricName = Gen.OneOf("error_rate", "latency_p99", "payment_errors", "merge_errors");

    private static readonly Gen<string> StageName = Gen.OneOf("canary", "staged", "half", "full", "pilot", "x|y");

    private static readonly Gen<string> RoleName = Gen.OneOf("release engineer", "on-call engineer", "eng lead", "product", "data-eng on-call");

    public static readonly Gen<double> Number = Gen.Frequency(
        (4, Gen.Int[-5, 1000].Select(value => (double)value)),
        (3, Gen.Double[-10, 1000]),
        (1, Gen.OneOf(0.1, 0.01, 1e-20, 2.5e15, 1e300, double.NaN, -0.0)));

    public static readonly Gen<TimeSpan> Duration = Gen.Frequency(
        (4, Gen.OneOf(30, 60, 300, 1800, 3600, 14400, 86400, 90000).Select(seconds => TimeSpan.FromSeconds(seconds))),
        (2, Gen.Long[-TimeSpan.TicksPerDay * 3, TimeSpan.TicksPerDay * 400].Select(TimeSpan.FromTicks)),
        (1, Gen.Const(TimeSpan.Zero)));

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : class => Gen.Select(Gen.Int[0, 3], gen, (pick, value) => pick == 0 ? null : value);

    private static Gen<T?> OrNone<T>(Gen<T> gen) where T : struct => Gen.Select(Gen.Int[0, 3], gen, (pick, value) => pick == 0 ? (T?)null : value);

    public static readonly Gen<Condition> Condition = Gen.Select(MetricName, Gen.Enum<MetricUnit>(), Gen.Enum<Comparison>(), Number,
        (name, unit, comparison, threshold) => new Condition { Metric = new Metric { Name = name, Unit = unit }, Comparison = comparison, Threshold = threshold });

    private static readonly Gen<Role> Role = RoleName.Select(name => Rollout.Dsl.Role.Named(name));

    public static readonly Gen<Stage> Stage = Gen.Select(StageName, OrNone(Number), OrNull(Text), OrNone(Duration), Condition.Array[0, 3],
        OrNull(Gen.Select(Duration, OrNull(Text), (duration, note) => new Soak { Duration = duration, Note = note })), Role.Array[0, 2],
        (name, percent, audience, observe, gates, after, overrides) => new Stage
        {
            Name = name,
            TrafficPercent = percent,
            Audience = audience,
            Observe = observe,
            AdvanceWhen = [.. gates],
            After = after,
            OverrideBy = [.. overrides],
        });

    public static readonly Gen<RollbackStep> RollbackStep = Gen.Select(Gen.Enum<RollbackKind>(), Text, OrNone(Duration), Gen.Bool,
        OrNull(Text), OrNull(RoleName), OrNull(Text), OrNull(Text),
        (kind, target, takes, reversible, when, owner, runbook, scope) => new RollbackStep
        {
            Kind = kind, Target = target,
            Takes = takes,
            Reversible = reversible,
            When = when,
            Owner = owner,
            Runbook = runbook,
            Scope = scope,
        });

    public static readonly Gen<AuthorityRules> Authority = Gen.Select(
        Gen.Select(Role, Gen.Enum<Trigger>(), (role, when) => new TriggerRight { Role = role, When = when }).Array[0, 3],
        Role.Array[0, 2],
        OrNull(Gen.Select(Text, Duration, OrNull(Text), (channel, within, include) => new Announcement { Channel = channel, Within = within, Include = include })),
        Role.Array[0, 2],
        Role.Array[0, 1],
        (triggers, overrides, announce, informed, signOff) => new AuthorityRules
        {
            Triggers = [.. triggers],
            Overrides = [.. overrides],
            Announcement = announce,
            Informed = [.. informed],
            SignOff = [.. signOff],
        });

    public static readonly Gen<PointOfNoReturn> PointOfNoReturn = Gen.Select(OrNull(StageName), OrNull(Text), OrNull(Text), OrNull(RoleName),
        (stage, moment, fix, owner) => new PointOfNoReturn { AfterStage = stage, Moment = moment, ForwardFix = fix, Owner = owner });

    private static readonly Gen<Measurement> Measurement = Gen.Select(MetricName, Gen.Enum<MetricUnit>(),
        Gen.OneOf("sum(rate(errors[$window]))", "histogram_quantile(0.99, rate(x[$window])) * 1000", "a\"b|<c>"),
        (name, unit, query) => new Measurement { Metric = new Metric { Name = name, Unit = unit }, Query = query });

    private static readonly Gen<StopLossEvaluation> Evaluation = Gen.Frequency(
        (2, Gen.Const(StopLossEvaluation.Default)),
        (1, Gen.Select(Duration, Duration, (every, window) => new StopLossEvaluation { Every = every, Window = window })));

    public static readonly Gen<RolloutPlan> Plan = Gen.Select(
        Gen.Select(Id, OrNull(Text), OrNull(Text), Gen.Enum<Surface>().Array[0, 3], Measurement.Array[0, 2], Evaluation),
        Stage.Array[0, 4],
        Gen.Select(Condition, Gen.Enum<StopLossAction>(), (when, action) => new StopLoss { When = when, Action = action }).Array[0, 2],
        RollbackStep.Array[0, 3],
        OrNull(Authority),
        OrNull(PointOfNoReturn),
        OrNull(Gen.Select(Gen.OneOf("Plan", "NewCheckoutFlow"), Gen.OneOf("Specs.cs", "a b.cs"), (member, file) => new SpecSource { Member = member, File = file })),
        (head, stages, stopLosses, rollback, authority, point, source) => new RolloutPlan
        {
            Id = head.Item1,
            Title = head.Item2,
            Owner = head.Item3,
            Touches = [.. head.Item4],
            Measurements = [.. head.Item5],
            StopLossEvaluation = head.Item6,
            Stages = [.. stages],
            StopLosses = [.. stopLosses],
            Rollback = [.. rollback],
            Authority = authority,
            PointOfNoReturn = point,
            Source = source,
        });
}
