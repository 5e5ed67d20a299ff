namespace Rollout.Dsl;

/// <summary>What a change touches; decides which readiness rules apply.</summary>
public enum Surface
{
    /// <summary>A payment or checkout flow.</summary>
    PaymentFlow,
    /// <summary>Who may do what: roles, permissions, access checks.</summary>
    PermissionModel,
    /// <summary>A database schema (migrations).</summary>
    DatabaseSchema,
    /// <summary>Records the change writes or rewrites.</summary>
    PersistentData,
    /// <summary>A path carrying a large share of traffic.</summary>
    HighTrafficPath,
    /// <summary>Configuration only, such as a feature flag.</summary>
    Config,
}

public static class SurfaceFacts
{
    /// <summary>Changes to persistent state need a point of no return and a forward-fix path.</summary>
    public static bool ChangesPersistentState(this Surface surface) =>
        surface is Surface.DatabaseSchema or Surface.PersistentData;

    /// <summary>How people call it, in rule messages and the runbook: "payment flow".</summary>
    internal static string PlainName(this Surface surface) => surface switch
    {
        Surface.PaymentFlow => "payment flow",
        Surface.PermissionModel => "permission model",
        Surface.DatabaseSchema => "database schema",
        Surface.PersistentData => "persistent data",
        Surface.HighTrafficPath => "high-traffic path",
        Surface.Config => "configuration",
        _ => Text.EnumText.Undefined(surface),
    };
}
