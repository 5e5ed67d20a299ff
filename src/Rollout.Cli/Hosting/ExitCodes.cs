namespace Rollout.Cli.Hosting;

/// <summary>The exit codes of every command (fixed by the product contract).</summary>
public static class ExitCodes
{
    /// <summary>Clean, unchanged, or (gate) advance.</summary>
    public const int Ok = 0;

    /// <summary>Findings or changes, none of them riskier.</summary>
    public const int Findings = 1;

    /// <summary>Unusable input: missing file, malformed JSON, bad option. Nothing was written.</summary>
    public const int UnusableInput = 2;

    /// <summary><c>diff</c> found a riskier change.</summary>
    public const int Riskier = 3;

    /// <summary><c>gate</c>: stay at the current stage.</summary>
    public const int Hold = 10;

    /// <summary><c>gate</c>: roll back.</summary>
    public const int RollBack = 20;

    /// <summary><c>gate</c>: halt the rollout.</summary>
    public const int Halt = 30;
}
