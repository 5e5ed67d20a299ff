using System;
using System.Globalization;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// Property tests with one seed per test run: <c>ROLLOUT_PROPERTY_SEED</c> (a number; <c>.ci/run</c> sets and prints
/// it) or, unset, <see cref="DefaultSeed"/>. Case <c>i</c> of every property is generated from that seed and <c>i</c>
/// alone, so the same seed replays the same cases; a failure names the seed, the case and CsCheck's own seed for it.
/// </summary>
public static class Property
{
    public const string SeedVariable = "ROLLOUT_PROPERTY_SEED";

    public const ulong DefaultSeed = 20261206;

    /// <summary>This run's seed.</summary>
    public static ulong Seed { get; } = ReadSeed();

    /// <summary>Checks <paramref name="assert"/> on <paramref name="iterations"/> cases of <paramref name="gen"/>.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> assert, int iterations, ITestOutputHelper? log = null)
    {
        log?.WriteLine($"property seed {Seed} ({SeedVariable}), {iterations} cases");
        for (var i = 0; i < iterations; i++)
        {
            var caseSeed = new PCG(1, Mix(Seed, (ulong)i)).ToString();
            try
            {
                gen.Sample(assert, seed: caseSeed, iter: 1, threads: 1);
            }
            catch (Exception e)
            {
                var cause = e;
                while (cause.InnerException is not null) cause = cause.InnerException;
                throw new XunitException(
                    $"Property failed at case {i} of seed {Seed}: replay the run with {SeedVariable}={Seed}, or only this case with CsCheck seed \"{caseSeed}\".\n{e.Message}\n{cause.Message}", e);
            }
        }
    }

    /// <summary>Two-argument form of <see cref="Check{T}"/>, for generators of pairs.</summary>
    public static void Check<T1, T2>(Gen<(T1, T2)> gen, Action<T1, T2> assert, int iterations, ITestOutputHelper? log = null) =>
        Check(gen, pair => assert(pair.Item1, pair.Item2), iterations, log);

    private static ulong ReadSeed()
    {
        var text = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.IsNullOrWhiteSpace(text)) return DefaultSeed;
        return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidOperationException($"{SeedVariable}='{text}' is not a whole number; set it to the seed a failure printed, or unset it.");
    }

    /// <summary>SplitMix64 of the run seed and the case number: neighbouring cases get unrelated generator states.</summary>
    private static ulong Mix(ulong seed, ulong i)
    {
        var z = seed + (i + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
