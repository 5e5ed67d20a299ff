using System;
using System.IO;
using Rollout.Dsl;
using Rollout.Export;
using Rollout.Export.Flags;

namespace Rollout.Run;

/// <summary>The file a service's flag provider reads: checked before a run touches it, and replaced whole at every stage and at the rollback.</summary>
public sealed class FlagFile
{
    public FlagFile(string path, FlagFormat target, string? flag)
    {
        Path = System.IO.Path.GetFullPath(path);
        Target = target;
        Flag = flag;
    }

    public string Path { get; }

    public FlagFormat Target { get; }

    /// <summary>The flag key; null: the plan's config rollback flag.</summary>
    public string? Flag { get; }

    /// <summary>
    /// Refuses a flag file a run must not overwrite: a folder that does not exist, or an existing file that is not this
    /// target's format (a flagd file given to a feature-management run, or something else entirely). Checks, writes nothing.
    /// </summary>
    public void Check(RolloutPlan plan)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder)) throw new RunInputException(Path + ": --flag-file: folder " + folder + " does not exist; create it or pass another path.");
        try
        {
            Render(plan, plan.Stages.Count > 0 ? plan.Stages[0].Name : null); // the flag key and the plan are exportable
        }
        catch (ExportException problem)
        {
            throw new RunInputException(problem.Message, problem);
        }
        if (Directory.Exists(Path)) throw new RunInputException(Path + ": --flag-file is a folder; pass the file the service reads.");
        if (!File.Exists(Path)) return;
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new RunInputException(Path + ": --flag-file cannot be read (" + error.Message.TrimEnd('.') + ").", error);
        }
        if (!Target.Recognises(text))
        {
            throw new RunInputException(Path + ": --flag-file is not " + Target.Format + ", the format of --target " + Target.Name
                + "; pass the file of the service's " + Target.Name + " provider, or a new path.");
        }
    }

    /// <summary>The flag configuration at <paramref name="stage"/> (null: the rollback).</summary>
    public FlagExportResult Render(RolloutPlan plan, string? stage) => Target.Export(plan, Flag, stage);

    /// <summary>Writes the configuration at <paramref name="stage"/> (null: the rollback) atomically; the same input writes the same bytes, so a repeat is harmless.</summary>
    public FlagExportResult Write(RolloutPlan plan, string? stage)
    {
        var result = Render(plan, stage);
        AtomicWrite.Text(Path, result.Json);
        return result;
    }
}
