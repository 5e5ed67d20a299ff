using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>
/// Argo Rollouts' canary controller reduced to what decides over time, run on the exported objects (the Rollout and
/// its AnalysisTemplates read back from the YAML), a Prometheus answering from a metric timeline, and people running
/// <c>kubectl argo rollouts promote</c> / <c>abort</c>. Rules, from argoproj/argo-rollouts:
/// <list type="bullet">
/// <item>rollout/canary.go completedCurrentCanaryStep: setWeight completes once the pods are there (at once here);
/// a timed pause at its end; a pause without duration when a person clears it; an analysis step when its run is Successful.</item>
/// <item>rollout/analysis.go reconcileStepBasedAnalysisRun: nothing is acted on while the rollout has a pause condition;
/// a Failed or Error run aborts, an Inconclusive one pauses (InconclusiveAnalysis).</item>
/// <item>rollout/analysis.go reconcileBackgroundAnalysisRun: the background run is created at the first step and acted on
/// the same way, except while the InconclusiveAnalysis pause exists (it returns early); needsNewAnalysisRun starts a new
/// one once that pause is cleared.</item>
/// <item>pkg/kubectl-argo-rollouts/cmd/promote getPatches: promote clears the pause conditions (advancing past an
/// Inconclusive step), or, with none, moves to the next step (cancelling a running step analysis).</item>
/// </list>
/// Events use the reference interpreter's kinds: StageStarted (each setWeight, the k-th being stage k), Advance,
/// RollBack (abort), Halt (an Inconclusive pause), WaitingForPerson (a pause without end), Completed.
/// </summary>
public sealed class ArgoModel
{
    private readonly Manifests _manifests;
    private readonly FakePrometheus _prometheus;
    private readonly List<JsonNode> _steps;
    private readonly JsonNode? _background;
    private readonly IReadOnlyList<string> _stageNames;
    private readonly List<TraceEvent> _events = new();
    private int _step;
    private int _stage = -1;
    private DateTimeOffset? _pauseUntil;
    private bool _pausedByStep;
    private bool _inconclusivePause;
    private bool _aborted;
    private bool _completed;
    private ArgoAnalysisRun? _stepRun;
    private ArgoAnalysisRun? _backgroundRun;

    private ArgoModel(Manifests manifests, FakePrometheus prometheus)
    {
        _manifests = manifests;
        _prometheus = prometheus;
        var rollout = manifests.Single("Rollout");
        _steps = Manifests.Items(rollout["spec"]!["strategy"]!["canary"]!["steps"]).ToList();
        _background = rollout["spec"]!["strategy"]!["canary"]!["analysis"];
        _stageNames = Manifests.StageNames(rollout);
    }

    public static DecisionTrace Run(string exportYaml, string planId, FakePrometheus prometheus, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until)
    {
        var model = new ArgoModel(new Manifests(exportYaml), prometheus);
        return model.Simulate(planId, actions.OrderBy(a => a.Time).ToList(), start, until);
    }

    private string Stage => _stage >= 0 ? _stageNames[_stage] : _stageNames[0];

    private DecisionTrace Simulate(string planId, List<HumanAction> actions, DateTimeOffset start, DateTimeOffset until)
    {
        var now = start;
        if (_background is not null) _backgroundRun = NewRun(_background, now);
        var nextAction = 0;
        for (var guard = 0; guard < 1_000_000; guard++)
        {
            while (nextAction < actions.Count && actions[nextAction].Time <= now) Act(actions[nextAction++]);
            Reconcile(now);
            if (_aborted || _completed) break;
            var next = new[] { _stepRun?.NextDue, _backgroundRun?.NextDue, _pauseUntil, nextAction < actions.Count ? actions[nextAction].Time : null }
                .Where(t => t is not null).Select(t => t!.Value).Where(t => t > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (next > until) break;
            now = next;
        }
        var final = _completed ? Decision.Advance : _aborted ? Decision.RollBack : _inconclusivePause ? Decision.Halt : Decision.Hold;
        return new DecisionTrace(planId, start, until, _events, final, Stage);
    }

    private void Reconcile(DateTimeOffset now)
    {
        _stepRun?.Advance(now, _prometheus);
        _backgroundRun?.Advance(now, _prometheus);

        if (!Paused && _stepRun is { Completed: true } stepRun && stepRun.Phase != "Successful") Act(stepRun.Phase, now, "step analysis");
        if (_aborted) return;
        if (!_inconclusivePause && _backgroundRun is { Completed: true } background)
        {
            if (background.Phase == "Successful") _backgroundRun = null;
            else Act(background.Phase, now, "background analysis");
        }
        if (_aborted) return;

        while (!Paused && _step < _steps.Count)
        {
            var step = _steps[_step];
            if (step["setWeight"] is not null)
            {
                if (_stage >= 0) Record(now, TraceEventKind.Advance, "setWeight " + step["setWeight"]);
                _stage++;
                Record(now, TraceEventKind.StageStarted, "setWeight " + step["setWeight"]);
                _step++;
            }
            else if (step["pause"] is { } pause)
            {
                if (pause["duration"] is { } duration)
                {
                    _pauseUntil ??= now + GoDuration.Parse((string)duration!);
                    if (now < _pauseUntil) return;
                    _pauseUntil = null;
                    _step++;
                }
                else
                {
                    _pausedByStep = true;
                    Record(now, TraceEventKind.WaitingForPerson, "pause without duration");
                    return;
                }
            }
            else if (step["analysis"] is { } analysis)
            {
                _stepRun ??= NewRun(analysis, now);
                _stepRun.Advance(now, _prometheus);
                if (!_stepRun.Completed) return;
                if (_stepRun.Phase != "Successful")
                {
                    Act(_stepRun.Phase, now, "step analysis");
                    return;
                }
                _stepRun = null;
                _step++;
            }
            else throw new InvalidOperationException("The model does not know step " + step.ToJsonString());
        }
        if (!Paused && _step >= _steps.Count && !_completed)
        {
            _completed = true;
            Record(now, TraceEventKind.Completed, "all steps done");
        }
    }

    private bool Paused => _pausedByStep || _inconclusivePause;

    // A completed run that is not Successful: Failed or Error aborts, Inconclusive pauses.
    private void Act(string phase, DateTimeOffset now, string which)
    {
        if (phase == "Inconclusive")
        {
            if (_inconclusivePause) return;
            _inconclusivePause = true;
            Record(now, TraceEventKind.Halt, which + " Inconclusive");
        }
        else
        {
            _aborted = true;
            Record(now, TraceEventKind.RollBack, which + " " + phase);
        }
    }

    // kubectl argo rollouts promote / abort; approve and promote are both a promote (Argo has no roles).
    private void Act(HumanAction action)
    {
        if (_aborted || _completed) return;
        if (action.Kind == HumanActionKind.Abort)
        {
            _aborted = true;
            Record(action.Time, TraceEventKind.RollBack, "abort by " + action.Role);
            return;
        }
        Record(action.Time, TraceEventKind.Approved, "promote by " + action.Role);
        if (_inconclusivePause && _stepRun is { Phase: "Inconclusive" })
        {
            _inconclusivePause = false;
            _stepRun = null;
            _step++;
        }
        else if (Paused)
        {
            if (_inconclusivePause && _background is not null && _backgroundRun is { Completed: true }) _backgroundRun = NewRun(_background, action.Time);
            _inconclusivePause = false;
            if (_pausedByStep)
            {
                _pausedByStep = false;
                _step++;
            }
        }
        else if (_step < _steps.Count)
        {
            _stepRun = null;
            _pauseUntil = null;
            _step++;
        }
    }

    private ArgoAnalysisRun NewRun(JsonNode analysis, DateTimeOffset now)
    {
        var metrics = Manifests.Items(analysis["templates"]).SelectMany(t => Manifests.Items(_manifests.Named("AnalysisTemplate", (string)t["templateName"]!)!["spec"]!["metrics"]));
        var dryRun = Manifests.Items(analysis["dryRun"]).Select(d => (string)d["metricName"]!).ToHashSet();
        return new ArgoAnalysisRun(metrics, dryRun, now);
    }

    private void Record(DateTimeOffset time, TraceEventKind kind, string reason) => _events.Add(new TraceEvent(time, Stage, kind, reason));
}
