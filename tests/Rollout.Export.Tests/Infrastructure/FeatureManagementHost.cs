using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// A real Microsoft.FeatureManagement (4.7.0) as a service hosts it: <c>AddFeatureManagement()</c> over an
/// <see cref="IConfiguration"/> read from one JSON file, asked through <see cref="IVariantFeatureManager"/> with a
/// <see cref="TargetingContext"/> per user. <see cref="Reload"/> re-reads the file into the same configuration, the way a
/// running service picks up the next stage without a restart.
/// </summary>
public sealed class FeatureManagementHost : IDisposable
{
    private readonly IConfigurationRoot _configuration;
    private readonly ServiceProvider _services;

    public FeatureManagementHost(string file)
    {
        _configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(_configuration);
        services.AddFeatureManagement();
        _services = services.BuildServiceProvider();
        Manager = _services.GetRequiredService<IVariantFeatureManager>();
    }

    public IVariantFeatureManager Manager { get; }

    public void Reload() => _configuration.Reload();

    /// <summary>One char a user <c>&lt;prefix&gt;i</c>: 1 when the flag is on for them, else 0.</summary>
    public async Task<string> Answers(string flag, KeyPopulation population)
    {
        var answers = new StringBuilder(population.Count);
        for (var i = 0; i < population.Count; i++)
        {
            var context = new TargetingContext { UserId = population.Prefix + i, Groups = population.Groups };
            answers.Append(await Manager.IsEnabledAsync(flag, context) ? '1' : '0');
        }
        return answers.ToString();
    }

    /// <summary>
    /// Every point of a plan as one running service sees it: <paramref name="results"/>[0] written to <paramref name="file"/>
    /// and a feature manager started on it, then each next point replacing the file and a reload; per point, the answers
    /// of every population (<see cref="Answers"/>).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> AnswersAtEveryPoint(string file, string flag, IReadOnlyList<Rollout.Export.Flags.FlagExportResult> results, IReadOnlyList<KeyPopulation> populations)
    {
        System.IO.File.WriteAllText(file, results[0].Json);
        using var host = new FeatureManagementHost(file);
        var answers = new List<IReadOnlyList<string>>();
        for (var i = 0; i < results.Count; i++)
        {
            if (i > 0)
            {
                System.IO.File.WriteAllText(file, results[i].Json);
                host.Reload();
            }
            var point = new List<string>();
            foreach (var population in populations) point.Add(await host.Answers(flag, population));
            answers.Add(point);
        }
        return answers;
    }

    public void Dispose() => _services.Dispose();
}
