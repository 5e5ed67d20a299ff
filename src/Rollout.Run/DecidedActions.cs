using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Flags;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>What an evaluation's decisions call for, as actions with stable ids (<c>&lt;plan&gt;/&lt;evaluation&gt;/&lt;n&gt;</c>), in the order they are taken.</summary>
public static class DecidedActions
{
    /// <summary>The actions the decisions call for: the flag file of the stage the release ends at, or on a rollback the rollback's flag file and the announcement.</summary>
    public static List<RunAction> For(RolloutPlan plan, FlagFile flagFile, int number, DateTimeOffset at, DateTimeOffset detectedAt, IReadOnlyList<TraceEvent> events, StageEvaluation? evaluation)
    {
        var actions = new List<RunAction>();
        string Id() => plan.Id + "/" + number.ToString(CultureInfo.InvariantCulture) + "/" + (actions.Count + 1).ToString(CultureInfo.InvariantCulture);
        var rollBack = events.FirstOrDefault(e => e.Kind == TraceEventKind.RollBack);
        if (rollBack is not null)
        {
            actions.Add(new RunAction { Id = Id(), Kind = RunAction.WriteFlag, DecidedAt = at, Stage = rollBack.Stage, Point = FlagExposure.Rollback });
            var id = Id();
            var announcement = plan.Authority?.Announcement;
            actions.Add(new RunAction
            {
                Id = id,
                Kind = RunAction.Announce,
                DecidedAt = at,
                Stage = rollBack.Stage,
                Text = AnnouncementText.Of(plan, rollBack, evaluation?.Subject, flagFile, id),
                Channel = announcement?.Channel,
                Within = announcement?.Within,
                DetectedAt = detectedAt,
            });
            return actions;
        }
        if (events.LastOrDefault(e => e.Kind == TraceEventKind.StageStarted) is { } started)
        {
            actions.Add(new RunAction { Id = Id(), Kind = RunAction.WriteFlag, DecidedAt = at, Stage = started.Stage, Point = started.Stage });
        }
        return actions;
    }
}
