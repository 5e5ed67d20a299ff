using System.IO;
using System.Text.Json.Nodes;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Plans;

/// <summary>What `rollout validate` says when a plan file breaks the schema: where, what is expected there, and what was found.</summary>
public sealed class SchemaMessageTests
{
    public static TheoryData<string, string, string> Breaks() => new()
    {
        // JSON pointer to set, new JSON value (null: remove), the expected line after "<file>: schema "
        { "/stages/1/observe", "\"30m\"", "stages[1].observe '30m' is not valid here: expected ISO 8601 duration in days, hours, minutes and (fractional) seconds, e.g. PT30M" },
        { "/touches/0", "\"moon\"", "touches[0] 'moon' is not a known value; use one of paymentFlow, permissionModel, databaseSchema, persistentData, highTrafficPath, config." },
        { "/stopLoss/0/action", "\"panic\"", "stopLoss[0].action 'panic' is not a known value; use one of rollback, halt." },
        { "/stages/0/colour", "\"red\"", "stages[0].colour unknown property 'colour'; allowed here: name, traffic, observe, advanceWhen, after, overrideBy." },
        { "/stages/0/name", null!, "stages[0] required property 'name' is missing." },
        { "/owner", "5", "owner expected a string, found 5." },
        { "/id", "\"Bad Id\"", "id 'Bad Id' is not valid here: expected plan id: lower-case letters, digits and dashes" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void A_schema_break_says_where_what_is_expected_and_what_was_found(string pointer, string? value, string expected)
    {
        using var folder = new TempFolder("rollout-schema-message");
        var plan = JsonNode.Parse(File.ReadAllText(Tool.SamplePlan("new-checkout-flow")))!;
        var cut = pointer.LastIndexOf('/');
        var parent = Walk(plan, pointer[..cut]);
        var name = pointer[(cut + 1)..];
        if (parent is JsonArray array) array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(value!);
        else if (value is null) ((JsonObject)parent).Remove(name);
        else ((JsonObject)parent)[name] = JsonNode.Parse(value);
        var file = folder.Write("broken.plan.json", plan.ToJsonString());

        var result = Tool.Run("validate", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file + ": schema " + expected, result.Output, System.StringComparison.Ordinal);
    }

    private static JsonNode Walk(JsonNode node, string pointer)
    {
        foreach (var part in pointer.Split('/', System.StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }
        return node;
    }
}
