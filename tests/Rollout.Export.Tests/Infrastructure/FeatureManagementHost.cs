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

    public void Dispose() => _services.Dispose();
}
